import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHighlightPainter, supportsHighlights } from '@/lib/composer/highlights';
import { createComposerSession } from '@/lib/composer/session';
import { watchComposers } from '@/lib/composer/watcher';
import type { CheckRequest, CheckResponse, MuteRuleRequest, Refusal } from '@/lib/contract/messages';
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
  ctx.onInvalidated(() => {
    unwatch();
    apply(false);
  });
}

function watchSite(ctx: ContentScriptContext, adapter: SiteAdapter): () => void {
  const painter = supportsHighlights() ? createHighlightPainter(document) : null;
  return watchComposers(adapter, document, {
    onComposer(composer) {
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
      });
      return mountComposerUi(ctx, session);
    },
  });
}
