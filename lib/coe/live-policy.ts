import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { PolicyVersion } from '@/lib/contract/hub-policy';
import {
  type CheckContext,
  type CompiledPolicy,
  check,
  compile,
  effectivePolicy,
  type Finding,
  type Overlay,
  type PolicyPack,
} from '@/lib/guidelines';
import { resolveForUnit } from '@/lib/guidelines/member-pack';

/** The unit and its ancestors, from the root down to the unit (the order overlays apply in). */
export function chainTo(units: BusinessUnit[], unitId: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: string[] = [];
  for (let unit = byId.get(unitId); unit && !chain.includes(unit.id); unit = byId.get(unit.parentId ?? '')) {
    chain.unshift(unit.id);
  }
  return chain;
}

/**
 * The current policy version compiled for any business unit: the central pack with the overlays from the root down
 * to the unit, as the hub serves it to that unit's members. Compiled once per unit.
 */
export function livePolicy(version: PolicyVersion, units: BusinessUnit[], hubUrl: string) {
  const compiled = new Map<string, CompiledPolicy>();
  const forUnit = (unitId: string | null): CompiledPolicy => {
    const key = unitId ?? '';
    let policy = compiled.get(key);
    if (!policy) {
      const chain = unitId ? chainTo(units, unitId) : [];
      const overlays = chain
        .map((id) => version.overlays[id])
        .filter((o): o is Record<string, unknown> => o !== undefined);
      const pack = version.pack as unknown as PolicyPack;
      const effective = overlays.length ? effectivePolicy(pack, overlays as unknown as Overlay[]) : pack;
      // The rules the unit's members are checked against (unit scopes resolved, the hub's tracked links approved);
      // their devices get the secret dictionaries sealed, which finds the same names (tests/unit/guidelines/sealed).
      policy = compile(
        resolveForUnit(effective as unknown as Record<string, unknown>, chain, hubUrl) as unknown as PolicyPack,
      );
      compiled.set(key, policy);
    }
    return policy;
  };
  return {
    version: version.version,
    /**
     * Findings on `text` for the members of each target unit (none: the whole organisation). A finding only some
     * of the units get (from their overlays) names them in `onlyFor`.
     */
    check(
      text: string,
      targets: string[],
      context: Omit<CheckContext, 'businessUnit'>,
    ): Array<Finding & { onlyFor?: string[] }> {
      // Posts for the whole organisation: the policy of the root (the central pack and the root's own overlay).
      const scopes = targets.length ? targets : [units.find((u) => u.parentId === null)?.id ?? null];
      const found = new Map<string, { finding: Finding; units: string[] }>();
      for (const unitId of scopes) {
        for (const finding of check(forUnit(unitId), text, context)) {
          const key = `${finding.ruleId}:${finding.start}:${finding.end}`;
          const entry = found.get(key) ?? { finding, units: [] };
          if (unitId) entry.units.push(unitId);
          found.set(key, entry);
        }
      }
      const name = (id: string) => units.find((u) => u.id === id)?.name ?? id;
      return [...found.values()].map(({ finding, units: seenBy }) =>
        targets.length > 1 && seenBy.length < targets.length ? { ...finding, onlyFor: seenBy.map(name) } : finding,
      );
    },
  };
}
export type LivePolicyChecker = ReturnType<typeof livePolicy>;
