import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHighlightPainter, supportsHighlights } from '@/lib/composer/highlights';
import { type ComposerSession, createComposerSession } from '@/lib/composer/session';
import { type ComposerAttachment, watchComposers } from '@/lib/composer/watcher';
import { notify } from '@/lib/messaging/send';
import type { SiteAdapter, SiteDefinitions } from '@/lib/sites/types';
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

/** A running watch of a site: `rescan` once the definitions changed (a new site pack), `stop` to end it. */
export interface SiteWatch {
  rescan(): void;
  stop(): void;
}

/**
 * Watches the site's composers while Spoke is on for it, with the definitions `definitions()` gives: one session
 * per composer, its UI mounted next to it, its text checked in the background; what the definitions miss counted
 * for coverage; and the member's own posts reported for reach.
 */
export function watchSite(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  definitions: () => SiteDefinitions,
  mount: MountComposerUi,
  sessions: Set<ComposerSession>,
): SiteWatch {
  const painter = supportsHighlights() ? createHighlightPainter(document) : null;
  const suggestions = createSuggestionsChip(adapter.network);
  const stopReach = reportReach(adapter);
  const stopCoverage = watchCoverage(definitions, document, {
    report: (signal) => notify({ type: 'coverage-seen', ...signal }),
  });
  const composers = watchComposers(definitions, document, {
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
  });
  return {
    rescan: composers.rescan,
    stop() {
      stopReach();
      stopCoverage();
      composers.stop();
    },
  };
}
