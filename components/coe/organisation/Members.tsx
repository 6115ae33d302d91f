import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { membersMatching } from '@/lib/coe/organisation';
import type { BusinessUnit, Member } from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';
import { UnitOptions } from './UnitOptions';

/** Members: search, change role or unit, deactivate. */
export function Members({
  client,
  units,
  members,
  onChanged,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  members: Member[];
  onChanged(): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
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
              return (
                <tr key={member.id} className={active ? undefined : 'coe-table__muted'}>
                  <td>{member.displayName}</td>
                  <td>
                    <select
                      aria-label={`Role of ${member.displayName}`}
                      value={member.role}
                      disabled={!active}
                      onChange={(e) => act(() => client.updateMember(member.id, { role: e.target.value as Role }))}
                    >
                      <option value="advocate">Advocate</option>
                      <option value="coe">CoE</option>
                    </select>
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
                  <td>{member.lastSeenAt ? new Date(member.lastSeenAt).toLocaleDateString() : 'never'}</td>
                  <td>
                    {active ? (
                      <button
                        type="button"
                        className="linkish linkish--danger"
                        onClick={() => {
                          if (confirm(`Deactivate ${member.displayName}? Their devices are signed out at once.`)) {
                            void act(() => client.deactivateMember(member.id));
                          }
                        }}
                      >
                        Deactivate
                      </button>
                    ) : (
                      'deactivated'
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
