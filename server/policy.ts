// Policy versions: immutable rows; the organisation's pointer names the current one.
import type { Overlay, PolicyPack } from '../lib/guidelines';

export { packForMember } from '../lib/guidelines/member-pack';

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
