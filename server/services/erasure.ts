// Erasure of a member: every table of `MEMBER_TABLES` (server/services/member-data.ts), and their share of the roll-ups
// that keep no member, in one transaction under the member's lock; the audit log records that it happened.
import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { EXPORT_TABLES } from '../../lib/contract/hub';
import type { AuthContext } from '../auth';
import type { Database } from '../db';
import { lockMember } from '../member-lock';
import { HttpError } from '../problem';
import { rowsOf } from '../queries';
import { memberBuckets, rateLimiterFor } from '../rate-limit';
import { erasureOf, MEMBER_TABLES, type MemberTable } from './member-data';

/**
 * Deletes a member and everything personal about them, in one transaction, and records in `audit_log` that `actorId`
 * erased them (ids and time only). Under the member's lock (server/member-lock.ts): a batch or a click in flight is
 * stored first and erased with the rest; one that comes after finds no member and writes nothing. Null when the
 * organisation has no such member.
 */
export async function eraseMember(
  db: Database,
  orgId: string,
  memberId: string,
  actorId: string,
): Promise<{ events: number; links: number } | null> {
  const counts = await db.db.transaction(async (tx) => {
    const run = async (q: SQL) => rowsOf(await tx.execute(q)).length;
    await tx.execute(lockMember(memberId));
    if ((await run(sql`SELECT 1 FROM members WHERE org_id = ${orgId} AND id = ${memberId}`)) === 0) return null;
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
    // The coverage roll-up keeps no member either: the same, for the member's coverage signals.
    const theirCoverage = sql`
      SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, network, props->>'surface' AS surface, props->>'kind' AS kind,
             props->>'sitePack' AS site_pack, sum((props->>'count')::int) AS count
        FROM events
       WHERE org_id = ${orgId} AND member_id = ${memberId} AND type = 'coverage'
       GROUP BY 1, 2, 3, 4, 5`;
    const sameCoverage = sql`r.org_id = ${orgId} AND r.day = g.day AND r.network = g.network
         AND r.surface = g.surface AND r.kind = g.kind AND r.site_pack = g.site_pack`;
    await run(sql`
      SELECT 1 FROM coverage_rollups r JOIN (${theirCoverage}) g ON ${sameCoverage}
       ORDER BY r.day, r.network, r.surface, r.kind, r.site_pack
         FOR UPDATE OF r`);
    await run(
      sql`UPDATE coverage_rollups r SET count = r.count - g.count FROM (${theirCoverage}) g WHERE ${sameCoverage}`,
    );
    await run(sql`DELETE FROM coverage_rollups r USING (${theirCoverage}) g WHERE ${sameCoverage} AND r.count <= 0`);
    // Backwards through the contract's order, which lists what others hang on after them: clicks go before the links
    // they count, the member row last.
    const erased: Partial<Record<string, number>> = {};
    for (const table of [...EXPORT_TABLES].reverse()) {
      const spec: MemberTable = MEMBER_TABLES[table];
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(
          sql`WITH erased AS (${erasureOf(spec, orgId, memberId)} RETURNING 1) SELECT count(*)::int AS n FROM erased`,
        ),
      );
      erased[table] = Number(row?.n ?? 0);
    }
    await tx.execute(sql`INSERT INTO audit_log (id, org_id, action, actor_id, subject_id)
                         VALUES (${randomUUID()}, ${orgId}, 'member_erased', ${actorId}, ${memberId})`);
    return { events: erased.events ?? 0, links: erased.links ?? 0 };
  });
  // The member's rate buckets name them; they go too (the hub-wide table keeps no member otherwise).
  if (counts) {
    await rateLimiterFor(db).forget([memberBuckets.requests(memberId), memberBuckets.events(memberId)]);
  }
  return counts;
}

/** A CoE member erases another member of the organisation (a leaver, whose own tokens were revoked, included). */
export async function eraseMemberAsCoe(db: Database, auth: AuthContext, id: string) {
  if (id === auth.memberId) {
    throw new HttpError(409, 'To erase yourself, use "Delete me" in Spoke’s settings.');
  }
  const counts = await eraseMember(db, auth.orgId, id, auth.memberId);
  if (!counts) throw new HttpError(404, 'No member with this id.');
  return counts;
}
