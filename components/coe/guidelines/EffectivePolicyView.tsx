import { useId, useMemo, useState } from 'react';
import { chainTo, effectiveFor, type PolicyDraft } from '@/lib/coe/policy-draft';
import type { BusinessUnit } from '@/lib/contract/hub-admin';

/**
 * What the members of one unit get: the central pack with the overlays from the root down to the unit applied by the
 * engine (so a weakening part could never show up here), as differences from the central policy.
 */
export function EffectivePolicyView({ draft, units }: { draft: PolicyDraft; units: BusinessUnit[] }) {
  const selectId = useId();
  const [unitId, setUnitId] = useState(units[0]?.id ?? '');
  const view = useMemo(() => {
    if (!unitId) return null;
    const pack = effectiveFor(draft, units, unitId);
    const central = new Map(draft.pack.rules.map((r) => [r.id, r]));
    const tightened = pack.rules.filter((r) => {
      const c = central.get(r.id);
      return c && c.severity !== r.severity;
    });
    const added = pack.rules.filter((r) => !central.has(r.id));
    const dictionaries = Object.entries(pack.dictionaries)
      .map(([name, d]) => ({ name, extra: d.entries.length - (draft.pack.dictionaries[name]?.entries.length ?? 0) }))
      .filter((d) => d.extra > 0);
    const chain = chainTo(units, unitId).filter((u) => draft.overlays[u.id]);
    return { pack, central, tightened, added, dictionaries, chain };
  }, [draft, units, unitId]);

  if (units.length === 0) return <p className="hint">This organisation has no business units yet.</p>;
  return (
    <div className="gl-effective" data-testid="effective-policy">
      <label htmlFor={selectId}>Business unit</label>{' '}
      <select id={selectId} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
        {units.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      {view && (
        <>
          <p className="hint">
            {view.pack.rules.length} rules apply.{' '}
            {view.chain.length === 0
              ? 'No overlay applies: the unit gets the central policy as it is.'
              : `Overlays applied, in order: ${view.chain.map((u) => u.name).join(' → ')}.`}
          </p>
          {(view.tightened.length > 0 || view.added.length > 0 || view.dictionaries.length > 0) && (
            <ul className="gl-effective__list">
              {view.tightened.map((r) => (
                <li key={`t:${r.id}`}>
                  <strong className="gl-rule-id">{r.id}</strong> {r.title}: {view.central.get(r.id)?.severity} →{' '}
                  <span className={`gl-sev gl-sev--${r.severity}`}>{r.severity}</span>
                </li>
              ))}
              {view.added.map((r) => (
                <li key={`a:${r.id}`}>
                  <strong className="gl-rule-id">{r.id}</strong> {r.title}: added (
                  <span className={`gl-sev gl-sev--${r.severity}`}>{r.severity}</span>)
                </li>
              ))}
              {view.dictionaries.map((d) => (
                <li key={`d:${d.name}`}>
                  {d.name}: {d.extra === 1 ? '1 more entry' : `${d.extra} more entries`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
