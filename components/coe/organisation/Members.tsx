import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { membersMatching, plural } from '@/lib/coe/organisation';
import type { BusinessUnit, Member } from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';
import { formatDate } from '@/lib/format';
import { ConfirmAction } from '../ConfirmAction';
import { UnitOptions } from './UnitOptions';

const ROLE_LABEL: Record<Role, string> = { advocate: 'Advocate', coe: 'CoE' };

/**
 * Members: search, change role or unit, deactivate (confirmed, at the row's end), then erase a deactivated member (a
 * leaver; confirmed, irreversible). The signed-in member's own row is marked "(you)" and offers neither a role change
 * nor deactivation: the hub refuses both, and another CoE member can do it.
 */
export function Members({
  client,
  meId,
  units,
  members,
  onChanged,
}: {
  client: AdminClient;
  meId: string;
  units: BusinessUnit[];
  members: Member[];
  onChanged(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const act = async (action: () => Promise<unknown>, said?: (answer: never) => string) => {
    setError(null);
    setDone(null);
    try {
      const answer = await action();
      if (said) setDone(said(answer as never));
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const erase = (member: Member) =>
    act(
      () => client.eraseMember(member.id),
      ({ events, links }: { events: number; links: number }) =>
        `${member.displayName} was erased: ${plural(events, 'event')} and ${plural(links, 'tracked link')} deleted.`,
    );
  const shown = membersMatching(members, search);
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <input
        className="search"
        type="search"
        aria-label="Search members"
        placeholder="Search by name"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ErrorNote error={error} />
      <p className="hint" role="status">
        {done}
      </p>
      {members.length === 0 ? (
        <p className="hint">Nobody has joined yet: send an invite link.</p>
      ) : (
        <table className="coe-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Unit</th>
              <th>Last seen</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((member) => {
              const active = member.status === 'active';
              const self = member.id === meId;
              return (
                <tr
                  key={member.id}
                  className={active ? undefined : 'coe-table__muted'}
                  data-testid={self ? 'member-self' : undefined}
                >
                  <td>
                    {member.displayName}
                    {self && <span className="coe-you"> (you)</span>}
                  </td>
                  <td>
                    {self ? (
                      ROLE_LABEL[member.role]
                    ) : (
                      <select
                        aria-label={`Role of ${member.displayName}`}
                        value={member.role}
                        disabled={!active}
                        onChange={(e) => act(() => client.updateMember(member.id, { role: e.target.value as Role }))}
                      >
                        <option value="advocate">{ROLE_LABEL.advocate}</option>
                        <option value="coe">{ROLE_LABEL.coe}</option>
                      </select>
                    )}
                  </td>
                  <td>
                    <select
                      aria-label={`Unit of ${member.displayName}`}
                      value={member.businessUnitId}
                      disabled={!active}
                      onChange={(e) => act(() => client.updateMember(member.id, { businessUnitId: e.target.value }))}
                    >
                      <UnitOptions units={units} />
                    </select>
                  </td>
                  <td>{member.lastSeenAt ? formatDate(member.lastSeenAt) : 'never'}</td>
                  <td className="coe-table__end">
                    {self ? (
                      <span className="coe-self-hint">Your role: another CoE member can change it.</span>
                    ) : active ? (
                      <ConfirmAction
                        label="Deactivate"
                        triggerLabel={`Deactivate ${member.displayName}`}
                        title={`Deactivate ${member.displayName}?`}
                        confirmLabel="Deactivate"
                        onConfirm={() => void act(() => client.deactivateMember(member.id))}
                      >
                        {member.displayName} is signed out on every device at once and can no longer use Spoke for your
                        organisation. Their past shares stay in the reports.
                      </ConfirmAction>
                    ) : (
                      <span className="coe-table__actions">
                        <span>Deactivated</span>
                        <ConfirmAction
                          label="Erase"
                          triggerLabel={`Erase ${member.displayName}`}
                          title={`Erase ${member.displayName}?`}
                          confirmLabel="Erase for good"
                          onConfirm={() => void erase(member)}
                        >
                          Everything Spoke keeps about {member.displayName} is deleted: their devices, events, tracked
                          links and clicks, and their part of the reports. This cannot be undone. The audit log keeps
                          only that you erased a member, and when.
                        </ConfirmAction>
                      </span>
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
