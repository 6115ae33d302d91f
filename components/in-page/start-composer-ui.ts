import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createStore } from 'zustand/vanilla';
import { createHighlightPainter, supportsHighlights } from '@/lib/composer/highlights';
import { type ComposerSession, createComposerSession } from '@/lib/composer/session';
import { pickPostComposer, shareIntoComposer } from '@/lib/composer/share-into';
import { readEditorText } from '@/lib/composer/text';
import { watchComposers } from '@/lib/composer/watcher';
import type {
  CheckRequest,
  CheckResponse,
  GuidelineFeedbackRequest,
  InsertShareResponse,
  MuteRuleRequest,
  OpenSidePanelRequest,
  PostLinkedRequest,
  PostPublishedRequest,
  ReachSeenRequest,
  Refusal,
  SuggestionCountRequest,
  SuggestionCountResponse,
} from '@/lib/contract/messages';
import { watchReach } from '@/lib/reach/watch-reach';
import { siteSwitchesItem } from '@/lib/settings/site-switches';
import type { SiteAdapter } from '@/lib/sites/types';
import { mountComposerUi } from './mount-composer-ui';

/**
 * Everything a site's content script does: watch that site's composers, check each one's text in the background
 * (the policy never enters the page) and decorate it.
 */
export async function startComposerUi(ctx: ContentScriptContext, adapter: SiteAdapter): Promise<void> {
  let stop: (() => void) | undefined;
  const apply = (on: boolean) => {
    if (on && !stop) stop = watchSite(ctx, adapter);
    if (!on && stop) {
      stop();
      stop = undefined;
    }
  };
  apply((await siteSwitchesItem.getValue())[adapter.network]);
  const unwatch = siteSwitchesItem.watch((switches) => apply(switches[adapter.network]));
  const onMessage = (
    raw: unknown,
    sender: { id?: string },
    sendResponse: (answer: InsertShareResponse | { text: string }) => void,
  ) => {
    // Only Spoke's background sends to this tab; zod stays out of the page bundle, so check the shape by hand.
    const message = raw as { type?: unknown; text?: unknown; network?: unknown };
    if (sender.id !== browser.runtime.id) return false;
    if (message?.type === 'read-composer') {
      // For ranking suggestions in the side panel; the answer stays inside the extension.
      const session = pickPostComposer(sessions);
      sendResponse({ text: session ? readEditorText(session.composer.editor).text.slice(0, 3_000) : '' });
      return false;
    }
    if (message?.type !== 'insert-share') return false;
    if (typeof message.text !== 'string' || message.text.length > 10_000 || message.network !== adapter.network) {
      sendResponse({ ok: false, inserted: false });
      return false;
    }
    void shareIntoComposer(() => sessions, message.text).then(
      (outcome) =>
        sendResponse(
          outcome === 'inserted' ? { ok: true, inserted: true } : { ok: true, inserted: false, reason: outcome },
        ),
      () => sendResponse({ ok: false, inserted: false, reason: 'not-accepted' }),
    );
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    unwatch();
    apply(false);
    browser.runtime.onMessage.removeListener(onMessage);
  });
}

/** The sessions of the composers on this page now. */
const sessions = new Set<ComposerSession>();

function watchSite(ctx: ContentScriptContext, adapter: SiteAdapter): () => void {
  const painter = supportsHighlights() ? createHighlightPainter(document) : null;
  const suggestions = {
    store: createStore<{ count: number }>(() => ({ count: 0 })),
    open() {
      const request: OpenSidePanelRequest = { type: 'open-side-panel' };
      void browser.runtime.sendMessage(request).catch(() => undefined);
    },
  };
  const refreshCount = () => {
    const request: SuggestionCountRequest = { type: 'suggestion-count', network: adapter.network };
    void browser.runtime
      .sendMessage(request)
      .then(
        (answer: SuggestionCountResponse | Refusal) => answer.ok && suggestions.store.setState({ count: answer.count }),
      )
      .catch(() => undefined);
  };
  const stopReach = watchReach(document, adapter.reach, {
    seen(posts) {
      const request: ReachSeenRequest = {
        type: 'reach-seen',
        network: adapter.network,
        posts: posts.map((post) => ({ postId: post.postId, ...post.counts })),
      };
      void browser.runtime.sendMessage(request).catch(() => undefined);
    },
    published(postId) {
      const request: PostLinkedRequest = { type: 'post-linked', network: adapter.network, postId };
      void browser.runtime.sendMessage(request).catch(() => undefined);
    },
  });
  const stopComposers = watchComposers(adapter, document, {
    onComposer(composer) {
      if (composer.postKind === 'post') refreshCount();
      const session = createComposerSession(composer, {
        painter,
        async requestCheck(text) {
          const request: CheckRequest = { type: 'check', text, network: composer.network, postKind: composer.postKind };
          const response = (await browser.runtime.sendMessage(request)) as CheckResponse | Refusal;
          if (!response.ok) throw new Error(response.error);
          return response;
        },
        async muteRule(ruleId) {
          const request: MuteRuleRequest = { type: 'mute-rule', ruleId };
          const response = (await browser.runtime.sendMessage(request)) as { ok: boolean };
          return response.ok;
        },
        onFeedback(ruleId) {
          const request: GuidelineFeedbackRequest = { type: 'guideline-feedback', network: composer.network, ruleId };
          void browser.runtime.sendMessage(request).catch(() => undefined);
        },
        onPublished(rules) {
          const request: PostPublishedRequest = {
            type: 'post-published',
            network: composer.network,
            postKind: composer.postKind,
            rules: rules.slice(0, 100),
          };
          void browser.runtime.sendMessage(request).catch(() => undefined);
        },
      });
      sessions.add(session);
      const attachment = mountComposerUi(ctx, session, suggestions);
      return {
        isAttached: attachment.isAttached,
        detach() {
          sessions.delete(session);
          attachment.detach();
        },
      };
    },
  });
  return () => {
    stopReach();
    stopComposers();
  };
}
