// Roll-ups kept at ingest, in the transaction that stores the events or the click: `daily_rollups` (shares, human
// clicks, views gained and events per member, day and network), `member_months` (the same, a row per month), `shares`
// (every post_published, narrow), `reach_snapshots` (each post's latest counts per day), `reach_posts` (each post's
// latest counts and the share it came from), `rule_rollups` (per rule, day and unit: fired, dismissed, not helpful)
// `member_activity` (each member's latest event) and `coverage_rollups` (per org, day, network, surface, kind and
// site pack: coverage signals, no member). Reach and analytics read these, never the events table.
// Writers of one member's roll-ups take the member's advisory lock first (server/member-lock.ts); `rule_rollups` rows
// are shared by a unit's members and only ever incremented.
import { type SQL, sql } from 'drizzle-orm';
import type { Database } from './db';
import { lockMember, MEMBER_LOCK_CLASS, memberMayWrite } from './member-lock';

/** An event as stored (ids lowercased, time corrected). */
export interface StoredEvent {
  id: string;
  seq: number;
  type: string;
  network: string;
  content_id: string | null;
  occurred_at: string;
  props: unknown;
}

export interface EventOwner {
  orgId: string;
  memberId: string;
  deviceId: string;
  businessUnitId: string;
}

const RECORDSET = sql.raw(
  'x(id uuid, seq int, type text, network text, content_id uuid, occurred_at timestamptz, props jsonb)',
);

/**
 * Stores a member's events and updates the roll-ups, in one transaction: either all of it or none. With a key, the
 * events are only stored if the key is new (`fresh`). Returns the ids actually inserted (the others were duplicates);
 * `refused` when the member was erased or deactivated, or the device revoked, before the batch got the lock (nothing
 * is stored then).
 * Used by `POST /v1/events` after validation, and by the reach bench to load a year of history in bulk.
 * Round trips, not rows, are most of a batch's cost: the events and every roll-up are one statement, sent at once with
 * the member's lock (and, when the batch concerns an approved item, the share lookup).
 */
export async function storeEvents(
  db: Database,
  owner: EventOwner,
  rows: StoredEvent[],
  idempotency?: { key: string; fingerprint: string },
): Promise<{ fresh: boolean; ids: string[]; refused: boolean }> {
  // The lock first: the batch statement's snapshot is taken once it is granted, so it sees the roll-ups of every
  // earlier writer of this member, and an erasure that came first.
  const [, answer = []] = await db.batch([
    lockMember(owner.memberId),
    batchStatement(owner, rows, idempotency),
    ...linkShares(owner, rows),
  ]);
  const { fresh, ids, writable } = answer[0] as { fresh: boolean; ids: string[]; writable: boolean };
  if (!writable) return { fresh: false, ids: [], refused: true };
  return fresh ? { fresh, ids: ids.map((id) => id.toLowerCase()), refused: false } : { fresh, ids: [], refused: false };
}

/**
 * The key, the events, and the roll-ups of the events inserted (not of duplicates): one statement. Every CTE reads
 * the snapshot the statement started from: `before` is each touched post's curve before this batch, `written` what
 * the batch changed in it, and the views gained per day are the curves' gains after minus before.
 */
