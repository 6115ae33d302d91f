import { type InputHTMLAttributes, useEffect, useRef, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { fieldErrorsOf, messageOf } from '@/lib/coe/hub-messages';
import { type SecretSource, type SsoForm, ssoFormOf, ssoProblems, ssoRequestOf } from '@/lib/coe/sso-form';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import { SSO_CALLBACK_PATH, type SsoConfig } from '@/lib/contract/hub-sso';
import { formatDateTime } from '@/lib/format';
import { ConfirmAction } from '../ConfirmAction';
import { Field } from '../Field';
import { useLoad } from '../use-load';
import { CopyField } from './CopyField';
import { joinLinkFor } from './JoinLink';
import { UnitOptions } from './UnitOptions';

/**
 * Single sign-on: members sign in with their company account through the organisation's OpenID provider. Shows the
 * set-up (or that there is none), the redirect URI to register at the provider, and a form to set it up or change it.
 */
export function SsoSettings({ client, units }: { client: AdminClient; units: BusinessUnit[] }) {
  const loaded = useLoad(() => client.ssoConfig(), [client]);
  const [editing, setEditing] = useState<SsoForm | null>(null);
  const [saved, setSaved] = useState<SsoConfig | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const config = saved !== undefined ? saved : loaded.data;
  // When the form closes, the keyboard goes on from the section's title, not from the top of the page.
  const title = useRef<HTMLHeadingElement>(null);
  const close = () => {
    setEditing(null);
    requestAnimationFrame(() => title.current?.focus());
  };

  const turnOff = async () => {
    setError(null);
    setNotice(null);
    try {
      await client.deleteSso();
      setSaved(null);
      setNotice('Single sign-on is off: members join with invite codes again.');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="card coe-sso" aria-labelledby="sso-title">
      <h2 id="sso-title" ref={title} tabIndex={-1}>
        Single sign-on
      </h2>
      {config === undefined && !loaded.error && <p className="hint">Loading the sign-in settings…</p>}
      <ErrorNote error={error ?? (config === undefined ? (loaded.error ?? null) : null)} />
      {notice && (
        <p className="coe-notice" role="status">
          {notice}
        </p>
      )}
      {editing ? (
        <SsoEditor
          client={client}
          units={units}
          config={config ?? null}
          initial={editing}
          onCancel={close}
          onSaved={(next) => {
            setSaved(next);
            close();
            setNotice(
              config ? 'Saved: the next sign-in uses it.' : `Single sign-on is on: members sign in as “${next.slug}”.`,
            );
          }}
        />
      ) : config === null ? (
        <>
          <p className="hint">
            Members join with invite codes. With single sign-on they sign in with their company account instead: the
            provider vouches for them, puts them in their unit, and a member who leaves the company is locked out within
            a day.
          </p>
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              setEditing(ssoFormOf(null));
            }}
          >
            Set up single sign-on
          </button>
        </>
      ) : config ? (
        <SsoSummary
          config={config}
          units={units}
          joinLink={joinLinkFor(client, { org: config.slug })}
          onEdit={() => {
            setNotice(null);
            setEditing(ssoFormOf(config));
          }}
          onTurnOff={() => void turnOff()}
        />
      ) : null}
      {!editing && config === null && (
        <p className="hint coe-sso__redirect-hint">
          The provider asks for a redirect URI: <code>{`${client.hubUrl}${SSO_CALLBACK_PATH}`}</code>
        </p>
      )}
    </section>
  );
}

