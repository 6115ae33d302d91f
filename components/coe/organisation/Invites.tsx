import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { inviteRequest, inviteState } from '@/lib/coe/organisation';
import type { FreshInvite } from '@/lib/coe/organisation-setup';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';
import { formatDate, formatNumber } from '@/lib/format';
import { ConfirmAction } from '../ConfirmAction';
import { useLoad } from '../use-load';
import { JoinLink, joinLinkFor } from './JoinLink';
import { UnitOptions } from './UnitOptions';

const ROLE_LABEL: Record<Role, string> = { advocate: 'Advocate', coe: 'CoE' };

/** Invites: a form for a new one, the fresh join links (shown once), and the list with revoke. */
export function Invites({
  client,
  units,
  fresh,
  onCreated,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  fresh: FreshInvite[];
  onCreated(invites: FreshInvite[]): void;
}) {
  const list = useLoad(() => client.invites(), [client, fresh.length]);
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<Role>('advocate');
  const [maxUses, setMaxUses] = useState(50);
  const [days, setDays] = useState(14);
  const [error, setError] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'unknown unit';
  const request = inviteRequest({ unitId, role, maxUses, days }, units);

  const create = async () => {
    setError(null);
    try {
      if (!request) return;
      const made = await client.createInvite(request);
      onCreated([
        {
          id: made.id,
          unit: unitName(made.businessUnitId),
          role: made.role,
          link: joinLinkFor(client, { code: made.code }),
        },
      ]);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await client.revokeInvite(id);
      list.reload();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="card" aria-labelledby="invites-title">
      <h2 id="invites-title">Invites</h2>
      <form
        className="coe-invite-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          Unit
          <select value={request?.businessUnitId ?? ''} onChange={(e) => setUnitId(e.target.value)}>
            <UnitOptions units={units} />
          </select>
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="advocate">Advocate</option>
            <option value="coe">CoE</option>
          </select>
        </label>
        <label>
          Uses
          <input
            type="number"
            min={1}
            max={10_000}
            value={maxUses}
            onChange={(e) => setMaxUses(Number(e.target.value))}
          />
        </label>
        <label>
          Expires in (days)
          <input type="number" min={1} max={366} value={days} onChange={(e) => setDays(Number(e.target.value))} />
        </label>
        <button type="submit" className="button" disabled={!request}>
          Create invite
        </button>
      </form>
      <ErrorNote error={error ?? list.error ?? null} />
      {fresh.length > 0 && (
        <section className="coe-fresh" aria-label="New join links">
          <p className="hint">
            Send these links now: the hub keeps only a hash of each code, so they can't be shown again after you leave
            this page.
          </p>
          {fresh.map((invite) => (
            <div key={invite.id}>
              <span className="coe-fresh__label">
                {ROLE_LABEL[invite.role]} · {invite.unit}
              </span>
              <JoinLink link={invite.link} label={`${invite.role} of ${invite.unit}`} />
            </div>
          ))}
        </section>
      )}
      {list.data && list.data.length === 0 && <p className="hint">No invites yet.</p>}
      {list.data && list.data.length > 0 && (
        <table className="coe-table">
          <thead>
            <tr>
              <th>Unit</th>
              <th>Role</th>
              <th>Used</th>
              <th>Expires</th>
              <th>State</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((invite) => {
              const state = inviteState(invite);
              return (
                <tr key={invite.id}>
                  <td>{unitName(invite.businessUnitId)}</td>
                  <td>{ROLE_LABEL[invite.role]}</td>
                  <td>
                    {formatNumber(invite.uses)} / {formatNumber(invite.maxUses)}
                  </td>
                  <td>{formatDate(invite.expiresAt)}</td>
                  <td>
                    <span className={`status status--${state === 'open' ? 'published' : 'archived'}`}>{state}</span>
                  </td>
                  <td className="coe-table__end">
                    {state === 'open' && (
                      <ConfirmAction
                        label="Revoke"
                        triggerLabel={`Revoke the ${ROLE_LABEL[invite.role]} invite for ${unitName(invite.businessUnitId)}`}
                        title={`Revoke the ${ROLE_LABEL[invite.role]} invite for ${unitName(invite.businessUnitId)}?`}
                        confirmLabel="Revoke invite"
                        onConfirm={() => void revoke(invite.id)}
                      >
                        Its join link stops working at once; whoever already joined with it stays a member.
                      </ConfirmAction>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
