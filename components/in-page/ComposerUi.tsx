import { useLayoutEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ComposerSession } from '@/lib/composer/session';
import type { SuggestionsChip } from '@/lib/content/suggestions';
import { ComposerBadge } from './ComposerBadge';
import { ConfirmPost } from './ConfirmPost';
import { GuidelineCard } from './GuidelineCard';

/** What the session draws over its editor (a textarea's mirror, with its underlines), below everything else here. */
function EditorOverlay({ session }: { session: ComposerSession }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => (ref.current ? session.mountOverlay(ref.current) : undefined), [session]);
  return <div ref={ref} className="spoke-overlay" />;
}

/** Everything Spoke shows next to one composer: badge, card, the optional post confirmation, notices, marks. */
export function ComposerUi({ session, suggestions }: { session: ComposerSession; suggestions: SuggestionsChip }) {
  const suggestionCount = useStore(suggestions.store, (s) => s.count);
  const empty = useStore(session.store, (s) => s.empty);
  // Offered while the post is empty: once the member writes, the corner stays clear of their text.
  const showChip = session.composer.postKind === 'post' && suggestionCount > 0 && empty;
  const findings = useStore(session.store, (s) => s.findings);
  const active = useStore(session.store, (s) => s.active);
  const notice = useStore(session.store, (s) => s.notice);
  const confirming = useStore(session.store, (s) => s.confirmingPost);
  const marks = useStore(session.store, (s) => s.marks);
  const nudge = useStore(session.store, (s) => s.nudge);
  useStore(session.store, (s) => s.layout); // re-place the card when the page scrolls or resizes

  const finding = active ? findings[active.index] : undefined;
  return (
    <>
      <EditorOverlay session={session} />
      {marks.map((mark, i) =>
        mark.rects.map((rect, j) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: marks have no identity beyond their position
            key={`${i}-${j}`}
            className={`spoke-mark spoke-mark--${mark.severity}`}
            style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}
          />
        )),
      )}
      {/* The corner of the composer: the badge, and beside it the nudge for near-copies of shared content. */}
      <div className="spoke-corner">
        <ComposerBadge
          postKind={session.composer.postKind}
          findings={findings}
          onOpen={() => session.open(0, 'keyboard')}
        />
        {showChip && (
          <button
            type="button"
            className="spoke-chip"
            data-testid="spoke-suggestions"
            title="Approved posts from your company, ready to share"
            onMouseDown={(event) => event.preventDefault()}
            onClick={suggestions.open}
          >
            {suggestionCount} {suggestionCount === 1 ? 'suggestion' : 'suggestions'}
          </button>
        )}
        {nudge && !confirming && (
          <span
            className="spoke-nudge"
            role="status"
            data-testid="spoke-nudge"
            title="Personal posts get more reactions than copies of the approved text."
          >
            Add a sentence of your own
            <button
              type="button"
              className="spoke-nudge__close"
              aria-label="Close the tip"
              onClick={session.closeNudge}
            >
              ×
            </button>
          </span>
        )}
      </div>
      {finding && active && (
        <GuidelineCard
          key={`${active.index}:${finding.ruleId}:${finding.start}`}
          finding={finding}
          placement={{ anchor: session.findingRect(active.index), caret: session.caretRect() }}
          takeFocus={active.via === 'keyboard'}
          actions={{
            onFix: (fixIndex) => void session.applyFix(active.index, fixIndex),
            onDismiss: () => session.dismiss(active.index),
            onNotHelpful: () => session.notHelpful(active.index),
            onMute: () => void session.mute(active.index),
            onClose: () => session.close(true),
          }}
        />
      )}
      {confirming && (
        <ConfirmPost
          count={findings.filter((f) => f.severity === 'critical').length}
          onPostAnyway={session.postAnyway}
          onReview={session.review}
        />
      )}
      {notice && (
        <p className="spoke-notice" role="status" data-testid="spoke-notice">
          {notice}
        </p>
      )}
    </>
  );
}
