// Members and their devices: enrolment with an invite code, the member's own settings and tokens, and the CoE's view
// of the organisation's members. Callers clear the token cache (`AuthService.invalidate`) after a revocation.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { EnrollRequest, Member, UpdateMemberRequest, UpdateMeRequest } from '../../lib/contract/hub';
import { type AuthContext, inviteCodeHash, newToken, sha256 } from '../auth';
import type { Database } from '../db';
import { devices, invites, members } from '../db/schema';
import { HttpError } from '../problem';
import { iso, loadMe } from '../queries';
import { invitesSwitchedOff } from './sso';
import { checkUnits } from './units';

/** How long a rotated-out token keeps working (a lost answer can be retried). */
const ROTATION_GRACE_MS = 5 * 60_000;

/** Redeems an invite code: a new member and device, and the device token (shown once). */
export async function enroll(db: Database, body: EnrollRequest) {
  const token = newToken();
  const auth = await db.db.transaction(async (tx) => {
    const [invite] = await tx
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(
        and(
          eq(invites.codeHash, inviteCodeHash(body.inviteCode)),
          isNull(invites.revokedAt),
          gt(invites.expiresAt, sql`now()`),
          lt(invites.uses, invites.maxUses),
        ),
      )
      .returning({ orgId: invites.orgId, businessUnitId: invites.businessUnitId, role: invites.role });
    if (!invite) throw new HttpError(404, 'This invite code is unknown, expired, revoked or used up.');
    if (await invitesSwitchedOff(tx, invite.orgId)) {
      throw new HttpError(
        403,
        'Your organisation switched invite codes off: sign in with your organisation (single sign-on) instead.',
      );
    }
    const memberId = randomUUID();
    const deviceId = randomUUID();
    await tx.insert(members).values({
      id: memberId,
      orgId: invite.orgId,
      businessUnitId: invite.businessUnitId,
      role: invite.role,
      displayName: body.displayName,
    });
    await tx.insert(devices).values({
      id: deviceId,
      orgId: invite.orgId,
      memberId,
      label: body.deviceLabel ?? null,
      tokenHash: sha256(token),
    });
    return { ...invite, memberId, deviceId };
  });
  return { token, me: await loadMe(db, auth) };
}

/** Changes the display name or the leaderboard opt-in; returns the member as `GET /v1/me` does. */
export async function updateMe(db: Database, auth: AuthContext, body: UpdateMeRequest) {
  if (body.displayName !== undefined || body.leaderboardOptIn !== undefined) {
    await db.db
      .update(members)
      .set({
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(body.leaderboardOptIn !== undefined ? { leaderboardOptIn: body.leaderboardOptIn } : {}),
      })
      .where(and(eq(members.orgId, auth.orgId), eq(members.id, auth.memberId)));
  }
  return loadMe(db, auth);
}

/**
 * A new token for this device, asked for with its current token; the previous one works for `ROTATION_GRACE_MS` more.
 * (The route refuses the previous token, and revokes the device, before this.)
 */
export async function rotateToken(db: Database, auth: AuthContext) {
  const token = newToken();
  const until = new Date(Date.now() + ROTATION_GRACE_MS);
  const [row] = await db.db
    .update(devices)
    .set({ previousTokenHash: devices.tokenHash, previousValidUntil: until, tokenHash: sha256(token) })
    .where(
      and(
        eq(devices.orgId, auth.orgId),
        eq(devices.id, auth.deviceId),
        eq(devices.memberId, auth.memberId),
        eq(devices.tokenHash, auth.tokenHash),
        isNull(devices.revokedAt),
      ),
    )
    .returning({ id: devices.id });
  if (!row) {
    throw new HttpError(
      409,
      'This token was rotated a moment ago by another request: use the token that one received.',
    );
  }
  return { token, previousValidUntil: until.toISOString() };
}

export async function listDevices(db: Database, auth: AuthContext) {
  const rows = await db.db
    .select()
    .from(devices)
    .where(and(eq(devices.orgId, auth.orgId), eq(devices.memberId, auth.memberId)))
    .orderBy(devices.createdAt);
  return rows.map((d) => ({
    id: d.id,
    label: d.label,
    createdAt: d.createdAt.toISOString(),
    lastSeenAt: iso(d.lastSeenAt),
    revokedAt: iso(d.revokedAt),
    current: d.id === auth.deviceId,
  }));
}

/** Revokes one of the member's own devices (404 for anyone else's). */
export async function revokeDevice(db: Database, auth: AuthContext, id: string): Promise<void> {
  const [row] = await db.db
    .update(devices)
    .set({ revokedAt: sql`coalesce(${devices.revokedAt}, now())` })
    .where(and(eq(devices.orgId, auth.orgId), eq(devices.memberId, auth.memberId), eq(devices.id, id)))
    .returning({ id: devices.id });
  if (!row) throw new HttpError(404, 'No device with this id.');
}

/**
 * Opted-in members by shares in the period (from the daily roll-up's days with shares or clicks, which its partial
 * index `daily_rollups_earned_idx` holds whole); business units per capita (the unit roll-up).
 */