function SsoSummary({
  config,
  units,
  joinLink,
  onEdit,
  onTurnOff,
}: {
  config: SsoConfig;
  units: BusinessUnit[];
  /** Spoke's settings page with the hub and the organisation's name filled in: what the CoE sends members. */
  joinLink: string;
  onEdit(): void;
  onTurnOff(): void;
}) {
  const unitName = (id: string | null) =>
    (id ? units.find((u) => u.id === id)?.name : units.find((u) => u.parentId === null)?.name) ?? 'an unknown unit';
  const secret = config.clientSecret;
  return (
    <>
      <dl className="coe-facts">
        <dt>Members sign in as</dt>
        <dd>
          <code>{config.slug}</code>
        </dd>
        <dt>Identity provider</dt>
        <dd>{config.issuer}</dd>
        <dt>Client</dt>
        <dd>
          <code>{config.clientId}</code>
        </dd>
        <dt>Client secret</dt>
        <dd>
          {secret.source === 'value' ? (
            'Kept encrypted on the hub'
          ) : secret.present ? (
            <>
              In the hub’s environment as <code>{secret.name}</code>
            </>
          ) : (
            <span className="coe-warning">
              <code>{secret.name}</code> is not set in the hub’s environment: nobody can sign in until the hub’s
              operator sets it.
            </span>
          )}
        </dd>
        <dt>Units</dt>
        <dd>
          {config.claims.businessUnit
            ? `From the “${config.claims.businessUnit}” claim (${config.businessUnits.length} ${
                config.businessUnits.length === 1 ? 'value' : 'values'
              } mapped); others go to ${unitName(config.defaultBusinessUnitId)}`
            : `Everyone goes to ${unitName(config.defaultBusinessUnitId)}`}
        </dd>
        <dt>CoE role</dt>
        <dd>{config.coeGroup ? `Members of the “${config.coeGroup}” group` : 'Set here in the console'}</dd>
        <dt>Stays signed in</dt>
        <dd>
          {config.tokenMaxAgeDays} {config.tokenMaxAgeDays === 1 ? 'day' : 'days'} after the provider last vouched
        </dd>
        <dt>Invite codes</dt>
        <dd>{config.inviteCodes ? 'Still work' : 'Turned off: members sign in with the provider only'}</dd>
        <dt>Changed</dt>
        <dd>{formatDateTime(config.updatedAt)}</dd>
      </dl>
      <p className="hint">
        Send members this link: it opens Spoke’s settings with the hub and “{config.slug}” filled in, one click from
        signing in.
      </p>
      <CopyField value={joinLink} label="Join link for signing in with the organisation" copyLabel="Copy link" />
      <p className="hint">Register this redirect URI for the hub’s client at the provider:</p>
      <CopyField value={config.redirectUri} label="Redirect URI" copyLabel="Copy URI" />
      <div className="coe-actions">
        <button type="button" className="button" onClick={onEdit}>
          Change
        </button>
        <ConfirmAction
          label="Turn off"
          triggerLabel="Turn off single sign-on"
          title="Turn off single sign-on?"
          confirmLabel="Turn off single sign-on"
          onConfirm={onTurnOff}
        >
          Members can no longer sign in with the provider, and invite codes work again. Browsers already connected stay
          connected until their sign-in ends.
        </ConfirmAction>
      </div>
    </>
  );
}

const SECRET_SOURCES: Array<{ value: SecretSource; label: string }> = [
  { value: 'unchanged', label: 'Keep the current secret' },
  { value: 'value', label: 'Paste it here (kept encrypted on the hub)' },
  { value: 'env', label: 'In the hub’s environment' },
];

