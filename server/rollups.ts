// Roll-ups kept at ingest, in the transaction that stores the events or the click: `daily_rollups` (shares, human
// clicks, views gained and events per member, day and network: only what was earned, see batchStatement),
// `member_months` (the same, a row per month), `shares` (every post_published stored, narrow: shares of an item and
// own posts), `reach_snapshots` (each post's latest counts per day), `reach_posts` (each post's
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
  /** The device's clock was too far off to correct: `occurred_at` is the hub's receive time. */
  clock_skew?: boolean;
}

export interface EventOwner {
  orgId: string;
  memberId: string;
  deviceId: string;
  businessUnitId: string;
}

/**
 * Why an event valid on its own does not count, decided in the batch's statement (under the member's lock, against
 * what is stored): `not_in_library` and `not_your_link` are refusals; `share_counted` (the item's share of that day on
 * that network is already counted) and `off_curve` (a post's views that would make its curve go down) are not stored,
 * as nothing new.
 */
export type Verdict = 'not_in_library' | 'not_your_link' | 'share_counted' | 'off_curve';

/**
 * The slack of a device clock that `sentAt` corrected: how far in the future an event may claim to be
 * (server/services/ingest.ts), and how long before an item was published, or started, a share of it may.
 */
export const CLOCK_SLACK_MS = 5 * 60_000;

const RECORDSET = sql.raw(
  'x(id uuid, seq int, type text, network text, content_id uuid, occurred_at timestamptz, props jsonb, clock_skew boolean)',
);

/**
 * Stores a member's events and updates the roll-ups, in one transaction: either all of it or none. With a key, the
 * events are only stored if the key is new (`fresh`). Returns the ids actually inserted (the others were duplicates)
 * and the verdict on each event that does not count (whatever `fresh`: a retry gets the same verdicts); `refused`
 * when the member was erased or deactivated, or the device revoked, before the batch got the lock (nothing is stored
 * then).
 * Used by `POST /v1/events` after validation, and by the reach bench to load a year of history in bulk.
 * Round trips, not rows, are most of a batch's cost: the events and every roll-up are one statement, sent at once with
 * the member's lock.
 */
export async function storeEvents(
  db: Database,
  owner: EventOwner,
  rows: StoredEvent[],
  idempotency?: { key: string; fingerprint: string },
): Promise<{ fresh: boolean; ids: string[]; verdicts: Map<string, Verdict>; refused: boolean }> {
  // The lock first: the batch statement's snapshot is taken once it is granted, so it sees the roll-ups of every
  // earlier writer of this member, and an erasure that came first.
  const [, answer = []] = await db.batch([lockMember(owner.memberId), batchStatement(owner, rows, idempotency)]);
  const { fresh, ids, verdicts, writable } = answer[0] as {
    fresh: boolean;
    ids: string[];
    verdicts: string[];
    writable: boolean;
  };
  if (!writable) return { fresh: false, ids: [], verdicts: new Map(), refused: true };
  const byId = new Map<string, Verdict>();
  for (const entry of verdicts) {
    const [id, verdict] = entry.split(' ') as [string, Verdict];
    byId.set(id.toLowerCase(), verdict);
  }
  return { fresh, ids: fresh ? ids.map((id) => id.toLowerCase()) : [], verdicts: byId, refused: false };
}

/**
 * The key, the events that count, and their roll-ups (not of duplicates): one statement. Every CTE reads the
 * snapshot the statement started from: `before` is each touched post's curve before this batch, `written` what the
 * batch changed in it, and the views gained per day are the curves' gains after minus before.
 *
 * What counts is earned, not claimed (issue 20):
 * - a share (`post_published` of an item) counts once per item, network and UTC day, for an item of the member's
 *   library at the time: published, offered to a unit of their chain, started, not expired nor withdrawn; a
 *   `post_published` without an item (an own post) is kept, and listed among the member's posts, but is no share;
 * - a link code names the member's own link for that item and network;
 * - a post's views only rise: a reading below one before it, or above one after it, is not stored, so a curve never
 *   dips and the views gained add up to its latest count, however the readings arrive;
 * - a post of an item gains views for the member only once it comes from a share of that item (`share_event_id`:
 *   the member's share of the item on the post's network nearest before its first reading, whichever arrived
 *   first); until then, its readings are kept and count when the share arrives. An own post's views count as they
 *   rise.
 */
