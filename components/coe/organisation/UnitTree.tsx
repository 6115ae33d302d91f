import { useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import type { AdminClient } from '@/lib/coe/admin-client';
import { messageOf } from '@/lib/coe/hub-messages';
import { activeMemberCount, indented, placesFor, plural, unitRows, unitUpdate } from '@/lib/coe/organisation';
import type { BusinessUnit, Member } from '@/lib/contract/hub-admin';

/** The business-unit tree: rename, move and add sub-units in place. */
export function UnitTree({
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
                  void act(() => client.updateBusinessUnit(unit.id, unitUpdate(unit, renaming)));
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
                    {placesFor(units, unit.id).map(({ unit: parent, depth: level }) => (
                      <option key={parent.id} value={parent.id}>
                        {indented(`under ${parent.name}`, level)}
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
                <span className="hint-inline">{plural(activeMemberCount(members, unit.id), 'member')}</span>
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