function batchStatement(
  owner: EventOwner,
  rows: StoredEvent[],
  idempotency: { key: string; fingerprint: string } | undefined,
): SQL {
  const { orgId, memberId, deviceId, businessUnitId } = owner;
  // Every write below follows from `fresh_key`: nothing is written for a member who may no longer write.
  const writable = memberMayWrite(owner);
  const freshKey = idempotency
    ? sql`INSERT INTO idempotency_keys (org_id, member_id, key, fingerprint)
          SELECT ${orgId}, ${memberId}, ${idempotency.key}, ${idempotency.fingerprint} WHERE ${writable}
          ON CONFLICT DO NOTHING RETURNING 1`
    : sql`SELECT 1 WHERE ${writable}`;
  return sql`
    WITH fresh_key AS (${freshKey}),
    inserted AS (
      INSERT INTO events (org_id, client_event_id, member_id, device_id, business_unit_id, seq, type, network,
                          content_id, occurred_at, received_at, props, batch_key)
      SELECT ${orgId}, x.id, ${memberId}, ${deviceId}, ${businessUnitId}, x.seq, x.type, x.network, x.content_id,
             x.occurred_at, now(), x.props, ${idempotency?.key ?? null}
        FROM jsonb_to_recordset((${JSON.stringify(rows)}::text)::jsonb) AS ${RECORDSET}
       WHERE EXISTS (SELECT FROM fresh_key)
      ON CONFLICT DO NOTHING
      RETURNING client_event_id AS id, seq, type, network, content_id, occurred_at, props
    ), shared AS (
      INSERT INTO shares (org_id, client_event_id, member_id, network, content_id, link_code, post_ref, occurred_at)
      SELECT ${orgId}, x.id, ${memberId}, x.network, x.content_id, x.props->>'linkCode', x.props->>'postRef',
             x.occurred_at
        FROM inserted x WHERE x.type = 'post_published'
       ORDER BY x.id
      ON CONFLICT DO NOTHING
    ), snaps AS (
      SELECT x.*, x.props->>'postRef' AS post_ref, (x.occurred_at AT TIME ZONE 'UTC')::date AS day
        FROM inserted x WHERE x.type = 'reach_snapshot'
    ), before AS (
      -- Post by post (OFFSET 0 keeps the subquery apart): an index probe each, not a scan of all the member's curves.
      SELECT s.network, s.post_ref, s.day, s.views
        FROM (SELECT DISTINCT network, post_ref FROM snaps) t
       CROSS JOIN LATERAL (
             SELECT c.network, c.post_ref, c.day, c.views FROM reach_snapshots c
              WHERE c.org_id = ${orgId} AND c.member_id = ${memberId} AND c.network = t.network
                AND c.post_ref = t.post_ref
             OFFSET 0) s
    ), written AS (
      -- The day's latest snapshot wins; a count the latest one did not read keeps the value seen before.
      INSERT INTO reach_snapshots (org_id, member_id, network, post_ref, day, views, reactions, comments, reposts,
                                   captured_at)
      SELECT * FROM (
        SELECT DISTINCT ON (x.network, x.post_ref, x.day)
               ${orgId}::uuid, ${memberId}::uuid, x.network, x.post_ref, x.day, (x.props->>'views')::bigint,
               (x.props->>'reactions')::bigint, (x.props->>'comments')::bigint, (x.props->>'reposts')::bigint,
               x.occurred_at
          FROM snaps x
         ORDER BY x.network, x.post_ref, x.day, x.occurred_at DESC, x.seq DESC
      ) latest
      ON CONFLICT (org_id, member_id, network, post_ref, day) DO UPDATE
         SET views = excluded.views,
             reactions = coalesce(excluded.reactions, reach_snapshots.reactions),
             comments = coalesce(excluded.comments, reach_snapshots.comments),
             reposts = coalesce(excluded.reposts, reach_snapshots.reposts),
             captured_at = excluded.captured_at
       WHERE excluded.captured_at >= reach_snapshots.captured_at
      RETURNING network, post_ref, day, views
    ), posts AS (
      INSERT INTO reach_posts (org_id, member_id, network, post_ref, content_id, link_code, first_seen_at,
                               last_seen_at, views, reactions, comments, reposts, published_at)
      SELECT ${orgId}, ${memberId}, x.network, x.post_ref,
             (array_agg(x.content_id ORDER BY x.occurred_at, x.seq) FILTER (WHERE x.content_id IS NOT NULL))[1],
             (array_agg(x.props->>'linkCode' ORDER BY x.occurred_at, x.seq) FILTER (WHERE x.props ? 'linkCode'))[1],
             min(x.occurred_at), max(x.occurred_at),
             (array_agg((x.props->>'views')::bigint ORDER BY x.occurred_at DESC, x.seq DESC))[1],
             (array_agg((x.props->>'reactions')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'reactions'))[1],
             (array_agg((x.props->>'comments')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'comments'))[1],
             (array_agg((x.props->>'reposts')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'reposts'))[1],
             min(x.occurred_at)
        FROM snaps x
       GROUP BY x.network, x.post_ref
       ORDER BY x.network, x.post_ref
      ON CONFLICT (org_id, member_id, network, post_ref) DO UPDATE
         SET content_id = coalesce(reach_posts.content_id, excluded.content_id),
             link_code = coalesce(reach_posts.link_code, excluded.link_code),
             first_seen_at = least(reach_posts.first_seen_at, excluded.first_seen_at),
             last_seen_at = greatest(reach_posts.last_seen_at, excluded.last_seen_at),
             views = CASE WHEN excluded.last_seen_at >= reach_posts.last_seen_at
                          THEN excluded.views ELSE reach_posts.views END,
             reactions = CASE WHEN excluded.last_seen_at >= reach_posts.last_seen_at
                              THEN coalesce(excluded.reactions, reach_posts.reactions)
                              ELSE coalesce(reach_posts.reactions, excluded.reactions) END,
             comments = CASE WHEN excluded.last_seen_at >= reach_posts.last_seen_at
                             THEN coalesce(excluded.comments, reach_posts.comments)
                             ELSE coalesce(reach_posts.comments, excluded.comments) END,
             reposts = CASE WHEN excluded.last_seen_at >= reach_posts.last_seen_at
                            THEN coalesce(excluded.reposts, reach_posts.reposts)
                            ELSE coalesce(reach_posts.reposts, excluded.reposts) END,
             published_at = CASE WHEN reach_posts.share_event_id IS NULL
                                 THEN least(reach_posts.first_seen_at, excluded.first_seen_at)
                                 ELSE reach_posts.published_at END
    ), gained AS (
      -- Per post, a day's count minus the count of its previous day (0 before the first), never negative.
      SELECT c.day, c.network, sum(c.sign * c.gain)::bigint AS views
        FROM (SELECT c.sign, c.day, c.network,
                     greatest(0, c.views - coalesce(lag(c.views) OVER (PARTITION BY c.sign, c.network, c.post_ref
                                                                       ORDER BY c.day), 0)) AS gain
                FROM (SELECT -1 AS sign, b.* FROM before b
                      UNION ALL
                      SELECT 1, w.* FROM written w
                      UNION ALL
                      SELECT 1, b.* FROM before b
                       WHERE NOT EXISTS (SELECT FROM written w WHERE w.network = b.network
                                            AND w.post_ref = b.post_ref AND w.day = b.day)) c) c
       GROUP BY c.day, c.network
      HAVING sum(c.sign * c.gain) <> 0
    ), deltas AS (
      -- Shares, views gained and events per day and network.
      SELECT d.day, d.network, sum(d.shares)::int AS shares, sum(d.views)::bigint AS views, sum(d.events)::int AS events
        FROM (SELECT (x.occurred_at AT TIME ZONE 'UTC')::date AS day, x.network,
                     (x.type = 'post_published')::int AS shares, 0::bigint AS views, 1 AS events
                FROM inserted x
              UNION ALL
              SELECT g.day, g.network, 0, g.views, 0 FROM gained g) d
       GROUP BY d.day, d.network
    ), daily AS (
      INSERT INTO daily_rollups (org_id, day, member_id, business_unit_id, network, shares, clicks, views, events)
      SELECT ${orgId}, d.day, ${memberId}, ${businessUnitId}, d.network, d.shares, 0, d.views, d.events
        FROM deltas d
       ORDER BY d.day, d.network
      ON CONFLICT (org_id, day, member_id, network) DO UPDATE
         SET shares = daily_rollups.shares + excluded.shares, views = daily_rollups.views + excluded.views,
             events = daily_rollups.events + excluded.events
    ), months AS (
      -- The same as day arrays per month (1-31), for the months with a share or a view gained.
      SELECT k.network, k.month, array_agg(coalesce(d.shares, 0) ORDER BY g.i) AS shares,
             array_agg(coalesce(d.views, 0) ORDER BY g.i) AS views
        FROM (SELECT DISTINCT d.network, date_trunc('month', d.day::timestamp)::date AS month
                FROM deltas d WHERE d.shares <> 0 OR d.views <> 0) k
       CROSS JOIN generate_series(1, 31) AS g(i)
        LEFT JOIN deltas d ON d.network = k.network AND date_trunc('month', d.day::timestamp)::date = k.month
              AND extract(day FROM d.day)::int = g.i
       GROUP BY k.network, k.month
    ), monthly AS (
      INSERT INTO member_months (org_id, member_id, network, month, shares, clicks, views)
      SELECT ${orgId}, ${memberId}, m.network, m.month, m.shares, array_fill(0, ARRAY[31]), m.views
        FROM months m
       ORDER BY m.network, m.month
      ON CONFLICT (org_id, member_id, network, month) DO UPDATE SET ${sql.raw(ADD_MONTHS)}
    ), rules AS (
      -- Per rule and day: times fired in published posts, findings dismissed, "Not helpful" (any verdict).
      INSERT INTO rule_rollups (org_id, day, business_unit_id, rule_id, triggered, dismissed, not_helpful)
      SELECT ${orgId}, (x.occurred_at AT TIME ZONE 'UTC')::date, ${businessUnitId}, x.props->>'ruleId',
             coalesce(sum((x.props->>'count')::int) FILTER (WHERE x.type = 'rule_triggered'), 0),
             coalesce(sum((x.props->>'dismissed')::int) FILTER (WHERE x.type = 'rule_triggered'), 0),
             count(*) FILTER (WHERE x.type = 'guideline_feedback')
        FROM inserted x WHERE x.type IN ('rule_triggered', 'guideline_feedback')
       GROUP BY 2, 4
       ORDER BY 2, 4
      ON CONFLICT (org_id, day, business_unit_id, rule_id) DO UPDATE
         SET triggered = rule_rollups.triggered + excluded.triggered,
             dismissed = rule_rollups.dismissed + excluded.dismissed,
             not_helpful = rule_rollups.not_helpful + excluded.not_helpful
    ), coverage AS (
      -- Coverage signals: counts per surface, kind and site-pack version, organisation-wide (no member).
      INSERT INTO coverage_rollups (org_id, day, network, surface, kind, site_pack, count)
      SELECT ${orgId}, (x.occurred_at AT TIME ZONE 'UTC')::date, x.network, x.props->>'surface', x.props->>'kind',
             x.props->>'sitePack', sum((x.props->>'count')::int)
        FROM inserted x WHERE x.type = 'coverage'
       GROUP BY 2, 3, 4, 5, 6
       ORDER BY 2, 3, 4, 5, 6
      ON CONFLICT (org_id, day, network, surface, kind, site_pack) DO UPDATE
         SET count = coverage_rollups.count + excluded.count
    ), activity AS (
      -- The member's latest event (what "inactive members" reads).
      INSERT INTO member_activity (org_id, member_id, last_event_at)
      SELECT ${orgId}, ${memberId}, max(x.occurred_at) FROM inserted x HAVING count(*) > 0
      ON CONFLICT (org_id, member_id) DO UPDATE
         SET last_event_at = greatest(member_activity.last_event_at, excluded.last_event_at)
    )
    SELECT ${writable} AS writable, EXISTS (SELECT FROM fresh_key) AS fresh, ARRAY(SELECT id::text FROM inserted) AS ids`;
}

