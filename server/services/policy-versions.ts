// Guideline policy versions: immutable, validated by the guideline engine before they are stored; one is current.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { PolicyVersion } from '../../lib/contract/hub';
import type { Database } from '../db';
import { orgs, policyVersions } from '../db/schema';
import { loadEngine } from '../policy-validation';
import { HttpError } from '../problem';
import { rowsOf } from '../queries';

/**
 * Validates a pack and its overlays with the guideline engine (schema, compilation, every rule's own tests; overlays
 * may not weaken the central pack) and stores them as the next immutable version.
 */
export async function addPolicyVersion(
  db: Database,
  orgId: string,
  pack: unknown,
  overlays: Record<string, unknown>,
  publish: boolean,
  createdBy?: string,
) {
  if (JSON.stringify({ pack, overlays }).includes('\\u0000')) {
    throw new HttpError(
      422,
      'The policy contains a NUL character, which cannot be stored.',
      [{ path: 'body', message: 'Remove the \\u0000 characters.' }],
      {},
      'policy-rejected',
    );
  }
  const engine = await loadEngine();
  if (!engine) throw new HttpError(503, 'The guideline engine is not available on this hub; no policy can be checked.');
  const checked = engine.validatePack(pack);
  if (!checked.ok) {
    throw new HttpError(
      422,
      'The policy pack was refused: it does not validate, compile or pass its rules’ own tests.',
      checked.errors.slice(0, 50).map((e) => ({ ...e, path: `body.pack${e.path ? `.${e.path}` : ''}` })),
      {},
      'policy-rejected',
    );
  }
  const storedOverlays: Record<string, unknown> = {};
  for (const [unitId, overlay] of Object.entries(overlays)) {
    const result = engine.validateOverlay(checked.pack, overlay);
    if (!result.ok) {
      throw new HttpError(
        422,
        `The overlay for business unit ${unitId} was refused: it does not validate, or it weakens the central policy.`,
        result.errors.slice(0, 50).map((e) => ({ ...e, path: `body.overlays.${unitId}${e.path ? `.${e.path}` : ''}` })),
        {},
        'policy-rejected',
      );
    }
    storedOverlays[unitId] = result.overlay;
  }
  return db.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM orgs WHERE id = ${orgId} FOR UPDATE`);
    const res = await tx.execute(
      sql`SELECT coalesce(max(version), 0) + 1 AS v FROM policy_versions WHERE org_id = ${orgId}`,
    );
    const v = Number(rowsOf<{ v: number }>(res)[0]?.v ?? 1);
    const [row] = await tx
      .insert(policyVersions)
      .values({ orgId, version: v, pack: checked.pack, overlays: storedOverlays, createdBy: createdBy ?? null })
      .returning();
    if (publish) await tx.update(orgs).set({ currentPolicyVersion: v }).where(eq(orgs.id, orgId));
    return {
      version: v,
      createdAt: (row?.createdAt ?? new Date()).toISOString(),
      current: publish,
      overlayBusinessUnitIds: Object.keys(storedOverlays),
      pack: checked.pack as Record<string, unknown>,
      overlays: storedOverlays as Record<string, Record<string, unknown>>,
    };
  });
}

export async function listPolicyVersions(db: Database, orgId: string) {
  const [org] = await db.db.select().from(orgs).where(eq(orgs.id, orgId));
  const rows = await db.db
    .select({
      version: policyVersions.version,
      createdAt: policyVersions.createdAt,
      overlays: policyVersions.overlays,
    })
    .from(policyVersions)
    .where(eq(policyVersions.orgId, orgId))
    .orderBy(desc(policyVersions.version))
    .limit(1000);
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    current: r.version === org?.currentPolicyVersion,
    overlayBusinessUnitIds: Object.keys(r.overlays),
  }));
}

export async function getPolicyVersion(db: Database, orgId: string, version: number): Promise<PolicyVersion> {
  const [org] = await db.db.select().from(orgs).where(eq(orgs.id, orgId));
  const [row] = await db.db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.orgId, orgId), eq(policyVersions.version, version)));
  if (!row) throw new HttpError(404, 'No policy version with this number.');
  return {
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    current: row.version === org?.currentPolicyVersion,
    overlayBusinessUnitIds: Object.keys(row.overlays),
    pack: row.pack as Record<string, unknown>,
    overlays: row.overlays as Record<string, Record<string, unknown>>,
  };
}

/** Makes a stored version current (also to roll back). */
export async function publishPolicyVersion(db: Database, orgId: string, version: number): Promise<void> {
  const [row] = await db.db
    .select({ version: policyVersions.version })
    .from(policyVersions)
    .where(and(eq(policyVersions.orgId, orgId), eq(policyVersions.version, version)));
  if (!row) throw new HttpError(404, 'No policy version with this number.');
  await db.db.update(orgs).set({ currentPolicyVersion: row.version }).where(eq(orgs.id, orgId));
}
