// Enrolment and the member's own data: /v1/enroll, /v1/me…, /v1/leaderboard.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import {
  DeleteMeResponseSchema,
  DeviceListResponseSchema,
  EmptyBodySchema,
  EnrollRequestSchema,
  EnrollResponseSchema,
  IdParamSchema,
  IdSchema,
  LeaderboardResponseSchema,
  MeExportResponseSchema,
  MeResponseSchema,
  OkResponseSchema,
  PeriodQuerySchema,
  ReachQuerySchema,
  ReachResponseSchema,
  RotateTokenResponseSchema,
  UpdateMeRequestSchema,
} from '../../lib/contract/hub';
import { type AuthContext, inviteCodeHash, newToken, sha256 } from '../auth';
import { devices, invites, members } from '../db/schema';
import { HttpError } from '../problem';
import { iso, loadMe, period, rowsOf } from '../queries';
import { memberReach } from '../reach';
import { defineRoute, type RouteDef } from '../route-table';

/** How long a rotated-out token keeps working (a lost answer can be retried). */
export const ROTATION_GRACE_MS = 5 * 60_000;

export const memberRoutes: RouteDef[] = [
  defineRoute({
    method: 'post',
    path: '/v1/enroll',
    access: 'public',
    tag: 'enrolment',
    summary: 'Redeem an invite code: creates the member and a device token',
    body: EnrollRequestSchema,
    response: EnrollResponseSchema,
    status: 201,
    rateKey: 'ip',
    errors: [400, 404, 429],
    async handler({ hub, body }) {
      const token = newToken();
      const auth = await hub.db.db.transaction(async (tx) => {
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
        return { ...invite, memberId, deviceId } satisfies AuthContext;
      });
      return { body: { token, me: await loadMe(hub.db, auth) } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me',
    access: 'member',
    tag: 'me',
    summary: 'The member and this device',
    response: MeResponseSchema,
    async handler({ hub, auth }) {
      return { body: await loadMe(hub.db, auth) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/me',
    access: 'member',
    tag: 'me',
    summary: 'Change the display name or the leaderboard opt-in',
    body: UpdateMeRequestSchema,
    response: MeResponseSchema,
    async handler({ hub, auth, body }) {
      if (body.displayName !== undefined || body.leaderboardOptIn !== undefined) {
        await hub.db.db
          .update(members)
          .set({
            ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
            ...(body.leaderboardOptIn !== undefined ? { leaderboardOptIn: body.leaderboardOptIn } : {}),
          })
          .where(and(eq(members.orgId, auth.orgId), eq(members.id, auth.memberId)));
      }
      return { body: await loadMe(hub.db, auth) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/me/token',
    access: 'member',
    tag: 'me',
    summary: 'Rotate this device token (the previous one works for 5 more minutes)',
    body: EmptyBodySchema,
    response: RotateTokenResponseSchema,
    async handler({ hub, auth }) {
      const token = newToken();
      const until = new Date(Date.now() + ROTATION_GRACE_MS);
      await hub.db.db
        .update(devices)
        .set({ previousTokenHash: devices.tokenHash, previousValidUntil: until, tokenHash: sha256(token) })
        .where(and(eq(devices.orgId, auth.orgId), eq(devices.id, auth.deviceId), eq(devices.memberId, auth.memberId)));
      hub.auth.invalidate();
      return { body: { token, previousValidUntil: until.toISOString() } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/devices',
    access: 'member',
    tag: 'me',
    summary: "The member's devices",
    response: DeviceListResponseSchema,
    async handler({ hub, auth }) {
      const rows = await hub.db.db
        .select()
        .from(devices)
        .where(and(eq(devices.orgId, auth.orgId), eq(devices.memberId, auth.memberId)))
        .orderBy(devices.createdAt);
      return {
        body: {
          devices: rows.map((d) => ({
            id: d.id,
            label: d.label,
            createdAt: d.createdAt.toISOString(),
            lastSeenAt: iso(d.lastSeenAt),
            revokedAt: iso(d.revokedAt),
            current: d.id === auth.deviceId,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me/devices/:id',
    access: 'member',
    tag: 'me',
    summary: 'Revoke one of the member’s devices (its token stops working at once)',
    params: IdParamSchema,
    response: OkResponseSchema,
    errors: [404],
    async handler({ hub, auth, params }) {
      const id = IdSchema.safeParse(params.id);
      if (!id.success) throw new HttpError(404, 'No device with this id.');
      const [row] = await hub.db.db
        .update(devices)
        .set({ revokedAt: sql`coalesce(${devices.revokedAt}, now())` })
        .where(and(eq(devices.orgId, auth.orgId), eq(devices.memberId, auth.memberId), eq(devices.id, id.data)))
        .returning({ id: devices.id });
      if (!row) throw new HttpError(404, 'No device with this id.');
      hub.auth.invalidate();
      return { body: { ok: true } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/export',
    access: 'member',
    tag: 'me',
    summary: 'Everything the hub holds about the member',
    response: MeExportResponseSchema,
    async handler({ hub, auth }) {
      const me = await loadMe(hub.db, auth);
      const deviceRows = await hub.db.query<{
        id: string;
        label: string | null;
        created_at: Date;
        last_seen_at: Date | null;
        revoked_at: Date | null;
      }>(
        'SELECT id, label, created_at, last_seen_at, revoked_at FROM devices WHERE org_id = $1 AND member_id = $2 ORDER BY created_at',
        [auth.orgId, auth.memberId],
      );
      const eventRows = await hub.db.query<{
        id: string;
        seq: number;
        type: string;
        network: string;
        content_id: string | null;
        occurred_at: Date;
        received_at: Date;
        props: Record<string, unknown>;
      }>(
        `SELECT client_event_id AS id, seq, type, network, content_id, occurred_at, received_at, props
           FROM events WHERE org_id = $1 AND member_id = $2 ORDER BY occurred_at LIMIT 200000`,
        [auth.orgId, auth.memberId],
      );
      const linkRows = await hub.db.query<{
        code: string;
        content_id: string;
        network: string;
        destination: string;
        clicks: number;
      }>(
        `SELECT l.code, l.content_id, l.network, l.destination,
                (SELECT count(*)::int FROM clicks c WHERE c.code = l.code AND NOT c.bot) AS clicks
           FROM links l WHERE l.org_id = $1 AND l.member_id = $2 ORDER BY l.created_at`,
        [auth.orgId, auth.memberId],
      );
      return {
        body: {
          exportedAt: new Date().toISOString(),
          me,
          devices: deviceRows.map((d) => ({
            id: d.id,
            label: d.label,
            createdAt: iso(d.created_at) ?? '',
            lastSeenAt: iso(d.last_seen_at),
            revokedAt: iso(d.revoked_at),
          })),
          events: eventRows.map((e) => ({
            id: e.id,
            seq: e.seq,
            type: e.type,
            network: e.network,
            contentId: e.content_id,
            occurredAt: iso(e.occurred_at) ?? '',
            receivedAt: iso(e.received_at) ?? '',
            props: e.props,
          })),
          links: linkRows.map((l) => ({
            code: l.code,
            contentId: l.content_id,
            network: l.network,
            destination: l.destination,
            clicks: Number(l.clicks),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/me',
    access: 'member',
    tag: 'me',
    summary: 'Erase the member: personal data, devices, events, links and their clicks',
    response: DeleteMeResponseSchema,
    async handler({ hub, auth }) {
      const counts = await eraseMember(hub.db, auth.orgId, auth.memberId);
      hub.auth.invalidate();
      return { body: { erased: true, ...counts } };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/me/reach',
    access: 'member',
    tag: 'me',
    summary: "The member's shares, clicks on their links and views of their posts, by day or week; posts and streak",
    query: ReachQuerySchema,
    response: ReachResponseSchema,
    async handler({ hub, auth, query }) {
      const { from, to } = period(query);
      return { body: await memberReach(hub.db, auth.orgId, auth.memberId, from, to, query.bucket) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/leaderboard',
    access: 'member',
    tag: 'me',
    summary: 'Opted-in members by shares; business units per capita',
    query: PeriodQuerySchema,
    response: LeaderboardResponseSchema,
    async handler({ hub, auth, query }) {
      const { from, to } = period(query);
      const people = await hub.db.query<{
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
                               WHERE d.org_id = $1 AND d.member_id = m.id AND d.day BETWEEN $2::date AND $3::date) r
                  ON true
          WHERE m.org_id = $1 AND m.status = 'active' AND m.leaderboard_opt_in
          ORDER BY shares DESC, clicks DESC, m.display_name LIMIT 100`,
        [auth.orgId, from, to],
      );
      const units = await hub.db.query<{ id: string; name: string; active: number; shares: number }>(
        `SELECT b.id, b.name,
                (SELECT count(*)::int FROM members m WHERE m.org_id = $1 AND m.business_unit_id = b.id AND m.status = 'active') AS active,
                (SELECT coalesce(sum(d.shares), 0)::int FROM daily_rollups d
                  WHERE d.org_id = $1 AND d.business_unit_id = b.id AND d.day BETWEEN $2::date AND $3::date) AS shares
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
        body: {
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
        },
      };
    },
  }),
];

/** Deletes a member and everything personal about them, in one transaction. */
export async function eraseMember(
  db: import('../db').Database,
  orgId: string,
  memberId: string,
): Promise<{ events: number; links: number }> {
  return db.db.transaction(async (tx) => {
    const run = async (q: ReturnType<typeof sql>) => rowsOf(await tx.execute(q)).length;
    // The unit-wide rule roll-up keeps no member: take this member's share out of it, from their events (rows in
    // key order, as ingest locks them; a row left at zero goes, as the backfill would not make it).
    const theirRules = sql`
      SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, business_unit_id, props->>'ruleId' AS rule_id,
             coalesce(sum((props->>'count')::int) FILTER (WHERE type = 'rule_triggered'), 0) AS triggered,
             coalesce(sum((props->>'dismissed')::int) FILTER (WHERE type = 'rule_triggered'), 0) AS dismissed,
             count(*) FILTER (WHERE type = 'guideline_feedback') AS not_helpful
        FROM events
       WHERE org_id = ${orgId} AND member_id = ${memberId} AND type IN ('rule_triggered', 'guideline_feedback')
       GROUP BY 1, 2, 3`;
    await run(sql`
      SELECT 1 FROM rule_rollups r JOIN (${theirRules}) g
          ON r.day = g.day AND r.business_unit_id = g.business_unit_id AND r.rule_id = g.rule_id
       WHERE r.org_id = ${orgId}
       ORDER BY r.day, r.business_unit_id, r.rule_id
         FOR UPDATE OF r`);
    await run(sql`
      UPDATE rule_rollups r
         SET triggered = r.triggered - g.triggered, dismissed = r.dismissed - g.dismissed,
             not_helpful = r.not_helpful - g.not_helpful
        FROM (${theirRules}) g
       WHERE r.org_id = ${orgId} AND r.day = g.day AND r.business_unit_id = g.business_unit_id
         AND r.rule_id = g.rule_id`);
    await run(sql`
      DELETE FROM rule_rollups r USING (${theirRules}) g
       WHERE r.org_id = ${orgId} AND r.day = g.day AND r.business_unit_id = g.business_unit_id
         AND r.rule_id = g.rule_id AND r.triggered <= 0 AND r.dismissed <= 0 AND r.not_helpful <= 0`);
    const ev = await run(sql`DELETE FROM events WHERE org_id = ${orgId} AND member_id = ${memberId} RETURNING 1`);
    await run(sql`DELETE FROM idempotency_keys WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(
      sql`DELETE FROM clicks WHERE org_id = ${orgId} AND code IN (SELECT code FROM links WHERE org_id = ${orgId} AND member_id = ${memberId})`,
    );
    const ln = await run(sql`DELETE FROM links WHERE org_id = ${orgId} AND member_id = ${memberId} RETURNING 1`);
    await run(sql`DELETE FROM reach_snapshots WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM reach_posts WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM shares WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM member_months WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM daily_rollups WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM devices WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`UPDATE invites SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`);
    await run(sql`UPDATE policy_versions SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`);
    await run(sql`DELETE FROM members WHERE org_id = ${orgId} AND id = ${memberId}`);
    return { events: ev, links: ln };
  });
}