function batchStatement(
  owner: EventOwner,
  rows: StoredEvent[],
  idempotency: { key: string; fingerprint: string } | undefined,
): SQL {
  const { orgId, memberId, deviceId, businessUnitId } = owner;
  // Every write below follows from `fresh_key`: nothing is written for a member who may no longer write.
  const writable = memberMayWrite(owner);
  // Each check is in the statement only when the batch has events it applies to: a smaller statement plans faster,
  // and PGlite plans every statement it runs.
  const namesItem = rows.some(
    (r) =>
      (r.type === 'share_started' || r.type === 'post_published' || r.type === 'reach_snapshot') &&
      (r.content_id !== null || (r.props as { linkCode?: string }).linkCode !== undefined),
  );
  const sharesItems = rows.some((r) => r.type === 'post_published' && r.content_id);
  const snapshots = rows.some((r) => r.type === 'reach_snapshot');
  const none = (columns: string) => sql.raw(`SELECT ${columns} WHERE false`);
  const slack = sql`make_interval(secs => ${CLOCK_SLACK_MS / 1000})`;
  /**
   * The member's share of an item on a network nearest before an instant: stored, or of this batch. None without an
   * item, and without reading the shares: PGlite, keeping no statistics, walks the member's shares by time for it.
   */
  const nearestShare = (content: SQL, network: SQL, before: SQL) => sql`
      SELECT s.id, s.occurred_at FROM (
        SELECT client_event_id AS id, occurred_at FROM shares
         WHERE ${content} IS NOT NULL AND org_id = ${orgId} AND member_id = ${memberId} AND content_id = ${content}
           AND network = ${network} AND occurred_at <= ${before}
        UNION ALL
        SELECT id, occurred_at FROM inserted
         WHERE type = 'post_published' AND content_id = ${content} AND network = ${network} AND occurred_at <= ${before}
      ) s ORDER BY s.occurred_at DESC, s.id DESC LIMIT 1`;
  const nearestOfRow = nearestShare(
    sql`coalesce(reach_posts.content_id, excluded.content_id)`,
    sql`excluded.network`,
    sql`least(reach_posts.first_seen_at, excluded.first_seen_at)`,
  );
  const refused = namesItem
    ? sql`chain (id, parent_id) AS (
      -- The member's unit and its ancestors: the units an item may be offered to for the member to see it.
      SELECT b.id, b.parent_id FROM business_units b WHERE b.org_id = ${orgId} AND b.id = ${businessUnitId}
      UNION
      SELECT b.id, b.parent_id FROM business_units b JOIN chain c ON b.id = c.parent_id WHERE b.org_id = ${orgId}
    ), refused AS (
      SELECT v.id, v.verdict FROM (
        SELECT x.id,
               CASE WHEN x.content_id IS NOT NULL AND NOT EXISTS (
                           SELECT FROM content_items c
                            WHERE c.org_id = ${orgId} AND c.id = x.content_id
                              AND c.published_at <= x.occurred_at + ${slack}
                              AND ((c.status = 'published' AND c.deleted_at IS NULL AND c.withdrawn_at IS NULL)
                                   OR x.occurred_at < c.withdrawn_at)
                              AND (c.starts_at IS NULL OR c.starts_at <= x.occurred_at + ${slack})
                              AND (c.expires_at IS NULL OR x.occurred_at < c.expires_at)
                              AND (jsonb_array_length(c.business_unit_ids) = 0
                                   OR EXISTS (SELECT FROM jsonb_array_elements_text(c.business_unit_ids) u
                                               WHERE u.value IN (SELECT id::text FROM chain))))
                    THEN 'not_in_library'
                    WHEN x.props ? 'linkCode' AND NOT EXISTS (
                           SELECT FROM links l
                            WHERE l.code = x.props->>'linkCode' AND l.org_id = ${orgId} AND l.member_id = ${memberId}
                              AND l.content_id = x.content_id AND l.network = x.network)
                    THEN 'not_your_link' END AS verdict
          FROM input x
         WHERE x.type IN ('share_started', 'post_published', 'reach_snapshot')
           AND (x.content_id IS NOT NULL OR x.props ? 'linkCode')
      ) v WHERE v.verdict IS NOT NULL
    ), valid AS (
      SELECT x.* FROM input x WHERE NOT EXISTS (SELECT FROM refused r WHERE r.id = x.id)`
    : sql`refused AS (${none('NULL::uuid AS id, NULL::text AS verdict')}
    ), valid AS (
      SELECT * FROM input`;
  const shareCounted = sharesItems
    ? sql`
      -- Shares of an item beyond the first of their UTC day and network: in this batch, or stored before.
      SELECT r.id FROM (
        SELECT x.id,
               row_number() OVER (PARTITION BY x.content_id, x.network, (x.occurred_at AT TIME ZONE 'UTC')::date
                                  ORDER BY x.occurred_at, x.seq, x.id) AS nth,
               EXISTS (SELECT FROM shares s
                        WHERE s.org_id = ${orgId} AND s.member_id = ${memberId} AND s.content_id = x.content_id
                          AND s.network = x.network AND s.client_event_id <> x.id
                          AND s.occurred_at >= date_trunc('day', x.occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
                          AND s.occurred_at < (date_trunc('day', x.occurred_at AT TIME ZONE 'UTC') + interval '1 day')
                                              AT TIME ZONE 'UTC') AS counted
          FROM valid x WHERE x.type = 'post_published' AND x.content_id IS NOT NULL
      ) r WHERE r.nth > 1 OR r.counted`
    : none('NULL::uuid AS id');
  const ofItems = sharesItems
    ? sql`
      -- Posts of an item shared now: a share of this batch may be the one they came from.
      SELECT p.ctid, p.network, p.post_ref, p.content_id, p.share_event_id, p.first_seen_at FROM reach_posts p
       WHERE p.org_id = ${orgId} AND p.member_id = ${memberId}
         AND (p.network, p.content_id) IN (SELECT x.network, x.content_id FROM valid x
                                            WHERE x.type = 'post_published' AND x.content_id IS NOT NULL)`
    : none(
        'NULL::tid AS ctid, NULL::text AS network, NULL::text AS post_ref, NULL::uuid AS content_id, NULL::uuid AS share_event_id, NULL::timestamptz AS first_seen_at',
      );
  const relinked = sharesItems
    ? sql`
      -- Posts of an item shared now, not read again in this batch: linked to a share of this batch if it is nearer.
      UPDATE reach_posts p
         SET share_event_id = m.id, published_at = m.occurred_at,
             counting_changed_at = CASE WHEN m.counted THEN p.counting_changed_at ELSE now() END
        FROM (SELECT a.ctid, s.id, s.occurred_at, a.content_id IS NULL OR a.share_event_id IS NOT NULL AS counted
                FROM of_items a
               CROSS JOIN LATERAL (${nearestShare(sql`a.content_id`, sql`a.network`, sql`a.first_seen_at`)}) s
               WHERE NOT EXISTS (SELECT FROM snaps x WHERE x.network = a.network AND x.post_ref = a.post_ref)) m
       -- The rows of_items read, by their place in the table (the member's posts are not read again).
       WHERE p.ctid = m.ctid AND p.share_event_id IS DISTINCT FROM m.id
      RETURNING p.network, p.post_ref, true AS counted, NOT m.counted AS changed`
    : none('NULL::text AS network, NULL::text AS post_ref, NULL::boolean AS counted, NULL::boolean AS changed');
  const offCurve = snapshots
    ? sql`
      -- Readings in time order: one counts if it is at least every stored reading before it and every earlier reading
      -- of this batch that fits below the stored ones after it, and at most the stored readings after it (the
      -- highest stored at or before it is its floor, the lowest stored after it its ceiling).
      SELECT r.id FROM (
        SELECT b.id, b.views, b.floor, b.ceiling, b.stored,
               max(b.views) FILTER (WHERE NOT b.stored AND (b.ceiling IS NULL OR b.views <= b.ceiling))
                 OVER (PARTITION BY b.network, b.post_ref ORDER BY b.t, b.stored DESC, b.seq, b.id
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS batch_floor
          FROM (SELECT p.*,
                       max(p.views) FILTER (WHERE p.stored) OVER (PARTITION BY p.network, p.post_ref
                                                                  ORDER BY p.t, p.stored DESC, p.seq, p.id
                                                                  ROWS UNBOUNDED PRECEDING) AS floor,
                       min(p.views) FILTER (WHERE p.stored) OVER (PARTITION BY p.network, p.post_ref
                                                                  ORDER BY p.t, p.stored DESC, p.seq, p.id
                                                                  ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
                         AS ceiling
                  FROM (SELECT b.network, b.post_ref, b.captured_at AS t, true AS stored, 0 AS seq, NULL::uuid AS id,
                               b.views
                          FROM before b
                        UNION ALL
                        SELECT s.network, s.post_ref, s.occurred_at, false, s.seq, s.id, s.views FROM snap_in s) p) b
      ) r
       WHERE NOT r.stored
         AND (r.views < coalesce(r.floor, 0) OR r.views < coalesce(r.batch_floor, 0) OR r.views > r.ceiling)`
    : none('NULL::uuid AS id');
  const freshKey = idempotency
    ? sql`INSERT INTO idempotency_keys (org_id, member_id, key, fingerprint)
          SELECT ${orgId}, ${memberId}, ${idempotency.key}, ${idempotency.fingerprint} WHERE ${writable}
          ON CONFLICT DO NOTHING RETURNING 1`
    : sql`SELECT 1 WHERE ${writable}`;
  return sql`
    WITH RECURSIVE fresh_key AS (${freshKey}),
    input AS (
      SELECT * FROM jsonb_to_recordset((${JSON.stringify(rows)}::text)::jsonb) AS ${RECORDSET}
    ), ${refused}
    ), share_counted AS (${shareCounted}
    ), snap_in AS (
      SELECT x.id, x.seq, x.network, x.props->>'postRef' AS post_ref, x.occurred_at,
             (x.props->>'views')::bigint AS views
        FROM valid x WHERE x.type = 'reach_snapshot'
    ), of_items AS (${ofItems}
    ), touched AS (
      -- The posts whose views may change: snapshotted now, or of an item shared now.
      SELECT DISTINCT s.network, s.post_ref FROM snap_in s
      UNION
      SELECT a.network, a.post_ref FROM of_items a
    ), before AS (
      -- Post by post (OFFSET 0 keeps the subquery apart): an index probe each, not a scan of all the member's curves.
      SELECT s.network, s.post_ref, s.day, s.views, s.captured_at
        FROM touched t
       CROSS JOIN LATERAL (
             SELECT c.network, c.post_ref, c.day, c.views, c.captured_at FROM reach_snapshots c
              WHERE c.org_id = ${orgId} AND c.member_id = ${memberId} AND c.network = t.network
                AND c.post_ref = t.post_ref
             OFFSET 0) s
    ), off_curve AS (${offCurve}
    ), uncounted AS (
      SELECT id, 'share_counted' AS verdict FROM share_counted
      UNION ALL
      SELECT id, 'off_curve' FROM off_curve
    ), inserted AS (
      INSERT INTO events (org_id, client_event_id, member_id, device_id, business_unit_id, seq, type, network,
                          content_id, occurred_at, received_at, props, batch_key, clock_skew)
      SELECT ${orgId}, x.id, ${memberId}, ${deviceId}, ${businessUnitId}, x.seq, x.type, x.network, x.content_id,
             x.occurred_at, now(), x.props, ${idempotency?.key ?? null}, coalesce(x.clock_skew, false)
        FROM valid x
       WHERE EXISTS (SELECT FROM fresh_key) AND NOT EXISTS (SELECT FROM uncounted u WHERE u.id = x.id)
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
      -- Each post's latest counts, first and last reading, and the share it came from (the member's share of its item
      -- on its network nearest before its first reading: stored, or of this batch), else no share.
      INSERT INTO reach_posts (org_id, member_id, network, post_ref, content_id, link_code, first_seen_at,
                               last_seen_at, views, reactions, comments, reposts, share_event_id, published_at,
                               counting_changed_at)
      SELECT ${orgId}, ${memberId}, n.network, n.post_ref, n.content_id, n.link_code, n.first_seen_at, n.last_seen_at,
             n.views, n.reactions, n.comments, n.reposts, m.id, coalesce(m.occurred_at, n.first_seen_at),
             CASE WHEN n.content_id IS NULL OR m.id IS NOT NULL THEN now() END
        FROM (SELECT x.network, x.post_ref,
                     (array_agg(x.content_id ORDER BY x.occurred_at, x.seq) FILTER (WHERE x.content_id IS NOT NULL))[1]
                       AS content_id,
                     (array_agg(x.props->>'linkCode' ORDER BY x.occurred_at, x.seq) FILTER (WHERE x.props ? 'linkCode'))[1]
                       AS link_code,
                     min(x.occurred_at) AS first_seen_at, max(x.occurred_at) AS last_seen_at,
                     (array_agg((x.props->>'views')::bigint ORDER BY x.occurred_at DESC, x.seq DESC))[1] AS views,
                     (array_agg((x.props->>'reactions')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'reactions'))[1]
                       AS reactions,
                     (array_agg((x.props->>'comments')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'comments'))[1]
                       AS comments,
                     (array_agg((x.props->>'reposts')::bigint ORDER BY x.occurred_at DESC, x.seq DESC) FILTER (WHERE x.props ? 'reposts'))[1]
                       AS reposts
                FROM snaps x
               GROUP BY x.network, x.post_ref) n
        LEFT JOIN LATERAL (${nearestShare(sql`n.content_id`, sql`n.network`, sql`n.first_seen_at`)}) m ON true
       ORDER BY n.network, n.post_ref
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
             (share_event_id, published_at, counting_changed_at) = (
               SELECT m.id, coalesce(m.occurred_at, least(reach_posts.first_seen_at, excluded.first_seen_at)),
                      CASE WHEN (coalesce(reach_posts.content_id, excluded.content_id) IS NULL OR m.id IS NOT NULL)
                                IS DISTINCT FROM (reach_posts.content_id IS NULL OR reach_posts.share_event_id IS NOT NULL)
                           THEN now() ELSE reach_posts.counting_changed_at END
                 FROM (SELECT) one LEFT JOIN LATERAL (${nearestOfRow}) m ON true)
      -- Whether its views count now, and whether that changed in this batch (so whether they counted before it).
      RETURNING network, post_ref, content_id IS NULL OR share_event_id IS NOT NULL AS counted,
                coalesce(counting_changed_at = now(), false) AS changed
    ), relinked AS (${relinked}
    ), states AS (
      -- Whether each post this batch changed counts its views after the batch, and before it (the same unless that
      -- changed): an own post's always; a post of an item once it comes from a share. Read from what the upsert and
      -- the update returned (the rows are found by their key or place, never looked up: without planner statistics
      -- PGlite would read all the member's posts for each), so unchanged posts are not here and gain nothing.
      SELECT u.network, u.post_ref, u.counted <> u.changed AS counted_before, u.counted AS counted_after FROM posts u
      UNION ALL
      SELECT r.network, r.post_ref, r.counted <> r.changed, r.counted FROM relinked r
    ), gained AS (
      -- Per post, a day's count minus the count of its previous day (0 before the first), never negative: the
      -- curves after this batch (if they count) minus the curves before it (if they counted).
      SELECT c.day, c.network, sum(c.sign * c.gain)::bigint AS views
        FROM (SELECT c.sign, c.day, c.network,
                     greatest(0, c.views - coalesce(lag(c.views) OVER (PARTITION BY c.sign, c.network, c.post_ref
                                                                       ORDER BY c.day), 0)) AS gain
                FROM (SELECT -1 AS sign, b.network, b.post_ref, b.day, b.views FROM before b
                        JOIN states s ON s.network = b.network AND s.post_ref = b.post_ref AND s.counted_before
                      UNION ALL
                      SELECT 1, w.network, w.post_ref, w.day, w.views FROM written w
                        JOIN states s ON s.network = w.network AND s.post_ref = w.post_ref AND s.counted_after
                      UNION ALL
                      SELECT 1, b.network, b.post_ref, b.day, b.views FROM before b
                        JOIN states s ON s.network = b.network AND s.post_ref = b.post_ref AND s.counted_after
                       WHERE NOT EXISTS (SELECT FROM written w WHERE w.network = b.network
                                            AND w.post_ref = b.post_ref AND w.day = b.day)) c) c
       GROUP BY c.day, c.network
      HAVING sum(c.sign * c.gain) <> 0
    ), deltas AS (
      -- Shares, views gained and events per day and network.
      SELECT d.day, d.network, sum(d.shares)::int AS shares, sum(d.views)::bigint AS views, sum(d.events)::int AS events
        FROM (SELECT (x.occurred_at AT TIME ZONE 'UTC')::date AS day, x.network,
                     (x.type = 'post_published' AND x.content_id IS NOT NULL)::int AS shares, 0::bigint AS views,
                     1 AS events
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
    ), days AS (
      -- The member's days with an event and with a share, a bit per day of the year ("sharing", "idle" members); the
      -- share days also on the next year's row, as the year before (a period of up to a year reads one row).
      INSERT INTO member_days (org_id, member_id, year, active, shared, shared_before)
      SELECT ${orgId}, ${memberId}, y.year, bit_or(y.active), bit_or(y.shared), bit_or(y.shared_before)
        FROM (SELECT d.year, ${sql.raw(dayBit('d.day', 'd.year', 'd.events > 0'))} AS active,
                     ${sql.raw(dayBit('d.day', 'd.year', 'd.shares > 0'))} AS shared, B'0'::bit(366) AS shared_before
                FROM (SELECT d.*, extract(year FROM d.day)::int AS year FROM deltas d
                       WHERE d.events > 0 OR d.shares > 0) d
              UNION ALL
              SELECT d.year + 1, B'0'::bit(366), B'0'::bit(366), ${sql.raw(dayBit('d.day', 'd.year', 'true'))}
                FROM (SELECT d.*, extract(year FROM d.day)::int AS year FROM deltas d WHERE d.shares > 0) d) y
       GROUP BY y.year
       ORDER BY y.year
      ON CONFLICT (org_id, year, member_id) DO UPDATE
         SET active = member_days.active | excluded.active, shared = member_days.shared | excluded.shared,
             shared_before = member_days.shared_before | excluded.shared_before
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
    ), activity AS (
      -- The member's latest event (what "inactive members" reads).
      INSERT INTO member_activity (org_id, member_id, last_event_at)
      SELECT ${orgId}, ${memberId}, max(x.occurred_at) FROM inserted x HAVING count(*) > 0
      ON CONFLICT (org_id, member_id) DO UPDATE
         SET last_event_at = greatest(member_activity.last_event_at, excluded.last_event_at)
    ), rule_deltas AS (
      -- From here on, rows every member's batches touch: last, so their locks are held the shortest time before the
      -- commit, and in the same order in every writer (rules, coverage, units, content; clicks: units, content).
      -- Per rule and day: times fired in published posts, findings dismissed, "Not helpful" (any verdict).
      SELECT (x.occurred_at AT TIME ZONE 'UTC')::date AS day, x.props->>'ruleId' AS rule_id,
             coalesce(sum((x.props->>'count')::int) FILTER (WHERE x.type = 'rule_triggered'), 0) AS triggered,
             coalesce(sum((x.props->>'dismissed')::int) FILTER (WHERE x.type = 'rule_triggered'), 0) AS dismissed,
             count(*) FILTER (WHERE x.type = 'guideline_feedback') AS not_helpful
        FROM inserted x WHERE x.type IN ('rule_triggered', 'guideline_feedback')
       GROUP BY 1, 2
    ), rules AS (
      INSERT INTO rule_rollups (org_id, day, business_unit_id, rule_id, triggered, dismissed, not_helpful)
      SELECT ${orgId}, r.day, ${businessUnitId}, r.rule_id, r.triggered, r.dismissed, r.not_helpful
        FROM rule_deltas r
       ORDER BY r.day, r.rule_id
      ON CONFLICT (org_id, day, business_unit_id, rule_id) DO UPDATE
         SET triggered = rule_rollups.triggered + excluded.triggered,
             dismissed = rule_rollups.dismissed + excluded.dismissed,
             not_helpful = rule_rollups.not_helpful + excluded.not_helpful
    ), rule_days AS (
      -- The same over the organisation's units (what the CoE's Analytics reads: 40 rules make 14,600 rows a year).
      INSERT INTO rule_totals (org_id, day, rule_id, triggered, dismissed, not_helpful)
      SELECT ${orgId}, r.day, r.rule_id, r.triggered, r.dismissed, r.not_helpful
        FROM rule_deltas r
       ORDER BY r.day, r.rule_id
      ON CONFLICT (org_id, day, rule_id) DO UPDATE
         SET triggered = rule_totals.triggered + excluded.triggered,
             dismissed = rule_totals.dismissed + excluded.dismissed,
             not_helpful = rule_totals.not_helpful + excluded.not_helpful
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
    ), units AS (
      -- The daily roll-up summed per unit (what the CoE's Analytics reads): shares and views gained, by network.
      INSERT INTO unit_rollups (org_id, day, business_unit_id, network, shares, clicks, views)
      SELECT ${orgId}, d.day, ${businessUnitId}, d.network, d.shares, 0, d.views
        FROM deltas d WHERE d.shares <> 0 OR d.views <> 0
       ORDER BY d.day, d.network
      ON CONFLICT (org_id, day, business_unit_id, network) DO UPDATE
         SET shares = unit_rollups.shares + excluded.shares, views = unit_rollups.views + excluded.views
    ), contents AS (
      -- Shares per item and day ("Top content").
      INSERT INTO content_rollups (org_id, day, content_id, shares, clicks)
      SELECT ${orgId}, (x.occurred_at AT TIME ZONE 'UTC')::date, x.content_id, count(*), 0
        FROM inserted x WHERE x.type = 'post_published' AND x.content_id IS NOT NULL
       GROUP BY 2, 3
       ORDER BY 2, 3
      ON CONFLICT (org_id, day, content_id) DO UPDATE SET shares = content_rollups.shares + excluded.shares
    )
    SELECT ${writable} AS writable, EXISTS (SELECT FROM fresh_key) AS fresh, ARRAY(SELECT id::text FROM inserted) AS ids,
           ARRAY(SELECT id::text || ' ' || verdict FROM refused UNION ALL SELECT id::text || ' ' || verdict FROM uncounted)
             AS verdicts`;
}

