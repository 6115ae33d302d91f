import { type ReactNode, useEffect, useId, useMemo, useState } from 'react';
import { CompileError, check, compile, type Finding, type Network, type PolicyPack } from '@/lib/guidelines';

const DEBOUNCE_MS = 200;

/**
 * Paste a sample post and see what the draft policy says, as an advocate's composer would: the draft is compiled
 * here with the same engine, the text never leaves the page.
 */
export function TestBench({ pack, checkingAs }: { pack: PolicyPack; checkingAs: string }) {
  const inputId = useId();
  const [text, setText] = useState('');
  const [settled, setSettled] = useState('');
  const [network, setNetwork] = useState<Network>('linkedin');

  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const compiled = useMemo(() => {
    try {
      return { ok: true as const, policy: compile(pack, { cache: false }) };
    } catch (e) {
      const message =
        e instanceof CompileError
          ? e.errors.map((x) => `${x.ruleId ? `${x.ruleId}: ` : ''}${x.message}`).join('; ')
          : String(e);
      return { ok: false as const, message };
    }
  }, [pack]);

  const findings = useMemo(
    () => (compiled.ok && settled ? check(compiled.policy, settled, { network, postKind: 'post' }) : []),
    [compiled, settled, network],
  );

  return (
    <section className="gl-bench" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Test bench</h2>
      <p className="hint">
        Checking as <strong>{checkingAs}</strong>, with the draft as it is now (saved or not). The text stays on this
        page.
      </p>
      <div className="gl-bench__controls">
        <label htmlFor={inputId}>Sample post</label>
        <select aria-label="Network" value={network} onChange={(e) => setNetwork(e.target.value as Network)}>
          <option value="linkedin">LinkedIn</option>
          <option value="x">X</option>
        </select>
      </div>
      <textarea
        id={inputId}
        rows={5}
        value={text}
        placeholder="Paste or type a post, for example: Excited that Nightjar ships next week!"
        onChange={(e) => setText(e.target.value)}
      />
      {!compiled.ok && (
        <p className="gl-field-error" role="alert">
          The draft cannot run: {compiled.message}
        </p>
      )}
      {settled && compiled.ok && (
        <>
          <p className="gl-bench__preview" data-testid="bench-preview">
            {highlight(settled, findings)}
          </p>
          <div aria-live="polite">
            {findings.length === 0 ? (
              <p className="gl-note" data-testid="bench-summary">
                No findings: this post passes the draft policy.
              </p>
            ) : (
              <>
                <p className="gl-note" data-testid="bench-summary">
                  {findings.length === 1 ? '1 finding' : `${findings.length} findings`}
                </p>
                <ul className="gl-findings" aria-label="Findings">
                  {findings.map((f) => (
                    <li key={`${f.ruleId}:${f.start}:${f.end}`} className={`gl-finding gl-finding--${f.severity}`}>
                      <span className={`gl-sev gl-sev--${f.severity}`}>{f.severity}</span>
                      <strong className="gl-rule-id">{f.ruleId}</strong> {f.title}
                      <div className="gl-finding__message">{f.message}</div>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** The text with the findings' spans marked (the first of overlapping spans wins; the list shows them all). */
function highlight(text: string, findings: Finding[]): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (f.start < at || f.end <= f.start) continue;
    if (f.start > at) out.push(text.slice(at, f.start));
    out.push(
      <mark
        key={`${f.ruleId}:${f.start}`}
        className={`gl-mark gl-mark--${f.severity}`}
        title={`${f.ruleId}: ${f.title}`}
      >
        {text.slice(f.start, f.end)}
      </mark>,
    );
    at = f.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}
