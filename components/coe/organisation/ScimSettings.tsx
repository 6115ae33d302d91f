import { useEffect, useRef, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import type { ScimSecretResponse } from '@/lib/contract/hub-scim';
import { formatDateTime } from '@/lib/format';
import { ConfirmAction } from '../ConfirmAction';
import { useLoad } from '../use-load';
import { CopyField } from './CopyField';

/**
 * Provisioning (SCIM): where the organisation's identity provider creates, updates and deactivates members, and
 * the secret it uses. A new secret is shown once; the one before stops at once.
 */
export function ScimSettings({ client }: { client: AdminClient }) {
  const settings = useLoad(() => client.scimSettings(), [client]);
  const [fresh, setFresh] = useState<ScimSecretResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const freshRef = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // A new secret takes the focus (selected, ready to copy); after a revoke, the buttons that had it are gone and the
  // section's title takes it.
  useEffect(() => {
    if (fresh) freshRef.current?.querySelector('input')?.focus();
  }, [fresh]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      settings.reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    act(async () => {
      setFresh(await client.newScimSecret());
    });
  const revoke = () =>
    act(async () => {
      await client.revokeScimSecret();
      setFresh(null);
      title.current?.focus();
      setNotice('Secret revoked: provisioning stops until you make a new one.');
    });

  const data = settings.data;
  const secret = data?.secret ?? null;
  return (
    <section className="card" aria-labelledby="scim-title">
      <h2 id="scim-title" ref={title} tabIndex={-1}>
        Provisioning (SCIM)
      </h2>
      {!data && !settings.error && <p className="hint">Loading the provisioning settings…</p>}
      <ErrorNote error={error ?? (data ? null : (settings.error ?? null))} />
      {notice && (
        <p className="coe-notice" role="status">
          {notice}
        </p>
      )}
      {data && (
        <>
          <p className="hint">
            Your identity provider can create members as they are assigned to Spoke, move them between units and
            deactivate them the moment they leave. Give it this base URL and a secret.
          </p>
          <CopyField value={data.baseUrl} label="SCIM base URL" copyLabel="Copy URL" />
          {fresh && (
            <section ref={freshRef} className="coe-fresh" aria-label="New SCIM secret">
              <p className="hint">
                Paste this secret into your provider now: the hub keeps only a hash of it, so it can’t be shown again.
              </p>
              <CopyField value={fresh.secret} label="SCIM secret" copyLabel="Copy secret" />
            </section>
          )}
          {secret ? (
            <p className="coe-sso__state">
              A secret made {formatDateTime(secret.createdAt)} is in use;{' '}
              {secret.lastUsedAt
                ? `last used ${formatDateTime(secret.lastUsedAt)}.`
                : 'your provider has not used it yet.'}
            </p>
          ) : (
            <p className="coe-sso__state">No secret: your provider can’t provision members.</p>
          )}
          <div className="coe-actions">
            {secret ? (
              <>
                <ConfirmAction
                  label="Replace secret"
                  title="Replace the SCIM secret?"
                  confirmLabel="Make a new secret"
                  disabled={busy}
                  onConfirm={() => void create()}
                >
                  The secret your provider uses now stops working at once: paste the new one into it straight away.
                </ConfirmAction>
                <ConfirmAction
                  label="Revoke"
                  triggerLabel="Revoke the SCIM secret"
                  title="Revoke the SCIM secret?"
                  confirmLabel="Revoke secret"
                  disabled={busy}
                  onConfirm={() => void revoke()}
                >
                  Your provider can no longer create, change or deactivate members until you make a new secret. Members
                  stay as they are.
                </ConfirmAction>
              </>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => void create()}>
                Make a secret
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
