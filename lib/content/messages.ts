import { browser } from 'wxt/browser';
import type { ComposerSession } from '@/lib/composer/session';
import { pickPostComposer, shareIntoComposer } from '@/lib/composer/share-into';
import { readEditorText } from '@/lib/composer/text';
import type { InsertShareResponse } from '@/lib/contract/messages';
import type { TabRequest, TabResponseOf } from '@/lib/messaging/tab';
import type { SiteAdapter } from '@/lib/sites/types';

type Answer = (answer: TabResponseOf<'insert-share'> | TabResponseOf<'read-composer'>) => void;

/**
 * Answers the background's messages to this tab (lib/messaging/tab.ts): put a shared post into the composer, or
 * say what the post composer holds. Only Spoke's background is answered. zod stays out of the page bundle, so the
 * shapes are checked by hand; the background parses the answers. Returns the function that stops listening.
 */
export function answerBackground(adapter: SiteAdapter, sessions: Set<ComposerSession>): () => void {
  const onMessage = (raw: unknown, sender: { id?: string }, sendResponse: Answer) => {
    if (sender.id !== browser.runtime.id) return false;
    const message = raw as { type?: TabRequest['type']; text?: unknown; network?: unknown } | null;
    if (message?.type === 'read-composer') {
      // For ranking suggestions in the side panel; the answer stays inside the extension.
      const session = pickPostComposer(sessions);
      sendResponse({ ok: true, text: session ? readEditorText(session.composer.editor).text.slice(0, 3_000) : '' });
      return false;
    }
    if (message?.type !== 'insert-share') return false;
    const { text, network } = message;
    if (typeof text !== 'string' || text.length > 10_000 || network !== adapter.network) {
      sendResponse({ ok: false, inserted: false });
      return false;
    }
    void shareIntoComposer(() => sessions, text).then(
      (outcome) =>
        sendResponse(
          outcome === 'inserted'
            ? { ok: true, inserted: true }
            : ({ ok: true, inserted: false, reason: outcome } satisfies InsertShareResponse),
        ),
      () => sendResponse({ ok: false, inserted: false, reason: 'not-accepted' }),
    );
    return true; // the answer is async: keep the channel open
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
