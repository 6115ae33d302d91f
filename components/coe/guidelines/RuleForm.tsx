import { useId, useMemo, useState } from 'react';
import { SEVERITIES } from '@/lib/coe/policy-draft';
import {
  compilePattern,
  PatternError,
  type PolicyPack,
  type Rule,
  RuleSchema,
  type Severity,
  validatePack,
} from '@/lib/guidelines';

type Kind = 'phrases' | 'pattern';
interface Example {
  key: number;
  text: string;
  expect: 'hit' | 'miss';
}

const CATEGORIES = [
  ['confidential', 'Confidential information'],
  ['disclosure', 'Disclosure'],
  ['securities', 'Securities'],
  ['privacy', 'Privacy'],
  ['legal', 'Legal'],
  ['competitors', 'Competitors'],
  ['claims', 'Claims'],
  ['conduct', 'Conduct'],
  ['tone', 'Tone'],
  ['brand', 'Brand'],
  ['links', 'Links'],
  ['format', 'Format and length'],
] as const;

/** The first free id like CUST-001. */
function nextRuleId(taken: Set<string>): string {
  for (let n = 1; n < 1000; n++) {
    const id = `CUST-${String(n).padStart(3, '0')}`;
    if (!taken.has(id)) return id;
  }
  return 'CUST-999';
}

export interface RuleFormProblems {
  id?: string;
  title?: string;
  matcher?: string;
  message?: string;
  examples?: string;
  /** By example key: why it fails. */
  byExample: Map<number, string>;
}

/**
 * Adding a phrase rule or a pattern rule. Messages appear beside the fields as the CoE types; the rule's own examples
 * (at least one that must be flagged and one that must pass) run against the engine before the rule can be added.
 */
