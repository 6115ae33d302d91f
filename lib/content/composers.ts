import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createHighlightPainter, supportsHighlights } from '@/lib/composer/highlights';
import type { LeftAloneEditor } from '@/lib/composer/left-alone';
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

/** Puts the quiet "not checked here" note next to an editor the site pack leaves alone (injected too). */
export type MountLeftAloneNote = (ctx: ContentScriptContext, surface: LeftAloneEditor) => ComposerAttachment;

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
  mountLeftAlone?: MountLeftAloneNote,
): SiteWatch {
  const painter = supportsHighlights() ? createHighlightPainter(document) : null;
  const suggestions = createSuggestionsChip(adapter.network);
  const coverage = watchCoverage(definitions, document, {
    report: (signal) => notify({ type: 'coverage-seen', ...signal }),
  });
  const stopReach = reportReach(adapter, definitions, () => coverage.noticeRead());
  const composers = watchComposers(definitions, document, {
    onComposer(composer) {
      if (composer.postKind === 'post') suggestions.refresh();
      // A post (not a comment or reply) is followed by the site's "post published" notice, which links it to its id.
      const published = () => {
        if (composer.postKind === 'post') coverage.published(composer.editor, composer.definitionId);
      };
      const session = createComposerSession(composer, sessionDeps(composer, painter, published));
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
  return {
    rescan: composers.rescan,
    stop() {
      stopReach();
      coverage.stop();
      composers.stop();
    },
  };
}
