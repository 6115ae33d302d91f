// Queries shared by several routes. Every one takes the organisation id from the verified token.
import { and, eq } from 'drizzle-orm';
import type { Me } from '../lib/contract/hub';
import type { AuthContext } from './auth';
import type { Database } from './db';
import { businessUnits, devices, members, orgs, ssoConfigs } from './db/schema';
import { HttpError } from './problem';

export interface UnitRow {
  id: string;
  name: string;
  parentId: string | null;
  createdAt: Date;
}

export async function loadUnits(db: Database, orgId: string): Promise<UnitRow[]> {
  return db.db
    .select({
      id: businessUnits.id,
      name: businessUnits.name,
      parentId: businessUnits.parentId,
      createdAt: businessUnits.createdAt,
    })
    .from(businessUnits)
    .where(eq(businessUnits.orgId, orgId))
    .orderBy(businessUnits.createdAt, businessUnits.id);
}

/** The unit and its ancestors, from the unit up to the root. */
export function chainOf(units: UnitRow[], unitId: string): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: string[] = [];
  let current = byId.get(unitId);
  while (current && !chain.includes(current.id)) {
    chain.push(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** The unit and all its descendants. */
export function subtreeOf(units: UnitRow[], unitId: string): Set<string> {
  const out = new Set<string>([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

export async function loadMe(db: Database, auth: Pick<AuthContext, 'orgId' | 'memberId' | 'deviceId'>): Promise<Me> {
  const rows = await db.db
    .select({
      id: members.id,
      displayName: members.displayName,
      role: members.role,
      leaderboardOptIn: members.leaderboardOptIn,
      createdAt: members.createdAt,
      orgId: orgs.id,
      orgName: orgs.name,
      unitId: businessUnits.id,
      unitName: businessUnits.name,
      deviceId: devices.id,
      deviceLabel: devices.label,
      identityVerifiedAt: devices.identityVerifiedAt,
      tokenMaxAgeDays: ssoConfigs.tokenMaxAgeDays,
    })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .innerJoin(businessUnits, eq(businessUnits.id, members.businessUnitId))
    .innerJoin(devices, and(eq(devices.memberId, members.id), eq(devices.id, auth.deviceId)))
    .leftJoin(ssoConfigs, eq(ssoConfigs.orgId, members.orgId))
    .where(and(eq(members.orgId, auth.orgId), eq(members.id, auth.memberId)))
    .limit(1);
  const row = rows[0];
  if (!row) throw new HttpError(404, 'This member no longer exists.');
  return {
    id: row.id,
    displayName: row.displayName,
    role: row.role,
    organisation: { id: row.orgId, name: row.orgName },
    businessUnit: { id: row.unitId, name: row.unitName },
    leaderboardOptIn: row.leaderboardOptIn,
    createdAt: row.createdAt.toISOString(),
    device: { id: row.deviceId, label: row.deviceLabel },
    // As server/auth.ts counts it: the organisation's period after the IdP last vouched (30 days without a configuration).
    sso: row.identityVerifiedAt
      ? {
          verifiedAt: row.identityVerifiedAt.toISOString(),
          expiresAt: new Date(
            row.identityVerifiedAt.getTime() + (row.tokenMaxAgeDays ?? 30) * 86_400_000,
          ).toISOString(),
        }
      : null,
  };
}

export const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : new Date(d).toISOString();

/** Parses a `from`/`to` day period; defaults to the last 30 days; at most 400 days. */
export function period(query: { from?: string; to?: string }): { from: string; to: string } {
  const today = new Date().toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  if (from > to)
    throw new HttpError(400, '"from" must not come after "to".', [
      { path: 'query.from', message: '"from" must not come after "to".' },
    ]);
  if (Date.parse(to) - Date.parse(from) > 400 * 86_400_000) {
    throw new HttpError(400, 'The period is at most 400 days.', [
      { path: 'query.to', message: 'The period is at most 400 days.' },
    ]);
  }
  return { from, to };
}

/** Rows of a Drizzle `execute` result, whichever the driver (PGlite: `{ rows }`, postgres-js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
