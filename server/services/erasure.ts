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
    // The roll-ups that keep no member (per rule, site surface, unit, content item): take this member's share out,
    // from their rows that made it (events, daily roll-up, shares, clicks), before those go below.
    for (const rollup of SHARED_ROLLUPS) await takeOut(run, rollup, orgId, memberId);
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

/** A roll-up of no member, and the member's share of it: rows with the same key columns and the counts to subtract. */
interface SharedRollup {
  table: string;
  keys: string[];
  counts: string[];
  theirs: (orgId: string, memberId: string) => SQL;
}

/** The member's rule counts per day (and unit, for the roll-up per unit), from their events. */
function theirRules(orgId: string, memberId: string, perUnit: boolean): SQL {
  const unit = sql.raw(perUnit ? 'business_unit_id, ' : '');
  return sql`
      SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, ${unit}props->>'ruleId' AS rule_id,
             coalesce(sum((props->>'count')::int) FILTER (WHERE type = 'rule_triggered'), 0) AS triggered,
             coalesce(sum((props->>'dismissed')::int) FILTER (WHERE type = 'rule_triggered'), 0) AS dismissed,
             count(*) FILTER (WHERE type = 'guideline_feedback') AS not_helpful
        FROM events
       WHERE org_id = ${orgId} AND member_id = ${memberId} AND type IN ('rule_triggered', 'guideline_feedback')
       GROUP BY ${sql.raw(perUnit ? '1, 2, 3' : '1, 2')}`;
}

const SHARED_ROLLUPS: SharedRollup[] = [
  {
    table: 'rule_rollups',
    keys: ['day', 'business_unit_id', 'rule_id'],
    counts: ['triggered', 'dismissed', 'not_helpful'],
    theirs: (orgId, memberId) => theirRules(orgId, memberId, true),
  },
  {
    table: 'rule_totals',
    keys: ['day', 'rule_id'],
    counts: ['triggered', 'dismissed', 'not_helpful'],
    theirs: (orgId, memberId) => theirRules(orgId, memberId, false),
  },
  {
    table: 'coverage_rollups',
    keys: ['day', 'network', 'surface', 'kind', 'site_pack'],
    counts: ['count'],
    theirs: (orgId, memberId) => sql`
      SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, network, props->>'surface' AS surface, props->>'kind' AS kind,
             props->>'sitePack' AS site_pack, sum((props->>'count')::int) AS count
        FROM events
       WHERE org_id = ${orgId} AND member_id = ${memberId} AND type = 'coverage'
       GROUP BY 1, 2, 3, 4, 5`,
  },
  {
    table: 'unit_rollups',
    keys: ['day', 'business_unit_id', 'network'],
    counts: ['shares', 'clicks', 'views'],
    theirs: (orgId, memberId) => sql`
      SELECT day, business_unit_id, network, sum(shares) AS shares, sum(clicks) AS clicks, sum(views) AS views
        FROM daily_rollups WHERE org_id = ${orgId} AND member_id = ${memberId}
       GROUP BY 1, 2, 3`,
  },
  {
    table: 'content_rollups',
    keys: ['day', 'content_id'],
    counts: ['shares', 'clicks'],
    theirs: (orgId, memberId) => sql`
      SELECT day, content_id, sum(shares) AS shares, sum(clicks) AS clicks
        FROM (SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, content_id, 1 AS shares, 0 AS clicks FROM shares
               WHERE org_id = ${orgId} AND member_id = ${memberId} AND content_id IS NOT NULL
              UNION ALL
              SELECT k.day, l.content_id, 0, 1 FROM clicks k JOIN links l ON l.code = k.code AND l.org_id = k.org_id
               WHERE l.org_id = ${orgId} AND l.member_id = ${memberId} AND l.content_id IS NOT NULL AND NOT k.bot) x
       GROUP BY 1, 2`,
  },
];

/**
 * Subtracts the member's share from a roll-up of no member: its rows locked in key order first (as ingest locks
 * them), a row left at zero deleted (a backfill would not have made it). Names come from the list above only.
 */
async function takeOut(run: (q: SQL) => Promise<number>, r: SharedRollup, orgId: string, memberId: string) {
  const theirs = r.theirs(orgId, memberId);
  const same = sql.raw(r.keys.map((k) => `r.${k} = g.${k}`).join(' AND '));
  const table = sql.raw(`${r.table} r`);
  await run(sql`SELECT 1 FROM ${table} JOIN (${theirs}) g ON ${same} WHERE r.org_id = ${orgId}
                 ORDER BY ${sql.raw(r.keys.map((k) => `r.${k}`).join(', '))} FOR UPDATE OF r`);
  await run(sql`UPDATE ${table} SET ${sql.raw(r.counts.map((c) => `${c} = r.${c} - g.${c}`).join(', '))}
                  FROM (${theirs}) g WHERE r.org_id = ${orgId} AND ${same}`);
  await run(sql`DELETE FROM ${table} USING (${theirs}) g WHERE r.org_id = ${orgId} AND ${same}
                  AND ${sql.raw(r.counts.map((c) => `r.${c} <= 0`).join(' AND '))}`);
}
