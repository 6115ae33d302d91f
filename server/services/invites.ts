// Invite codes: shown once at creation, stored as a hash; redeemed by `enroll` (services/members.ts).
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Invite } from '../../lib/contract/hub';
import { inviteCodeHash, newInviteCode } from '../auth';
import type { Database } from '../db';
import { invites } from '../db/schema';
import { HttpError } from '../problem';
import { iso } from '../queries';

export function inviteDto(row: typeof invites.$inferSelect): Invite {
  return {
    id: row.id,
    businessUnitId: row.businessUnitId,
    role: row.role,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createInvite(
  db: Database,
  input: {
    orgId: string;
    businessUnitId: string;
    role: 'advocate' | 'coe';
    maxUses: number;
    expiresInHours: number;
    createdBy?: string;
  },
): Promise<{ code: string; row: typeof invites.$inferSelect }> {
  const code = newInviteCode();
  const [row] = await db.db
    .insert(invites)
    .values({
      id: randomUUID(),
      orgId: input.orgId,
      businessUnitId: input.businessUnitId,
      role: input.role,
      codeHash: inviteCodeHash(code),
      maxUses: input.maxUses,
      expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { code, row: row as typeof invites.$inferSelect };
}

export async function listInvites(db: Database, orgId: string): Promise<Invite[]> {
  const rows = await db.db
    .select()
    .from(invites)
    .where(eq(invites.orgId, orgId))
    .orderBy(desc(invites.createdAt))
    .limit(1000);
  return rows.map(inviteDto);
}

export async function revokeInvite(db: Database, orgId: string, id: string): Promise<Invite> {
  const [row] = await db.db
    .update(invites)
    .set({ revokedAt: sql`coalesce(${invites.revokedAt}, now())` })
    .where(and(eq(invites.orgId, orgId), eq(invites.id, id)))
    .returning();
  if (!row) throw new HttpError(404, 'No invite with this id.');
  return inviteDto(row);
}
