import { useState } from 'react';

/** A value to copy somewhere else (a join link, a redirect URI, a secret shown once): read-only, with a Copy button. */
export function CopyField({ value, label, copyLabel }: { value: string; label: string; copyLabel: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="coe-join">
      <input readOnly aria-label={label} value={value} onFocus={(e) => e.target.select()} />
      <button type="button" className="button button--quiet" onClick={copy}>
        {copied ? 'Copied' : copyLabel}
      </button>
    </div>
  );
}
