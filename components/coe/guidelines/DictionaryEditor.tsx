import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { entryProblem } from '@/lib/coe/policy-draft';

/**
 * One dictionary: its entries as removable chips and a field that adds one on Enter. In an overlay, the entries it
 * inherits are shown but cannot be removed, and a dictionary whose growth would silence a central rule is locked.
 */
export function DictionaryEditor({
  name,
  label,
  hint,
  secret,
  inherited,
  own,
  lockedBy,
  onAdd,
  onRemove,
}: {
  name: string;
  label: string;
  hint: string;
  secret: boolean;
  inherited: string[];
  own: string[];
  /** Central rules that an addition here could silence (overlays only). */
  lockedBy?: string[];
  onAdd: (entry: string) => void;
  onRemove: (entry: string) => void;
}) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const secretId = useId();
  const problemId = useId();
  const described = secret ? `${hintId} ${secretId}` : hintId;
  const add = () => {
    const why = entryProblem([...inherited, ...own], value);
    setProblem(why);
    if (why) return;
    onAdd(value.trim());
    setValue('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  return (
    <section className="gl-dict" aria-labelledby={`${inputId}-title`} data-testid={`dictionary-${name}`}>
      <h3 id={`${inputId}-title`}>
        {label} {secret && <span className="gl-tag gl-tag--secret">Secret</span>}{' '}
        <span className="gl-count">{inherited.length + own.length}</span>
      </h3>
      <p className="hint" id={hintId}>
        {hint}
      </p>
      {secret && (
        // Said plainly, so no one takes the hashing for more than it is (lib/guidelines/sealed.ts).
        <div className="gl-secret-note" id={secretId}>
          <p>
            <strong>What “secret” protects:</strong> advocates’ devices get each entry only as a keyed hash, never the
            name, so a look at Spoke’s storage on a laptop or at a copy of the policy shows no codename. Spoke still
            finds the names in drafts, also when they are spelled to slip past.
          </p>
          <p>
            <strong>What it does not:</strong> anyone who has the policy can test guesses against the hashes, so a short
            or ordinary word (“Phoenix”, “Atlas”) is found by trying a word list. Choose names that are not ordinary
            words. Only this list is hashed: a name written into a rule’s phrases or fixes reaches devices as written.
          </p>
        </div>
      )}
      {inherited.length + own.length === 0 ? (
        <p className="hint">No entries yet.</p>
      ) : (
        <ul className="gl-chips" aria-label={`${label} entries`}>
          {inherited.map((e) => (
            <li key={`i:${e}`} className="gl-chip gl-chip--inherited" title="From the central policy or a parent unit">
              {e}
            </li>
          ))}
          {own.map((e) => (
            <li key={`o:${e}`} className="gl-chip">
              {e}
              <button
                type="button"
                aria-label={`Remove ${e} from ${label}`}
                onClick={() => {
                  onRemove(e);
                  // The chip goes away with its button: keep the keyboard in this dictionary.
                  input.current?.focus();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {lockedBy && lockedBy.length > 0 ? (
        <p className="hint gl-locked">
          Only the central policy can add here: an entry could silence {lockedBy.join(', ')}.
        </p>
      ) : (
        <div className="gl-dict__add">
          <label htmlFor={inputId} className="gl-visually-hidden">
            Add to {label}
          </label>
          <input
            id={inputId}
            ref={input}
            value={value}
            placeholder={`Add to ${label.toLowerCase()} and press Enter`}
            aria-describedby={problem ? `${described} ${problemId}` : described}
            aria-invalid={problem ? true : undefined}
            onChange={(e) => {
              setValue(e.target.value);
              setProblem(null);
            }}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button button--quiet" onClick={add}>
            Add
          </button>
        </div>
      )}
      {problem && (
        <p className="gl-field-error" id={problemId}>
          {problem}
        </p>
      )}
    </section>
  );
}
