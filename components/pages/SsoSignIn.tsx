import { type FormEvent, useRef, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { Enrolment } from '@/lib/db';
import { MessageError } from '@/lib/messaging/error';
import { send } from '@/lib/messaging/send';
import type { ConnectStart } from '@/lib/sync/join-link';
import { checkSsoSignIn, type SsoField } from '@/lib/sync/sso';
import { SetByOrganisation } from './Managed';

const IDS: Record<SsoField, string> = { hubUrl: 'sso-hub', organisation: 'sso-organisation' };

/**
 * "Sign in with your organisation": the company's own sign-in page opens in the browser's sign-in window; Spoke ends
 * connected, and asks what it may record on the next step (nothing is recorded before). `start` is what a join link
 * (options.html?hub=…&org=…) and the organisation's managed settings give (lib/sync/join-link.ts): a pinned hub is
 * shown, not offered for change. `setByOrganisation`: the organisation chose this way of signing in.
 */
export function SsoSignInForm({
  start,
  organisation,
  setByOrganisation,
}: {
  start: Pick<ConnectStart, 'hub'> & Partial<ConnectStart>;
  organisation: string;
  setByOrganisation: boolean;
}) {
  const pinned = start.hubPinned === true;
  const [values, setValues] = useState<Record<SsoField, string>>({ hubUrl: start.hub, organisation });
  const [errors, setErrors] = useState<Partial<Record<SsoField, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const show = (problems: ReadonlyArray<{ field: string; message: string }>) => {
    const next: Partial<Record<SsoField, string>> = {};
    // A pinned hub has no field to show its problem at (the hub is down, say): it is said above the button.
    const hubProblem = pinned ? problems.find((p) => p.field === 'hubUrl') : undefined;
    if (hubProblem) setError(hubProblem.message);
    for (const { field, message } of problems) {
      if (field === 'organisation' || (field === 'hubUrl' && !pinned)) next[field] ??= message;
    }
    setErrors(next);
    const first = (Object.keys(IDS) as SsoField[]).find((field) => next[field]);
    if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`#${IDS[first]}`)?.focus());
    return Object.keys(next).length + (hubProblem ? 1 : 0);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (show(checkSsoSignIn(values)) > 0) return;
    setBusy(true);
    try {
      await send({ type: 'sso-sign-in', ...values });
    } catch (failure) {
      const fields = failure instanceof MessageError ? failure.fields : [];
      if (show(fields) === 0) setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: SsoField, label: string, hint: string, placeholder: string, type = 'text') => {
    const id = IDS[name];
    const described = [`${id}-hint`, errors[name] ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <div className={`field${errors[name] ? ' field--invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
        <input
          id={id}
          name={name}
          type={type}
          value={values[name]}
          placeholder={placeholder}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={described}
          onChange={(e) => {
            setValues((before) => ({ ...before, [name]: e.target.value }));
            setErrors((before) => ({ ...before, [name]: undefined }));
          }}
        />
        {errors[name] && (
          <p id={`${id}-error`} className="field__error">
            {errors[name]}
          </p>
        )}
      </div>
    );
  };

  return (
    <form ref={form} className="card" onSubmit={submit} aria-labelledby="sso-title" noValidate>
      <h2 id="sso-title">Sign in with your organisation</h2>
      <p className="hint">
        If your company signs in to Spoke with its own account (single sign-on), use it here: its sign-in page opens in
        a window of your browser. Spoke asks what it may record on the next step.
        {setByOrganisation && (
          <>
            {' '}
            <SetByOrganisation />
          </>
        )}
      </p>
      <ErrorNote error={start.refusal ?? null} />
      {pinned ? (
        <fieldset className="field field--managed">
          <legend>Your company’s Spoke hub</legend>
          <p className="managed-value">
            <span className="managed-value__text">{values.hubUrl}</span> <SetByOrganisation />
          </p>
        </fieldset>
      ) : (
        field(
          'hubUrl',
          'Your company’s Spoke hub',
          'The https:// address your CoE sent you.',
          'https://spoke.example.com',
          'url',
        )
      )}
      {field('organisation', 'Organisation name on the hub', 'As your CoE wrote it, for example acme.', 'acme')}
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in with your organisation'}
        </button>
      </div>
    </form>
  );
}

/** When the organisation asks the member to sign in again: one button, the same hub and organisation as before. */
export function SignInAgain({ enrolment }: { enrolment: Enrolment }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const organisation = enrolment.sso?.organisation;
  if (!organisation) return null;
  const again = async () => {
    setBusy(true);
    setError(null);
    try {
      await send({ type: 'sso-sign-in', hubUrl: enrolment.hubUrl, organisation });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void again()}>
          {busy ? 'Signing in…' : 'Sign in again'}
        </button>
      </div>
      <ErrorNote error={error} />
    </>
  );
}