/**
 * Which share each touched post of an approved item came from (snapshots with a content id, or shares of an item):
 * the member's post_published of the same item and network nearest before the post's first snapshot, whichever
 * arrived first. A statement of its own, after the batch statement, as it reads the shares and posts that one wrote;
 * none for a batch without an item. Posts touched by duplicates are looked at again, which changes nothing.
 */
function linkShares(owner: EventOwner, rows: StoredEvent[]): SQL[] {
  const { orgId, memberId } = owner;
  const linkedSnapshots = rows.filter((r) => r.type === 'reach_snapshot' && r.content_id);
  const linkedShares = rows.filter((r) => r.type === 'post_published' && r.content_id);
  if (linkedSnapshots.length === 0 && linkedShares.length === 0) return [];
  const touched = JSON.stringify(
    linkedSnapshots.map((r) => ({ network: r.network, post_ref: (r.props as { postRef: string }).postRef })),
  );
  const items = JSON.stringify(linkedShares.map((r) => ({ network: r.network, content_id: r.content_id })));
  return [
    sql`
      UPDATE reach_posts p
         SET share_event_id = m.share_event_id, published_at = coalesce(m.shared_at, p.first_seen_at)
        FROM (
          SELECT q.network, q.post_ref, s.client_event_id AS share_event_id, s.occurred_at AS shared_at
            FROM reach_posts q
            LEFT JOIN LATERAL (
              SELECT client_event_id, occurred_at FROM shares
               WHERE org_id = q.org_id AND member_id = q.member_id AND content_id = q.content_id
                 AND network = q.network AND occurred_at <= q.first_seen_at
               ORDER BY occurred_at DESC LIMIT 1) s ON true
           WHERE q.org_id = ${orgId} AND q.member_id = ${memberId} AND q.content_id IS NOT NULL
             AND ((q.network, q.post_ref) IN (SELECT t.network, t.post_ref
                                                 FROM jsonb_to_recordset((${touched}::text)::jsonb)
                                                      AS t(network text, post_ref text))
                  OR (q.network, q.content_id) IN (SELECT i.network, i.content_id
                                                     FROM jsonb_to_recordset((${items}::text)::jsonb)
                                                          AS i(network text, content_id uuid)))
           ORDER BY q.network, q.post_ref
        ) m
       WHERE p.org_id = ${orgId} AND p.member_id = ${memberId} AND p.network = m.network AND p.post_ref = m.post_ref
         AND (p.share_event_id IS DISTINCT FROM m.share_event_id
              OR p.published_at IS DISTINCT FROM coalesce(m.shared_at, p.first_seen_at))`,
  ];
}

