import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHighlightPainter, supportsHighlights } from '@/lib/composer/highlights';
import { type ComposerSession, createComposerSession } from '@/lib/composer/session';
import { type ComposerAttachment, type LeftAloneEditor, watchComposers } from '@/lib/composer/watcher';
import { notify } from '@/lib/messaging/send';
import type { SiteAdapter } from '@/lib/sites/types';
import { watchCoverage } from './coverage';
import { reportReach } from './reach';
import { sessionDeps } from './session-deps';
import { createSuggestionsChip, type SuggestionsChip } from './suggestions';

/** Puts the in-page UI of one session on the page (components/in-page/mount-composer-ui.tsx, injected). */
export type MountComposerUi = (
  ctx: ContentScriptContext,
  session: ComposerSession,
  suggestions: SuggestionsChip,
) => ComposerAttachment;

/** Puts the quiet "not checked here" note next to an editor the site's adapter leaves alone (injected too). */
export type MountLeftAloneNote = (ctx: ContentScriptContext, surface: LeftAloneEditor) => ComposerAttachment;

/**
 * Watches the site's composers while Spoke is on for it: one session per composer, its UI mounted next to it, its
 * text checked in the background; and the member's own posts reported for reach. Returns the function that stops.
 */
export function watchSite(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  mount: MountComposerUi,
  sessions: Set<ComposerSession>,
  mountLeftAlone?: MountLeftAloneNote,
): () => void {
  const painter = supportsHighlights() ? createHighlightPainter(document) : null;
  const suggestions = createSuggestionsChip(adapter.network);
  const stopReach = reportReach(adapter);
  const stopCoverage = watchCoverage(adapter, document, {
    report: (signal) => notify({ type: 'coverage-seen', ...signal }),
  });
  const stopComposers = watchComposers(adapter, document, {
    onComposer(composer) {
      if (composer.postKind === 'post') suggestions.refresh();
      const session = createComposerSession(composer, sessionDeps(composer, painter));
      sessions.add(session);
      const attachment = mount(ctx, session, suggestions);
      return {
        isAttached: attachment.isAttached,
        detach() {
          sessions.delete(session);
          attachment.detach();
        },
      };
    },
    onLeftAlone: mountLeftAlone && ((surface) => mountLeftAlone(ctx, surface)),
  });
  return () => {
    stopReach();
    stopCoverage();
    stopComposers();
  };
}
