import { SEVERITIES } from '@/lib/coe/policy-draft';
import type { Severity } from '@/lib/guidelines';

const LABEL: Record<Severity, string> = { info: 'Info', warning: 'Warning', critical: 'Critical' };

/**
 * Radio buttons (arrow keys move between them) for a rule's severity. Only the allowed severities are offered: an
 * overlay never sees the ones that would weaken a central rule.
 */
export function SeveritySwitch({
  ruleId,
  value,
  allowed,
  onChange,
}: {
  ruleId: string;
  value: Severity;
  allowed: readonly Severity[];
  onChange: (severity: Severity) => void;
}) {
  const options = SEVERITIES.filter((s) => allowed.includes(s));
  return (
    <fieldset className="gl-severity" aria-label={`Severity of ${ruleId}`}>
      {options.map((s) => (
        <label key={s} className={`gl-severity__option gl-severity__option--${s}`}>
          <input
            type="radio"
            name={`severity-${ruleId}`}
            value={s}
            checked={value === s}
            onChange={() => onChange(s)}
          />
          <span>{LABEL[s]}</span>
        </label>
      ))}
    </fieldset>
  );
}
