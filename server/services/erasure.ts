// Erasure of a member: personal data, devices, events, links and their clicks, and their share of every roll-up.
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { rowsOf } from '../queries';

/** Deletes a member and everything personal about them, in one transaction. */
export async function eraseMember(
  db: Database,
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
    await run(sql`DELETE FROM member_activity WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`DELETE FROM devices WHERE org_id = ${orgId} AND member_id = ${memberId}`);
    await run(sql`UPDATE invites SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`);
    await run(sql`UPDATE policy_versions SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`);
    await run(sql`DELETE FROM members WHERE org_id = ${orgId} AND id = ${memberId}`);
    return { events: ev, links: ln };
  });
}