/** `ON CONFLICT` update of member_months: the stored arrays plus the new ones, element by element. */
const ADD_MONTHS = ['shares', 'clicks', 'views']
  .map(
    (column) =>
      `${column} = (SELECT array_agg(a + b ORDER BY i) FROM unnest(member_months.${column}, excluded.${column}) WITH ORDINALITY AS u(a, b, i))`,
  )
  .join(', ');

export interface ClickInput {
  code: string;
  orgId: string;
  day: string;
  visitorHash: string;
  bot: boolean;
}

/**
 * Stores clicks on tracked links: one row per link, day and visitor (a repeat only bumps `hits`). A new human
 * visitor also counts on the link (`human_clicks`) and in the owner's daily roll-up, in the same statement.
 * `GET /v1/r/:code` stores one; the reach bench many at once.
 */
export async function recordClicks(db: Database, clicks: ClickInput[]): Promise<void> {
  if (clicks.length === 0) return;
  const json = JSON.stringify(clicks);
  await db.db.transaction(async (tx) => {
    // The same per-member lock as event batches: the roll-up rows of one member are written by one writer at a time.
    await tx.execute(sql`
      SELECT pg_advisory_xact_lock(${MEMBER_LOCK_CLASS}, hashtext(m.member_id::text))
        FROM (SELECT DISTINCT member_id FROM links
               WHERE code IN (SELECT x->>'code' FROM jsonb_array_elements((${json}::text)::jsonb) x)
               ORDER BY member_id) m`);
    const [before, after] = CLICKS_SQL.split('$1') as [string, string];
    await tx.execute(sql`${sql.raw(before)}${json}${sql.raw(after)}`);
  });
}