export function RuleForm({
  pack,
  takenIds,
  onAdd,
}: {
  /** The pack the rule joins (its dictionaries and settings apply to the examples). */
  pack: PolicyPack;
  takenIds: Set<string>;
  onAdd: (rule: Rule) => void;
}) {
  const formId = useId();
  const [kind, setKind] = useState<Kind>('phrases');
  const [id, setId] = useState(() => nextRuleId(takenIds));
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<string>('confidential');
  const [severity, setSeverity] = useState<Severity>('warning');
  const [phrases, setPhrases] = useState('');
  const [pattern, setPattern] = useState('');
  const [message, setMessage] = useState('');
  const [rationale, setRationale] = useState('');
  const [examples, setExamples] = useState<Example[]>([
    { key: 1, text: '', expect: 'hit' },
    { key: 2, text: '', expect: 'miss' },
  ]);
  const [submitted, setSubmitted] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  const rule = useMemo(
    () => ({
      id: id.trim(),
      title: title.trim(),
      category,
      severity,
      matchers: {
        m:
          kind === 'phrases'
            ? {
                kind: 'phrases',
                phrases: phrases
                  .split('\n')
                  .map((p) => p.trim())
                  .filter(Boolean),
              }
            : { kind: 'pattern', pattern: pattern.trim() },
      },
      when: { has: 'm' },
      message: message.trim(),
      rationale: rationale.trim() || message.trim() || 'Company guideline.',
      source: { label: 'Company social media guidelines' },
      tests: examples.filter((e) => e.text.trim()).map((e) => ({ text: e.text, expect: e.expect })),
    }),
    [id, title, category, severity, kind, phrases, pattern, message, rationale, examples],
  );

  const problems = useMemo((): RuleFormProblems => {
    const out: RuleFormProblems = { byExample: new Map() };
    if (!/^[A-Z][A-Z0-9]*-[0-9]{3}$/.test(rule.id))
      out.id = 'Rule ids look like “CUST-001”: capitals, a dash, three digits.';
    else if (takenIds.has(rule.id)) out.id = `${rule.id} is already used; choose another id.`;
    if (!rule.title) out.title = 'Give the rule a short title.';
    else if (rule.title.length > 80) out.title = 'Keep the title under 80 characters.';
    if (kind === 'phrases' && phrases.trim() === '') {
      out.matcher = 'List at least one phrase, one per line.';
    }
    if (kind === 'pattern') {
      if (!pattern.trim()) out.matcher = 'Write a pattern (RE2 syntax).';
      else {
        try {
          compilePattern(pattern.trim());
        } catch (e) {
          out.matcher = e instanceof PatternError ? capitalise(e.message) : `This pattern cannot run: ${String(e)}`;
        }
      }
    }
    if (!rule.message) out.message = 'Say what the advocate should change; they see this message.';
    else if (rule.message.length > 240) out.message = 'Keep the message under 240 characters.';
    const hits = rule.tests.filter((t) => t.expect === 'hit').length;
    const misses = rule.tests.length - hits;
    if (hits === 0 || misses === 0) {
      out.examples = 'Add at least one example that must be flagged and one that must pass.';
    }
    if (out.id || out.title || out.matcher || out.message || out.examples) return out;
    const parsed = RuleSchema.safeParse(rule);
    if (!parsed.success) {
      out.examples = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return out;
    }
    // The examples run against the pack's dictionaries and settings, with this rule alone (cheap while typing).
    const result = validatePack({ ...pack, rules: [parsed.data] });
    if (!result.ok) {
      const filled = examples.filter((e) => e.text.trim());
      for (const error of result.errors) {
        const m = /tests\[(\d+)\]/.exec(error.path);
        const example = m ? filled[Number(m[1])] : undefined;
        if (example) {
          out.byExample.set(
            example.key,
            example.expect === 'hit'
              ? 'The rule does not flag this example, but it should.'
              : 'The rule flags this example, but it should pass.',
          );
        } else out.matcher ??= capitalise(error.message);
      }
    }
    return out;
  }, [rule, kind, phrases, pattern, pack, takenIds, examples]);

  const invalid =
    !!problems.id ||
    !!problems.title ||
    !!problems.matcher ||
    !!problems.message ||
    !!problems.examples ||
    problems.byExample.size > 0;
  const show = (field?: string, touched = true) => (submitted || touched ? field : undefined);

  const submit = () => {
    setSubmitted(true);
    setAdded(null);
    if (invalid) return;
    const parsed = RuleSchema.parse(rule);
    onAdd(parsed);
    setAdded(`${parsed.id} added to the draft. Save a version to keep it.`);
    setSubmitted(false);
    setTitle('');
    setPhrases('');
    setPattern('');
    setMessage('');
    setRationale('');
    setExamples([
      { key: 1, text: '', expect: 'hit' },
      { key: 2, text: '', expect: 'miss' },
    ]);
    setId(nextRuleId(new Set([...takenIds, parsed.id])));
  };

  const field = (name: string) => `${formId}-${name}`;
  const err = (name: string, text?: string) =>
    text ? (
      <p className="gl-field-error" id={field(`${name}-error`)}>
        {text}
      </p>
    ) : null;
  const matcherShown = show(problems.matcher, kind === 'phrases' ? phrases !== '' : pattern !== '');

  return (
    <form
      className="gl-form"
      aria-label="Add a rule"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className="gl-kind">
        <legend>Kind of rule</legend>
        <label>
          <input type="radio" name={field('kind')} checked={kind === 'phrases'} onChange={() => setKind('phrases')} />
          Phrases (words to watch for)
        </label>
        <label>
          <input type="radio" name={field('kind')} checked={kind === 'pattern'} onChange={() => setKind('pattern')} />
          Pattern (RE2 regular expression)
        </label>
      </fieldset>
      <div className="gl-form__row">
        <label htmlFor={field('id')}>Rule id</label>
        <input
          id={field('id')}
          value={id}
          onChange={(e) => setId(e.target.value.toUpperCase())}
          aria-invalid={show(problems.id, id !== '') ? true : undefined}
          aria-describedby={show(problems.id, true) ? field('id-error') : undefined}
        />
        {err('id', show(problems.id, true))}
      </div>
      <div className="gl-form__row">
        <label htmlFor={field('title')}>Title</label>
        <input
          id={field('title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={show(problems.title, title !== '') ? true : undefined}
          aria-describedby={show(problems.title, title !== '') ? field('title-error') : undefined}
        />
        {err('title', show(problems.title, title !== ''))}
      </div>
      <div className="gl-form__row gl-form__row--inline">
        <label htmlFor={field('category')}>Category</label>
        <select id={field('category')} value={category} onChange={(e) => setCategory(e.target.value)}>
          {CATEGORIES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={field('severity')}>Severity</label>
        <select id={field('severity')} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {kind === 'phrases' ? (
        <div className="gl-form__row">
          <label htmlFor={field('phrases')}>Phrases, one per line</label>
          <textarea
            id={field('phrases')}
            rows={3}
            value={phrases}
            onChange={(e) => setPhrases(e.target.value)}
            aria-invalid={matcherShown ? true : undefined}
            aria-describedby={matcherShown ? field('matcher-error') : undefined}
          />
          {err('matcher', matcherShown)}
        </div>
      ) : (
        <div className="gl-form__row">
          <label htmlFor={field('pattern')}>Pattern</label>
          <input
            id={field('pattern')}
            value={pattern}
            spellCheck={false}
            className="gl-mono"
            placeholder="for example prj-\d{4}"
            onChange={(e) => setPattern(e.target.value)}
            aria-invalid={matcherShown ? true : undefined}
            aria-describedby={matcherShown ? field('matcher-error') : undefined}
          />
          {err('matcher', matcherShown)}
        </div>
      )}
      <div className="gl-form__row">
        <label htmlFor={field('message')}>Message the advocate sees</label>
        <input
          id={field('message')}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          aria-invalid={show(problems.message, message !== '') ? true : undefined}
          aria-describedby={show(problems.message, message !== '') ? field('message-error') : undefined}
        />
        {err('message', show(problems.message, message !== ''))}
      </div>
      <div className="gl-form__row">
        <label htmlFor={field('rationale')}>Why (optional)</label>
        <input id={field('rationale')} value={rationale} onChange={(e) => setRationale(e.target.value)} />
      </div>
      <fieldset className="gl-examples">
        <legend>The rule's own tests</legend>
        <p className="hint">Every save runs them: a version whose rules fail their examples is refused.</p>
        {examples.map((example, i) => {
          const why = problems.byExample.get(example.key);
          return (
            <div key={example.key} className="gl-example">
              <select
                aria-label={`Example ${i + 1} should`}
                value={example.expect}
                onChange={(e) =>
                  setExamples(
                    examples.map((x) =>
                      x.key === example.key ? { ...x, expect: e.target.value as 'hit' | 'miss' } : x,
                    ),
                  )
                }
              >
                <option value="hit">be flagged</option>
                <option value="miss">pass</option>
              </select>
              <input
                aria-label={`Example ${i + 1}`}
                value={example.text}
                placeholder={example.expect === 'hit' ? 'A post this rule must flag' : 'A post this rule must let pass'}
                aria-invalid={why ? true : undefined}
                onChange={(e) =>
                  setExamples(examples.map((x) => (x.key === example.key ? { ...x, text: e.target.value } : x)))
                }
              />
              {examples.length > 2 && (
                <button
                  type="button"
                  className="gl-link"
                  aria-label={`Remove example ${i + 1}`}
                  onClick={() => setExamples(examples.filter((x) => x.key !== example.key))}
                >
                  Remove
                </button>
              )}
              {why && <p className="gl-field-error">{why}</p>}
            </div>
          );
        })}
        <button
          type="button"
          className="gl-link"
          onClick={() =>
            setExamples([
              ...examples,
              { key: Math.max(0, ...examples.map((e) => e.key)) + 1, text: '', expect: 'miss' },
            ])
          }
        >
          Add an example
        </button>
        {err('examples', show(problems.examples, false))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button">
          Add rule to the draft
        </button>
      </div>
      {submitted && invalid && (
        <p className="gl-field-error" role="alert">
          This rule is not ready: fix the marked fields.
        </p>
      )}
      {added && (
        <p className="gl-note" role="status">
          {added}
        </p>
      )}
    </form>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
