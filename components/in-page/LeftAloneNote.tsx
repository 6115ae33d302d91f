import { SpokeMark } from '../ui/SpokeMark';

/**
 * The quiet mark at the corner of an editor Spoke leaves alone on purpose (LinkedIn's article editor): it says that
 * nothing is checked here and why, so the member does not take the missing underlines for a clean text.
 */
export function LeftAloneNote({ label, reason }: { label: string; reason: string }) {
  return (
    <div className="spoke-corner">
      <span
        className="spoke-badge spoke-badge--off"
        role="note"
        data-testid="spoke-not-checked"
        aria-label={`Spoke: ${label}. ${reason}`}
        title={reason}
      >
        <SpokeMark size={14} />
        <span className="spoke-badge__label">{label}</span>
      </span>
    </div>
  );
}