/**
 * SQL for `member_days`: the bit of `day` in its `year` (bit 0 = 1 January) when `condition` holds, else no bit. The
 * migration that created the table (0011) writes its history with the same expression.
 */
function dayBit(day: string, year: string, condition: string): string {
  return `CASE WHEN ${condition} THEN set_bit(B'0'::bit(366), ${day} - make_date(${year}, 1, 1), 1) ELSE B'0'::bit(366) END`;
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
     ), per_unit AS (
       -- The unit's and the item's human clicks (the CoE's Analytics), by the link owner's unit, as the daily roll-up.
       INSERT INTO unit_rollups (org_id, day, business_unit_id, network, shares, clicks, views)
       SELECT l.org_id, h.day, m.business_unit_id, l.network, 0, sum(h.n), 0
         FROM human h JOIN links l ON l.code = h.code JOIN members m ON m.id = l.member_id AND m.org_id = l.org_id
        GROUP BY l.org_id, h.day, m.business_unit_id, l.network
        ORDER BY l.org_id, h.day, m.business_unit_id, l.network
       ON CONFLICT (org_id, day, business_unit_id, network) DO UPDATE SET clicks = unit_rollups.clicks + excluded.clicks
       RETURNING 1
     ), per_item AS (
       INSERT INTO content_rollups (org_id, day, content_id, shares, clicks)
       SELECT l.org_id, h.day, l.content_id, 0, sum(h.n)
         FROM human h JOIN links l ON l.code = h.code
        WHERE l.content_id IS NOT NULL
        GROUP BY l.org_id, h.day, l.content_id
        ORDER BY l.org_id, h.day, l.content_id
       ON CONFLICT (org_id, day, content_id) DO UPDATE SET clicks = content_rollups.clicks + excluded.clicks
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
