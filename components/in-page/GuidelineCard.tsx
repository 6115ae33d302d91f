import { type ButtonHTMLAttributes, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { Finding } from '@/lib/contract/findings';

const SEVERITY_LABEL = { critical: 'Important', warning: 'Warning', info: 'Tip' } as const;

export interface CardActions {
  onFix(fixIndex: number): void;
  onDismiss(): void;
  onNotHelpful(): void;
  onMute(): void;
  onClose(): void;
}

export interface CardPlacement {
  /** The finding's first line, in viewport coordinates. */
  anchor: DOMRect | null;
  /** The caret's line: the card never covers it. */
  caret: DOMRect | null;
}

const GAP = 6;

/** Below the finding, or above it when below would cover the caret's line or leave the viewport. */
export function placeCard(
  anchor: DOMRect,
  caret: DOMRect | null,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number } {
  const left = Math.max(GAP, Math.min(anchor.left, viewport.width - size.width - GAP));
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - size.height;
  const coversCaret = (top: number) => !!caret && caret.bottom > top && caret.top < top + size.height;
  const fits = (top: number) => top >= 0 && top + size.height <= viewport.height;
  if (fits(below) && !coversCaret(below)) return { left, top: below };
  if (fits(above) && !coversCaret(above)) return { left, top: above };
  return { left, top: fits(below) ? below : Math.max(GAP, above) };
}

/** A card button that keeps the editor's caret when clicked with a pointer; keyboard users get normal focus. */
function CardButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type="button" {...props} onMouseDown={(event) => event.preventDefault()} />;
}

/**
 * The explanation card of one finding: what, why, and the fixes. Keyboard: opened from the badge it takes focus;
 * Tab moves between its buttons, Enter activates, Esc closes and returns to the editor.
 */
export function GuidelineCard({
  finding,
  placement,
  takeFocus,
  actions,
}: {
  finding: Finding;
  placement: CardPlacement;
  takeFocus: boolean;
  actions: CardActions;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [why, setWhy] = useState(false);
  const titleId = useId();

  useLayoutEffect(() => {
    const card = ref.current;
    if (!card || !placement.anchor) return;
    // Fixed positioning is relative to the viewport unless an ancestor re-anchors it (transform, filter…):
    // measure where (0, 0) lands and correct for it.
    card.style.left = '0px';
    card.style.top = '0px';
    const origin = card.getBoundingClientRect();
    const view = card.ownerDocument.defaultView;
    const { left, top } = placeCard(
      placement.anchor,
      placement.caret,
      { width: origin.width, height: origin.height },
      { width: view?.innerWidth ?? 1024, height: view?.innerHeight ?? 768 },
    );
    card.style.left = `${left - origin.left}px`;
    card.style.top = `${top - origin.top}px`;
  });

  useEffect(() => {
    if (takeFocus) ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, [takeFocus]);

  return (
    <div
      ref={ref}
      className={`spoke-card spoke-card--${finding.severity}`}
      role="dialog"
      aria-labelledby={titleId}
      // A click on the card's text keeps the focus in the card (Tab reaches its buttons, Esc closes it) instead of
      // dropping it on the page, or on the site's own dialog around the composer.
      tabIndex={-1}
      data-testid="spoke-card"
      data-rule-id={finding.ruleId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          actions.onClose();
        }
      }}
    >
      <div className="spoke-card__head">
        <span className="spoke-card__severity">{SEVERITY_LABEL[finding.severity]}</span>
        <h2 className="spoke-card__title" id={titleId}>
          {finding.title}
        </h2>
        <CardButton className="spoke-card__close" aria-label="Close" onClick={actions.onClose}>
          ×
        </CardButton>
      </div>
      <p className="spoke-card__message">{finding.message}</p>
      {why && (
        <div className="spoke-card__why" data-testid="spoke-card-why">
          <p>{finding.rationale}</p>
          {finding.source && (
            <p className="spoke-card__source">
              Source:{' '}
              {finding.source.url ? (
                <a href={finding.source.url} target="_blank" rel="noreferrer noopener">
                  {finding.source.label}
                </a>
              ) : (
                finding.source.label
              )}
            </p>
          )}
        </div>
      )}
      <div className="spoke-card__actions">
        {finding.fixes.map((fix, index) => (
          <CardButton
            key={fix.label}
            className="spoke-button spoke-button--primary"
            data-testid="spoke-fix"
            onClick={() => actions.onFix(index)}
          >
            {fix.label}
          </CardButton>
        ))}
        {finding.rationale && (
          <CardButton className="spoke-button" aria-expanded={why} onClick={() => setWhy(!why)}>
            {why ? 'Hide why' : 'Why?'}
          </CardButton>
        )}
        <CardButton className="spoke-button" data-testid="spoke-dismiss" onClick={actions.onDismiss}>
          Dismiss
        </CardButton>
        <CardButton
          className="spoke-button spoke-button--quiet"
          data-testid="spoke-not-helpful"
          onClick={actions.onNotHelpful}
        >
          Not helpful
        </CardButton>
        {finding.severity === 'info' && (
          <CardButton className="spoke-button spoke-button--quiet" data-testid="spoke-mute" onClick={actions.onMute}>
            Don't show this tip again
          </CardButton>
        )}
      </div>
    </div>
  );
}
