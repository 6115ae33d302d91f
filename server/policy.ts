// Policy versions: immutable rows; the organisation's pointer names the current one.
import { createHash } from 'node:crypto';
import { RenderableUrlSchema } from '../lib/contract/hub-common';
import type { Overlay, PolicyPack } from '../lib/guidelines';
import { packForMember } from '../lib/guidelines/member-pack';
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

/**
 * The key a version's secret dictionaries are sealed under for members' devices (lib/guidelines/sealed.ts). It ships
 * with the digests, so it is a salt rather than a secret: derived from the organisation, the version and the instant
 * it was made, it differs between organisations and versions (no shared tables of guesses, no telling which codenames
 * stayed from one version to the next) and needs no storage.
 */
function sealKeyOf(orgId: string, policy: EffectivePolicy): string {
  return createHash('sha256')
    .update(`spoke sealed dictionaries\u0000${orgId}\u0000${policy.version}\u0000${policy.createdAt}`)
    .digest('hex');
}

const memberCache = new Map<string, Record<string, unknown>>();

/**
 * The pack a member's device gets (`GET /v1/policy`): the effective pack for their unit without rule examples and
 * with secret dictionaries sealed. Kept per version and unit chain: sealing a large dictionary takes a while.
 */
export function memberPackOf(orgId: string, policy: EffectivePolicy, hubUrl: string): Record<string, unknown> {
  const cacheKey = `${orgId}:${policy.version}:${policy.chain.join(',')}:${hubUrl}`;
  let pack = memberCache.get(cacheKey);
  if (!pack) {
    pack = withRenderableSources(packForMember(policy.pack, policy.chain, hubUrl, sealKeyOf(orgId, policy)));
    if (memberCache.size > 1_000) memberCache.clear();
    memberCache.set(cacheKey, pack);
  }
  return pack;
}

/**
 * A rule source link members would be shown must be https (publishing refuses anything else); a version stored before
 * that rule keeps its rules, without the link, rather than failing every member's policy request.
 */
function withRenderableSources(pack: Record<string, unknown>): Record<string, unknown> {
  const rules = (pack.rules ?? []) as Array<Record<string, unknown>>;
  return {
    ...pack,
    rules: rules.map((rule) => {
      const source = rule.source as { url?: unknown } | undefined;
      if (!source || source.url === undefined || RenderableUrlSchema.safeParse(source.url).success) return rule;
      const { url: _unsafe, ...rest } = source;
      return { ...rule, source: rest };
    }),
  };
}
