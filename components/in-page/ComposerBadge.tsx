import type { PostKind } from '@/lib/contract/common';
import type { Finding } from '@/lib/contract/findings';
import { SpokeMark } from '../ui/SpokeMark';

/** "2 warnings", "1 tip": warnings and critical findings count as warnings; info findings are tips. */
export function badgeLabel(findings: readonly Finding[]): string {
  const warnings = findings.filter((f) => f.severity !== 'info').length;
  const tips = findings.length - warnings;
  const parts: string[] = [];
  if (warnings) parts.push(`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`);
  if (tips) parts.push(`${tips} ${tips === 1 ? 'tip' : 'tips'}`);
  return parts.join(' · ');
}

function worstSeverity(findings: readonly Finding[]): 'critical' | 'warning' | 'info' | 'none' {
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length ? 'info' : 'none';
}

/**
 * The small mark at the corner of a composer Spoke watches. With findings it shows their count and is the
 * keyboard entry point to the cards.
 */
export function ComposerBadge({
  postKind,
  findings,
  onOpen,
}: {
  postKind: PostKind;
  findings: readonly Finding[];
  onOpen(): void;
}) {
  const label = badgeLabel(findings);
  const severity = worstSeverity(findings);
  return (
    <button
      type="button"
      className={`spoke-badge spoke-badge--${severity}`}
      data-testid="spoke-badge"
      data-post-kind={postKind}
      data-count={findings.length}
      aria-label={label ? `Spoke: ${label}. Show the first.` : `Spoke checks this ${postKind} against your guidelines`}
      title={
        label
          ? 'Show what Spoke found'
          : `Spoke checks this ${postKind} on your device against your company's guidelines.`
      }
      aria-disabled={findings.length === 0}
      // Keep the caret in the editor when clicked with a pointer.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => findings.length > 0 && onOpen()}
    >
      <SpokeMark size={14} />
      <span className="spoke-badge__label" aria-live="polite">
        {label || 'Spoke'}
      </span>
    </button>
  );
}
