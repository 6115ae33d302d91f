import { type FormEvent, type InputHTMLAttributes, useRef, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import { MessageError } from '@/lib/messaging/error';
import { send } from '@/lib/messaging/send';
import { checkEnrolment, ENROL_MESSAGES, type EnrolField } from '@/lib/sync/enrol-fields';
import type { ConnectStart } from '@/lib/sync/join-link';
import { SetByOrganisation } from './Managed';

/** The hub and invite code from a join link the CoE sends: options.html?hub=…&code=… */
export function joinLinkParams(search: string): { hub: string; code: string } {
  const params = new URLSearchParams(search);
  return { hub: params.get('hub') ?? '', code: params.get('code') ?? '' };
}

type Values = Record<EnrolField, string>;
type FieldErrors = Partial<Record<EnrolField, string>>;

const FIELD_IDS: Record<EnrolField, string> = {
  hubUrl: 'enrol-hub',
  inviteCode: 'enrol-code',
  displayName: 'enrol-name',
};

function isEnrolField(field: string): field is EnrolField {
  return Object.hasOwn(FIELD_IDS, field);
}

/** One field of the connect form: its label, a hint, and its error tied to it (aria-invalid, aria-describedby). */
function Field({
  field,
  label,
  hint,
  error,
  value,
  onChange,
  inputProps,
}: {
  field: EnrolField;
  label: string;
  hint?: string;
  error: string | undefined;
  value: string;
  onChange(value: string): void;
  inputProps?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const id = FIELD_IDS[field];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={field}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
        {...inputProps}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Step 1: connect this browser to the company's hub with an invite code. `initial` comes from a join link under the
 * organisation's settings (lib/sync/join-link.ts `connectStart`): a pinned hub is shown, not offered for change.
 */
export function EnrolForm({ initial }: { initial: Pick<ConnectStart, 'hub' | 'code'> & Partial<ConnectStart> }) {
  const pinned = initial.hubPinned === true;
  const [values, setValues] = useState<Values>({ hubUrl: initial.hub, inviteCode: initial.code, displayName: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const set = (field: EnrolField) => (value: string) => {
    setValues((before) => ({ ...before, [field]: value }));
    setErrors((before) => ({ ...before, [field]: undefined })); // the member is fixing it
  };
  /** Shows the problems and moves the focus to the first field to fix. */
  const show = (problems: ReadonlyArray<{ field: string; message: string }>) => {
    const next: FieldErrors = {};
    // A pinned hub has no field to show its problem at (the hub is down, say): it is said above the button.
    const hubProblem = pinned ? problems.find((p) => p.field === 'hubUrl') : undefined;
    if (hubProblem) setError(hubProblem.message);
    const atFields = problems.filter((p) => isEnrolField(p.field) && !(pinned && p.field === 'hubUrl'));
    for (const { field, message } of atFields) next[field as EnrolField] ??= message;
    setErrors(next);
    const first = atFields[0]?.field as EnrolField | undefined;
    if (first)
      requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`#${FIELD_IDS[first]}`)?.focus());
    return Object.keys(next).length + (hubProblem ? 1 : 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (show(checkEnrolment(values)) > 0) return;
    setBusy(true);
    try {
      await send({ type: 'enroll', ...values });
    } catch (failure) {
      const fields = failure instanceof MessageError ? failure.fields : [];
      // A sentence tied to a field is shown there only; one about the whole form (busy hub, too many tries) above.
      if (show(fields) === 0) {
        setError(failure instanceof MessageError ? failure.message : ENROL_MESSAGES.generic);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={form} className="card" onSubmit={submit} aria-labelledby="enrol-title" noValidate>
      <h2 id="enrol-title">Connect to your company</h2>
      <p className="hint">
        Your CoE (the social team) sent you a join link or an invite code. Spoke asks what it may record on the next
        step.
      </p>
      <ErrorNote error={initial.refusal ?? null} />
      {pinned ? (
        <fieldset className="field field--managed">
          <legend>Hub address</legend>
          <p className="managed-value">
            <span className="managed-value__text">{values.hubUrl}</span> <SetByOrganisation />
          </p>
        </fieldset>
      ) : (
        <Field
          field="hubUrl"
          label="Hub address"
          hint="Starts with https://, as in your join link (http:// only for a hub on this computer)."
          error={errors.hubUrl}
          value={values.hubUrl}
          onChange={set('hubUrl')}
          inputProps={{ type: 'url', placeholder: 'https://spoke.example.com', autoComplete: 'url', spellCheck: false }}
        />
      )}
      <Field
        field="inviteCode"
        label="Invite code"
        error={errors.inviteCode}
        value={values.inviteCode}
        onChange={set('inviteCode')}
        inputProps={{ autoComplete: 'off', spellCheck: false }}
      />
      <Field
        field="displayName"
        label="Your name, as your colleagues know you"
        error={errors.displayName}
        value={values.displayName}
        onChange={set('displayName')}
        inputProps={{ autoComplete: 'name' }}
      />
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

const COLLECTED = [
  'That you shared an approved post, where (LinkedIn or X), and which one',
  'Clicks on the tracked links in your posts, counted per day (never who clicked)',
  'The view counts LinkedIn and X show you on your own posts',
  'How often a guideline tip appeared or was fixed, as counts per rule',
  "How often Spoke did not recognise a site's editor or Post button, as counts (so your CoE can fix it)",
];
const NEVER = [
  'Anything you type: drafts are checked on this device and never leave it',
  'Your feed, your messages, or pages you visit',
  'Which tips you dismissed, word for word',
];

/** Step 2: exactly what is recorded and what never is; nothing is recorded before "I agree". */
export function ConsentForm({ organisation }: { organisation: string }) {
  const [leaderboard, setLeaderboard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (request: Parameters<typeof send>[0]) => {
    setBusy(true);
    setError(null);
    try {
      await send(request);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">What Spoke records for {organisation}</h2>
      <div className="columns">
        <div>
          <h3>Recorded, once you agree</h3>
          <ul className="list list--yes">
            {COLLECTED.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Never recorded</h3>
          <ul className="list list--no">
            {NEVER.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
      <label className="switch">
        <input type="checkbox" checked={leaderboard} onChange={(e) => setLeaderboard(e.target.checked)} />
        Show my name on my team's leaderboard (you can change this later)
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void act({ type: 'consent', leaderboardOptIn: leaderboard })}
        >
          I agree
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => void act({ type: 'sign-out' })}
        >
          Not now, disconnect
        </button>
      </div>
    </section>
  );
}