/** Stores the clicks of `$1` (JSON) and, for new human visitors, counts them on the link and in the roll-ups. */
const CLICKS_SQL = `WITH input AS (
       SELECT * FROM jsonb_to_recordset(($1::text)::jsonb)
                AS x(code text, "orgId" uuid, day date, "visitorHash" text, bot boolean)
     ), stored AS (
       -- Only on links that still exist (under their owner's lock): a click racing an erasure leaves nothing.
       INSERT INTO clicks (code, org_id, day, visitor_hash, bot, hits)
       SELECT code, "orgId", day, "visitorHash", (array_agg(bot))[1], count(*) FROM input
        WHERE EXISTS (SELECT FROM links l WHERE l.code = input.code AND l.org_id = input."orgId")
        GROUP BY code, "orgId", day, "visitorHash" ORDER BY code, day, "visitorHash"
       ON CONFLICT (code, day, visitor_hash) DO UPDATE SET hits = clicks.hits + excluded.hits
       RETURNING code, day, bot, (xmax = 0) AS fresh
     ), human AS (
       SELECT code, day, count(*)::int AS n FROM stored WHERE fresh AND NOT bot GROUP BY code, day
     ), month_days AS (
       SELECT l.org_id, l.member_id, l.network, date_trunc('month', h.day::timestamp)::date AS month,
              extract(day FROM h.day)::int AS d, sum(h.n)::int AS n
         FROM human h JOIN links l ON l.code = h.code
        GROUP BY 1, 2, 3, 4, 5
     ), per_month AS (
       INSERT INTO member_months (org_id, member_id, network, month, shares, clicks, views)
       SELECT k.org_id, k.member_id, k.network, k.month, array_fill(0, ARRAY[31]),
              array_agg(coalesce(md.n, 0) ORDER BY s.g), array_fill(0::bigint, ARRAY[31])
         FROM (SELECT DISTINCT org_id, member_id, network, month FROM month_days) k
        CROSS JOIN generate_series(1, 31) AS s(g)
         LEFT JOIN month_days md ON md.org_id = k.org_id AND md.member_id = k.member_id AND md.network = k.network
               AND md.month = k.month AND md.d = s.g
        GROUP BY k.org_id, k.member_id, k.network, k.month
        ORDER BY k.org_id, k.member_id, k.network, k.month
       ON CONFLICT (org_id, member_id, network, month) DO UPDATE SET ${ADD_MONTHS}
       RETURNING 1
     ), per_link AS (
       UPDATE links l SET human_clicks = l.human_clicks + t.n
         FROM (SELECT code, sum(n)::int AS n FROM human GROUP BY code ORDER BY code) t
        WHERE l.code = t.code
       RETURNING l.code
     )
     INSERT INTO daily_rollups (org_id, day, member_id, business_unit_id, network, shares, clicks, views, events)
     SELECT l.org_id, h.day, l.member_id, m.business_unit_id, l.network, 0, sum(h.n), 0, 0
       FROM human h JOIN links l ON l.code = h.code JOIN members m ON m.id = l.member_id AND m.org_id = l.org_id
      GROUP BY l.org_id, h.day, l.member_id, m.business_unit_id, l.network
      ORDER BY l.org_id, h.day, l.member_id, l.network
     ON CONFLICT (org_id, day, member_id, network) DO UPDATE SET clicks = daily_rollups.clicks + excluded.clicks`;