function SsoEditor({
  client,
  units,
  config,
  initial,
  onCancel,
  onSaved,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  config: SsoConfig | null;
  initial: SsoForm;
  onCancel(): void;
  onSaved(config: SsoConfig): void;
}) {
  const [form, setForm] = useState(initial);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Opened from a button that is now gone: the keyboard starts at the first field.
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus(), []);
  const set = <K extends keyof SsoForm>(key: K, value: SsoForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    // After a refused save, the messages follow the edits: a fixed field loses its message at once.
    if (Object.keys(problems).length) {
      const still = ssoProblems(next);
      setProblems(still);
      if (Object.keys(still).length === 0) setError(null);
    }
  };
  const setMapping = (i: number, change: Partial<SsoForm['mappings'][number]>) =>
    set(
      'mappings',
      form.mappings.map((m, k) => (k === i ? { ...m, ...change } : m)),
    );

  const save = async () => {
    const local = ssoProblems(form);
    setProblems(local);
    setError(null);
    if (Object.keys(local).length) {
      setError('Some fields need a change before single sign-on can be saved.');
      return;
    }
    setBusy(true);
    try {
      onSaved(await client.saveSso(ssoRequestOf(form)));
    } catch (e) {
      setProblems(fieldErrorsOf(e));
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const sources = SECRET_SOURCES.filter((s) => s.value !== 'unchanged' || config);
  const redirectUri = config?.redirectUri ?? `${client.hubUrl}${SSO_CALLBACK_PATH}`;
  return (
    <form
      ref={formRef}
      className="coe-sso__form"
      aria-label={config ? 'Change single sign-on' : 'Set up single sign-on'}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>Your identity provider</legend>
        <p className="hint">Register Spoke at your provider as a web application with this redirect URI:</p>
        <CopyField value={redirectUri} label="Redirect URI" copyLabel="Copy URI" />
        <TextField
          label="Issuer URL"
          error={problems['body.issuer']}
          hint="As its discovery document states it."
          value={form.issuer}
          placeholder="https://login.example.com/"
          onChange={(v) => set('issuer', v)}
        />
        <TextField
          label="Client ID"
          error={problems['body.clientId']}
          value={form.clientId}
          autoComplete="off"
          onChange={(v) => set('clientId', v)}
        />
        <div className="field" role="radiogroup" aria-labelledby="sso-secret-label">
          <span id="sso-secret-label" className="field__label">
            Client secret
          </span>
          {sources.map((s) => (
            <label key={s.value} className="coe-choice">
              <input
                type="radio"
                name="sso-secret-source"
                value={s.value}
                checked={form.secretSource === s.value}
                onChange={() => set('secretSource', s.value)}
              />
              {s.label}
            </label>
          ))}
        </div>
        {form.secretSource === 'value' && (
          <TextField
            label="Secret"
            error={problems['body.clientSecret.value']}
            hint="The hub never shows it again."
            type="password"
            autoComplete="off"
            value={form.secretValue}
            onChange={(v) => set('secretValue', v)}
          />
        )}
        {form.secretSource === 'env' && (
          <TextField
            label="Variable name"
            error={problems['body.clientSecret.name'] ?? problems['body.clientSecret']}
            hint="Your hub’s operator sets it: SPOKE_SSO_SECRET_…"
            value={form.secretEnv}
            placeholder="SPOKE_SSO_SECRET_ACME"
            onChange={(v) => set('secretEnv', v)}
          />
        )}
        <Field label="Client authentication">
          {(id) => (
            <select
              id={id}
              value={form.clientAuthentication}
              onChange={(e) => set('clientAuthentication', e.target.value as SsoForm['clientAuthentication'])}
            >
              <option value="client_secret_basic">Secret in the Authorization header (client_secret_basic)</option>
              <option value="client_secret_post">Secret in the request body (client_secret_post)</option>
            </select>
          )}
        </Field>
        <TextField
          label="Scopes"
          error={problems['body.scopes'] ?? firstAt(problems, 'body.scopes.')}
          hint="Separated by spaces; offline_access keeps browsers signed in between sign-ins."
          value={form.scopes}
          onChange={(v) => set('scopes', v)}
        />
      </fieldset>

      <fieldset>
        <legend>Members</legend>
        <TextField
          label="Organisation name for signing in"
          error={problems['body.slug']}
          hint="Members type it once, or get it in a join link: lowercase letters, digits and dashes."
          value={form.slug}
          placeholder="acme"
          autoComplete="off"
          onChange={(v) => set('slug', v)}
        />
        <TextField
          label="Sign-in name claim"
          error={problems['body.claims.userName']}
          value={form.userNameClaim}
          onChange={(v) => set('userNameClaim', v)}
        />
        <TextField
          label="Display name claim"
          error={problems['body.claims.displayName']}
          value={form.displayNameClaim}
          onChange={(v) => set('displayNameClaim', v)}
        />
        <TextField
          label="Groups claim"
          error={problems['body.claims.groups']}
          value={form.groupsClaim}
          onChange={(v) => set('groupsClaim', v)}
        />
        <TextField
          label="CoE group"
          error={problems['body.coeGroup']}
          hint="Its members get the CoE role at each sign-in. Empty: roles are set here in the console."
          value={form.coeGroup}
          onChange={(v) => set('coeGroup', v)}
        />
      </fieldset>

      <fieldset>
        <legend>Units</legend>
        <TextField
          label="Unit claim"
          error={problems['body.claims.businessUnit']}
          hint="The claim that names a member's department or team (department, groups…). Empty: none."
          value={form.unitClaim}
          placeholder="department"
          onChange={(v) => set('unitClaim', v)}
        />
        {form.unitClaim.trim() && (
          <div className="coe-sso__mappings">
            {form.mappings.length > 0 && (
              <table className="coe-table">
                <caption className="visually-hidden">Claim values and their units</caption>
                <thead>
                  <tr>
                    <th scope="col">When the claim is</th>
                    <th scope="col">Unit</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {form.mappings.map((m, i) => {
                    const valueProblem = problems[`body.businessUnits.${i}.value`];
                    const unitProblem = problems[`body.businessUnits.${i}.businessUnitId`];
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                      <tr key={i}>
                        <td>
                          <input
                            aria-label={`Claim value ${i + 1}`}
                            aria-invalid={valueProblem ? true : undefined}
                            value={m.value}
                            onChange={(e) => setMapping(i, { value: e.target.value })}
                          />
                          {valueProblem && <span className="field__error">{valueProblem}</span>}
                        </td>
                        <td>
                          <select
                            aria-label={`Unit for claim value ${i + 1}`}
                            aria-invalid={unitProblem ? true : undefined}
                            value={m.unitId}
                            onChange={(e) => setMapping(i, { unitId: e.target.value })}
                          >
                            <option value="">Choose a unit…</option>
                            <UnitOptions units={units} />
                          </select>
                          {unitProblem && <span className="field__error">{unitProblem}</span>}
                        </td>
                        <td className="coe-table__end">
                          <button
                            type="button"
                            className="button button--quiet"
                            aria-label={`Remove claim value ${i + 1}`}
                            onClick={() =>
                              set(
                                'mappings',
                                form.mappings.filter((_, k) => k !== i),
                              )
                            }
                          >
                            Remove
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <button
              type="button"
              className="button button--quiet"
              onClick={() => set('mappings', [...form.mappings, { value: '', unitId: '' }])}
            >
              Add a claim value
            </button>
          </div>
        )}
        <Field
          label={form.unitClaim.trim() ? 'Everyone else goes to' : 'Members go to'}
          error={problems['body.defaultBusinessUnitId']}
        >
          {(id) => (
            <select
              id={id}
              // The top unit is the hub's default: saved by API as its id, it is the first option here.
              value={units.some((u) => u.id === form.defaultUnitId && u.parentId !== null) ? form.defaultUnitId : ''}
              onChange={(e) => set('defaultUnitId', e.target.value)}
            >
              <option value="">The whole organisation (its top unit)</option>
              <UnitOptions units={units} exceptRoot />
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset>
        <legend>Staying signed in</legend>
        <TextField
          label="Days a browser stays signed in"
          error={problems['body.tokenMaxAgeDays']}
          hint="Counted from when the provider last vouched for the member; Spoke asks it again every day."
          value={form.tokenMaxAgeDays}
          inputMode="numeric"
          className="coe-sso__days"
          onChange={(v) => set('tokenMaxAgeDays', v)}
        />
        <label className="coe-choice">
          <input type="checkbox" checked={form.inviteCodes} onChange={(e) => set('inviteCodes', e.target.checked)} />
          Invite codes still work (turn off once everyone signs in with the provider)
        </label>
      </fieldset>

      <ErrorNote error={error} />
      <div className="coe-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : config ? 'Save changes' : 'Turn on single sign-on'}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function firstAt(problems: Record<string, string>, prefix: string): string | undefined {
  for (const [path, message] of Object.entries(problems)) if (path.startsWith(prefix)) return message;
  return undefined;
}

/** A text field of the form: its label, its hint or problem, and the control described by either. */
function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  ...input
}: {
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'placeholder' | 'autoComplete' | 'inputMode' | 'className'>) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          {...input}
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
