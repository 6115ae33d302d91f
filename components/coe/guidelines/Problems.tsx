import { forwardRef } from 'react';
import type { Problem } from '@/lib/coe/policy-problems';

/**
 * Why a version was refused, rule by rule, with the rule's own example that failed (the CoE wrote it; it is shown
 * only here, never sent anywhere else).
 */
export const Problems = forwardRef<
  HTMLDivElement,
  { title: string; problems: Problem[]; unitName: (id: string) => string }
>(function Problems({ title, problems, unitName }, ref) {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 20);
  return (
    <div className="gl-problems" role="alert" tabIndex={-1} ref={ref} data-testid="policy-problems">
      <h2>{title}</h2>
      <ul>
        {shown.map((p) => (
          <li key={`${p.where}:${p.path}:${p.ruleId ?? ''}:${p.message}`}>
            <span className="gl-problems__where">
              {p.where === 'central'
                ? 'Central policy'
                : p.where === 'file'
                  ? 'File'
                  : `Overlay of ${unitName(p.where)}`}
            </span>
            {p.ruleId && <strong className="gl-rule-id">{p.ruleId}</strong>}
            <span>{sentence(p.message)}</span>
            {p.example && (
              <span className="gl-problems__example">
                Example {p.example.index} (expects a {p.example.expect}): <q>{p.example.text}</q>
              </span>
            )}
            {!p.example && p.path && p.path !== '(root)' && p.path !== '(file)' && (
              <code className="gl-problems__path">{p.path}</code>
            )}
          </li>
        ))}
      </ul>
      {problems.length > shown.length && <p className="hint">…and {problems.length - shown.length} more.</p>}
    </div>
  );
});

function sentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