export async function leaderboard(db: Database, auth: AuthContext, from: string, to: string) {
  const people = await db.query<{
    id: string;
    display_name: string;
    unit: string;
    shares: number;
    clicks: number;
  }>(
    `SELECT m.id, m.display_name, b.name AS unit,
            coalesce(r.shares, 0)::int AS shares, coalesce(r.clicks, 0)::int AS clicks
       FROM members m JOIN business_units b ON b.id = m.business_unit_id
       LEFT JOIN LATERAL (SELECT sum(shares) AS shares, sum(clicks) AS clicks FROM daily_rollups d
                           WHERE d.org_id = $1 AND d.member_id = m.id AND d.day BETWEEN $2::date AND $3::date
                             AND (d.shares > 0 OR d.clicks > 0)) r
              ON true
      WHERE m.org_id = $1 AND m.status = 'active' AND m.leaderboard_opt_in
      ORDER BY shares DESC, clicks DESC, m.display_name LIMIT 100`,
    [auth.orgId, from, to],
  );
  const units = await db.query<{ id: string; name: string; active: number; shares: number }>(
    `SELECT b.id, b.name,
            (SELECT count(*)::int FROM members m WHERE m.org_id = $1 AND m.business_unit_id = b.id AND m.status = 'active') AS active,
            (SELECT coalesce(sum(u.shares), 0)::int FROM unit_rollups u
              WHERE u.org_id = $1 AND u.business_unit_id = b.id AND u.day BETWEEN $2::date AND $3::date) AS shares
       FROM business_units b WHERE b.org_id = $1`,
    [auth.orgId, from, to],
  );
  const businessUnits = units
    .map((u) => ({
      id: u.id,
      name: u.name,
      activeMembers: Number(u.active),
      shares: Number(u.shares),
      sharesPerMember: Number(u.active) > 0 ? Number(u.shares) / Number(u.active) : 0,
    }))
    .filter((u) => u.activeMembers > 0)
    .sort((a, b) => b.sharesPerMember - a.sharesPerMember || a.name.localeCompare(b.name));
  return {
    from,
    to,
    members: people.map((p, i) => ({
      rank: i + 1,
      displayName: p.display_name,
      businessUnit: p.unit,
      shares: Number(p.shares),
      clicks: Number(p.clicks),
      isMe: p.id === auth.memberId,
    })),
    businessUnits,
  };
}

function memberDto(row: typeof members.$inferSelect): Member {
  return {
    id: row.id,
    displayName: row.displayName,
    role: row.role,
    businessUnitId: row.businessUnitId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: iso(row.lastSeenAt),
  };
}

export async function listMembers(db: Database, orgId: string): Promise<Member[]> {
  const rows = await db.db
    .select()
    .from(members)
    .where(eq(members.orgId, orgId))
    .orderBy(members.displayName)
    .limit(10_000);
  return rows.map(memberDto);
}

/** Deactivates a member (never oneself) and revokes their devices, in one transaction. */
export async function deactivateMember(db: Database, auth: AuthContext, id: string): Promise<Member> {
  if (id === auth.memberId) {
    throw new HttpError(409, 'You cannot deactivate yourself: you would lock yourself out. Ask another CoE member.');
  }
  const row = await db.db.transaction((tx) => deactivateInOrg(tx, auth.orgId, id));
  if (!row) throw new HttpError(404, 'No member with this id.');
  return memberDto(row);
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/**
 * Deactivates a member of the organisation and revokes every device of theirs, inside the caller's transaction (the
 * CoE's console, SCIM). Undefined when the organisation has no such member. Callers clear the token cache.
 */
export async function deactivateInOrg(tx: Tx, orgId: string, id: string) {
  const [m] = await tx
    .update(members)
    .set({ status: 'deactivated' })
    .where(and(eq(members.orgId, orgId), eq(members.id, id)))
    .returning();
  if (m) {
    await tx
      .update(devices)
      .set({ revokedAt: sql`coalesce(${devices.revokedAt}, now())` })
      .where(and(eq(devices.orgId, orgId), eq(devices.memberId, id)));
  }
  return m;
}

/** Changes a member's role or unit; a CoE member cannot take the role away from themself. */
export async function updateMember(
  db: Database,
  auth: AuthContext,
  id: string,
  body: UpdateMemberRequest,
): Promise<Member> {
  if (id === auth.memberId && body.role !== undefined && body.role !== 'coe') {
    throw new HttpError(409, 'You cannot take the CoE role away from yourself; ask another CoE member.');
  }
  if (body.businessUnitId) await checkUnits(db, auth.orgId, [body.businessUnitId], 'body.businessUnitId');
  const [row] = await db.db
    .update(members)
    .set({
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.businessUnitId !== undefined ? { businessUnitId: body.businessUnitId } : {}),
    })
    .where(and(eq(members.orgId, auth.orgId), eq(members.id, id)))
    .returning();
  if (!row) throw new HttpError(404, 'No member with this id.');
  return memberDto(row);
}
