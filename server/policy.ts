// Policy versions: immutable rows; the organisation's pointer names the current one.
import { getDomain } from 'tldts';
import type { Overlay, PolicyPack } from '../lib/guidelines';
import type { Database } from './db';
import { loadEngine } from './policy-validation';
import { HttpError } from './problem';
import { chainOf, loadUnits } from './queries';

export interface EffectivePolicy {
  version: number;
  createdAt: string;
  pack: Record<string, unknown>;
  /** The units from the root down to the member's unit, whose overlays apply. */
  chain: string[];
}

const cache = new Map<string, EffectivePolicy>();

type JsonPack = Record<string, unknown> & {
  rules?: Array<Record<string, unknown> & { scope?: { businessUnits?: string[] } }>;
  dictionaries?: Record<string, { entries: string[]; secret?: boolean }>;
};

/**
 * The pack as one member's extension needs it: business-unit scopes resolved for the member's chain (a rule scoped
 * to a unit of the chain applies to the member, so its scope goes; a rule scoped to other units is left out, so a
 * sub-unit inherits its parents' rules though the member's device only knows its own unit), and the hub's own host
 * among the approved domains: its tracked links redirect to approved content.
 */
export function packForMember(pack: Record<string, unknown>, chain: string[], hubUrl: string): Record<string, unknown> {
  const source = pack as JsonPack;
  const units = new Set(chain);
  type Rule = NonNullable<JsonPack['rules']>[number];
  const rules = (source.rules ?? []).flatMap((rule): Rule[] => {
    const scoped = rule.scope?.businessUnits;
    if (!scoped) return [rule];
    if (!scoped.some((unit) => units.has(unit))) return [];
    const { businessUnits: _resolved, ...scope } = rule.scope ?? {};
    return [{ ...rule, scope }];
  });
  const hubHost = new URL(hubUrl).hostname;
  const hubDomain = getDomain(hubHost) ?? hubHost;
  const approved = source.dictionaries?.approvedDomains ?? { entries: [] };
  const dictionaries = {
    ...source.dictionaries,
    approvedDomains: approved.entries.includes(hubDomain)
      ? approved
      : { ...approved, entries: [...approved.entries, hubDomain] },
  };
  return { ...source, rules, dictionaries };
}

/** The current policy of the organisation, with the overlays from the root down to the unit applied. */
export async function effectivePolicyFor(db: Database, orgId: string, unitId: string): Promise<EffectivePolicy | null> {
  const [row] = await db.query<{ version: number | null }>(
    'SELECT current_policy_version AS version FROM orgs WHERE id = $1',
    [orgId],
  );
  if (row?.version === null || row?.version === undefined) return null;
  const chain = chainOf(await loadUnits(db, orgId), unitId).reverse();
  const cacheKey = `${orgId}:${row.version}:${chain.join(',')}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const [version] = await db.query<{ pack: unknown; overlays: Record<string, unknown>; created_at: Date }>(
    'SELECT pack, overlays, created_at FROM policy_versions WHERE org_id = $1 AND version = $2',
    [orgId, row.version],
  );
  if (!version) return null;
  const overlays = chain.map((id) => version.overlays[id]).filter((o) => o !== undefined);
  let pack = version.pack;
  if (overlays.length > 0) {
    const engine = await loadEngine();
    if (!engine) throw new HttpError(503, 'The guideline engine is not available on this hub.');
    // Stored versions were validated on the way in.
    pack = engine.effectivePolicy(version.pack as PolicyPack, overlays as Overlay[]);
  }
  const effective = {
    version: row.version,
    createdAt: new Date(version.created_at).toISOString(),
    pack: pack as Record<string, unknown>,
    chain,
  };
  if (cache.size > 1_000) cache.clear();
  cache.set(cacheKey, effective);
  return effective;
}
