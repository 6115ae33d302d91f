import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { inviteState, joinLink, unitRows } from '@/lib/coe/organisation';
import { inviteTargets, missingUnits, ORG_PRESETS, type OrgPreset } from '@/lib/coe/presets';
import type { BusinessUnit, Member } from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';
import { ErrorNote } from '../../pages/PageShell';
import { useLoad } from '../use-load';

const ROLE_LABEL: Record<Role, string> = { advocate: 'Advocate', coe: 'CoE' };

/** A join link for a fresh code, with a Copy button; the code is shown only once by the hub. */
function JoinLink({ link, label }: { link: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="coe-join">
      <input readOnly aria-label={`Join link for ${label}`} value={link} onFocus={(e) => e.target.select()} />
      <button type="button" className="button button--quiet" onClick={copy}>
        {copied ? 'Copied' : 'Copy link'}
      </button>
    </div>
  );
}

function UnitTree({
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
  const [adding, setAdding] = useState<{ parentId: string; name: string } | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string; parentId: string | null } | null>(null);
  /** Where a unit may move: anywhere outside its own subtree. */
  const outside = (unitId: string) => {
    const inside = new Set([unitId]);
    for (const { unit } of unitRows(units)) if (unit.parentId && inside.has(unit.parentId)) inside.add(unit.id);
    return unitRows(units).filter(({ unit }) => !inside.has(unit.id));
  };
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setAdding(null);
      setRenaming(null);
      onChanged();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const count = (id: string) => members.filter((m) => m.businessUnitId === id && m.status === 'active').length;
  return (
    <section className="card" aria-labelledby="units-title">
      <h2 id="units-title">Business units</h2>
      <p className="hint">
        Units own targeted posts and rule overlays; a member sees posts for their unit and the units above it.
      </p>
      <ErrorNote error={error} />
      <ul className="coe-tree">
        {unitRows(units).map(({ unit, depth }) => (
          <li key={unit.id} style={{ paddingLeft: depth * 20 }} className="coe-tree__row">
            {renaming?.id === unit.id ? (
              <form
                className="coe-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  const moved = renaming.parentId !== unit.parentId && renaming.parentId !== null;
                  void act(() =>
                    client.updateBusinessUnit(unit.id, {
                      name: renaming.name,
                      ...(moved && renaming.parentId ? { parentId: renaming.parentId } : {}),
                    }),
                  );
                }}
              >
                <input
                  aria-label={`New name for ${unit.name}`}
                  value={renaming.name}
                  onChange={(e) => setRenaming({ ...renaming, name: e.target.value })}
                />
                {unit.parentId !== null && (
                  <select
                    aria-label={`Where ${unit.name} sits`}
                    value={renaming.parentId ?? ''}
                    onChange={(e) => setRenaming({ ...renaming, parentId: e.target.value })}
                  >
                    {outside(unit.id).map(({ unit: parent, depth: level }) => (
                      <option key={parent.id} value={parent.id}>
                        {`${'\u00a0\u00a0'.repeat(level)}under ${parent.name}`}
                      </option>
                    ))}
                  </select>
                )}
                <button type="submit" className="button">
                  Save
                </button>
                <button type="button" className="button button--quiet" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <strong>{unit.name}</strong>
                {unit.parentId === null && <span className="pill">CoE root</span>}
                <span className="hint-inline">
                  {count(unit.id)} member{count(unit.id) === 1 ? '' : 's'}
                </span>
                <span className="coe-tree__actions">
                  <button
                    type="button"
                    className="linkish"
                    onClick={() => setRenaming({ id: unit.id, name: unit.name, parentId: unit.parentId })}
                    aria-label={`Rename or move ${unit.name}`}
                  >
                    Rename or move
                  </button>
                  <button
                    type="button"
                    className="linkish"
                    onClick={() => setAdding({ parentId: unit.id, name: '' })}
                    aria-label={`Add a unit under ${unit.name}`}
                  >
                    Add sub-unit
                  </button>
                </span>
              </>
            )}
            {adding?.parentId === unit.id && (
              <form
                className="coe-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(() => client.createBusinessUnit({ name: adding.name, parentId: unit.id }));
                }}
              >
                <input
                  aria-label={`Name of the new unit under ${unit.name}`}
                  placeholder="Unit name"
                  value={adding.name}
                  onChange={(e) => setAdding({ parentId: unit.id, name: e.target.value })}
                />
                <button type="submit" className="button" disabled={!adding.name.trim()}>
                  Add
                </button>
                <button type="button" className="button button--quiet" onClick={() => setAdding(null)}>
                  Cancel
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface FreshInvite {
  id: string;
  unit: string;
  role: Role;
  link: string;
}

function Presets({
  client,
  units,
  onCreated,
}: {
  client: AdminClient;
  units: BusinessUnit[];
  onCreated(invites: FreshInvite[]): void;
}) {
  const [chosen, setChosen] = useState<OrgPreset | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const missing = chosen ? missingUnits(chosen, units) : [];

  const apply = async (preset: OrgPreset) => {
    setBusy(true);
    setError(null);
    try {
      let current = units;
      const root = current.find((u) => u.parentId === null);
      for (const unit of missingUnits(preset, current)) {
        const parent = unit.parent
          ? current.find((u) => u.parentId === root?.id && u.name.toLowerCase() === unit.parent?.toLowerCase())
          : root;
        const created = await client.createBusinessUnit({ name: unit.name, parentId: parent?.id });
        current = [...current, created];
      }
      const fresh: FreshInvite[] = [];
      for (const { unit, invite } of inviteTargets(preset, current)) {
        const made = await client.createInvite({
          businessUnitId: unit.id,
          role: invite.role,
          maxUses: invite.maxUses,
          expiresInHours: invite.expiresInHours,
        });
        fresh.push({ id: made.id, unit: unit.name, role: made.role, link: linkFor(client, made.code) });
      }
      onCreated(fresh);
      setDone(
        `${preset.name}: ${missing.length} unit${missing.length === 1 ? '' : 's'} and ${fresh.length} invite${fresh.length === 1 ? '' : 's'} created.`,
      );
      setChosen(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="presets-title">
      <h2 id="presets-title">Start from a pattern</h2>
      <p className="hint">
        Each pattern adds the units it needs (never removing or moving yours) and invites with sensible defaults.
      </p>
      <div className="coe-presets">
        {ORG_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className={`coe-preset${chosen?.id === preset.id ? ' coe-preset--on' : ''}`}
            aria-pressed={chosen?.id === preset.id}
            onClick={() => {
              setChosen(preset);
              setDone(null);
            }}
          >
            <strong>{preset.name}</strong>
            <span>{preset.summary}</span>
          </button>
        ))}
      </div>
      <ErrorNote error={error} />
      {done && (
        <p className="coe-notice" role="status">
          {done}
        </p>
      )}
      {chosen && (
        <section className="coe-preset-plan" aria-label={`What ${chosen.name} sets up`}>
          <p>
            <strong>{chosen.name}</strong> will add{' '}
            {missing.length
              ? missing.map((u) => (u.parent ? `${u.name} (in ${u.parent})` : u.name)).join(', ')
              : 'no units'}{' '}
            and create{' '}
            {chosen.invites
              .map(
                (i) =>
                  `${i.role === 'coe' ? 'a CoE liaison' : 'an advocate'} invite (${i.maxUses.toLocaleString('en')} uses, ${Math.round(i.expiresInHours / 24)} days) for ${i.at === 'root' ? 'the CoE root' : i.at === 'top' ? 'each top-level unit' : 'each team'}`,
              )
              .join(' and ')}
            .
          </p>
          <div className="actions">
            <button type="button" className="button" disabled={busy} onClick={() => apply(chosen)}>
              {busy ? 'Setting up…' : `Set up ${chosen.name}`}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setChosen(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </section>
  );
}

function linkFor(client: AdminClient, code: string): string {
  return joinLink(browser.runtime.getURL('/options.html'), client.hubUrl, code);
}

function Invites({
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
  const root = units.find((u) => u.parentId === null);
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<Role>('advocate');
  const [maxUses, setMaxUses] = useState(50);
  const [days, setDays] = useState(14);
  const [error, setError] = useState<string | null>(null);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? 'unknown unit';
  const target = unitId || root?.id || '';

  const create = async () => {
    setError(null);
    try {
      const made = await client.createInvite({
        businessUnitId: target,
        role,
        maxUses,
        expiresInHours: Math.max(1, Math.round(days * 24)),
      });
      onCreated([
        { id: made.id, unit: unitName(made.businessUnitId), role: made.role, link: linkFor(client, made.code) },
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
          <select value={target} onChange={(e) => setUnitId(e.target.value)}>
            {unitRows(units).map(({ unit, depth }) => (
              <option key={unit.id} value={unit.id}>
                {`${'\u00a0\u00a0'.repeat(depth)}${unit.name}`}
              </option>
            ))}
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
        <button type="submit" className="button" disabled={!target}>
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
                    {invite.uses} / {invite.maxUses.toLocaleString('en')}
                  </td>
                  <td>{new Date(invite.expiresAt).toLocaleDateString()}</td>
                  <td>
                    <span className={`status status--${state === 'open' ? 'published' : 'archived'}`}>{state}</span>
                  </td>
                  <td>
                    {state === 'open' && (
                      <button type="button" className="linkish" onClick={() => revoke(invite.id)}>
                        Revoke
                      </button>
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

function Members({
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
  const shown = members.filter((m) => m.displayName.toLowerCase().includes(search.trim().toLowerCase()));
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
                      {unitRows(units).map(({ unit, depth }) => (
                        <option key={unit.id} value={unit.id}>
                          {`${'\u00a0\u00a0'.repeat(depth)}${unit.name}`}
                        </option>
                      ))}
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

/** The organisation: units (with pattern presets), invites with copyable join links, members. */
export function OrganisationScreen({
  client,
  units,
  unitsError,
  onUnitsChanged,
}: {
  client: AdminClient;
  units?: BusinessUnit[];
  unitsError?: string;
  onUnitsChanged(): void;
}) {
  const members = useLoad(() => client.members(), [client]);
  const [fresh, setFresh] = useState<FreshInvite[]>([]);
  if (!units) return unitsError ? <ErrorNote error={unitsError} /> : <p className="hint">Loading the organisation…</p>;
  return (
    <div className="coe-org">
      <div className="coe-org__col">
        <UnitTree client={client} units={units} members={members.data ?? []} onChanged={onUnitsChanged} />
        <Presets
          client={client}
          units={units}
          onCreated={(made) => {
            setFresh((f) => [...made, ...f]);
            onUnitsChanged();
          }}
        />
      </div>
      <div className="coe-org__col">
        <Invites client={client} units={units} fresh={fresh} onCreated={(made) => setFresh((f) => [...made, ...f])} />
        <ErrorNote error={members.error ?? null} />
        <Members client={client} units={units} members={members.data ?? []} onChanged={members.reload} />
      </div>
    </div>
  );
}
