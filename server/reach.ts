// `GET /v1/me/reach`: a member's shares, human clicks on their tracked links and the views of their posts, per day or
// week, against the period before, with their posts and their share streak. Two indexed reads of the roll-ups kept at
// ingest (server/rollups.ts): a few hundred rows per member and year, whatever the size of the events table.
// Views per bucket are the views gained: per post, its latest count of the day minus its latest count before (never
// negative), summed over the bucket's days. A week therefore counts what its days count, so the totals do not change
// with the bucket; it equals "latest in the week minus latest before" whenever a post's count does not dip.
import type { ReachPost, ReachResponse } from '../lib/contract/hub';
import type { Database } from './db';

const DAY_MS = 86_400_000;

type Bucket = 'day' | 'week';
type Network = 'linkedin' | 'x';
interface Totals {
  shares: number;
  clicks: number;
  views: number;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const msOf = (day: string) => Date.parse(`${day}T00:00:00Z`);
/** Monday (UTC) of the ISO week of a day. */
const mondayOf = (day: string) => {
  const ms = msOf(day);
  return dayOf(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
};

export async function memberReach(
  db: Database,
  orgId: string,
  memberId: string,
  from: string,
  to: string,
  bucket: Bucket,
  now = new Date(),
): Promise<ReachResponse> {
  const length = Math.round((msOf(to) - msOf(from)) / DAY_MS) + 1;
  const previousFrom = dayOf(msOf(from) - length * DAY_MS);
  // One statement, answered as JSON: PGlite's cost is per row handed back, so the buckets, the previous totals and
  // the share weeks are summed in SQL.
  const [row] = await db.query<{
    series: Array<[string, Network, number, number, number]> | null;
    previous: [number, number, number];
    weeks: Array<[string, number]> | null;
    posts: PostJson[] | null;
  }>(
    `WITH days AS (
       SELECT day, network, shares, clicks, views FROM daily_rollups
        WHERE org_id = $1 AND member_id = $2 AND day BETWEEN $3::date AND $5::date
          AND (shares > 0 OR clicks > 0 OR views <> 0)
     ), listed AS (
       (SELECT p.network, p.post_ref, p.content_id, p.link_code, p.published_at, p.views, p.reactions, p.comments,
               p.reposts, p.last_seen_at
          FROM reach_posts p
         WHERE p.org_id = $1 AND p.member_id = $2 AND p.last_seen_at >= $4::date
           AND ((p.published_at >= $4::date AND p.published_at < $5::date + 1)
                OR (p.first_seen_at < $5::date + 1
                    AND EXISTS (SELECT 1 FROM reach_snapshots s
                                 WHERE s.org_id = $1 AND s.member_id = $2 AND s.network = p.network
                                   AND s.post_ref = p.post_ref AND s.day BETWEEN $4::date AND $5::date)))
         ORDER BY p.published_at DESC LIMIT 100)
       UNION ALL
       (SELECT sh.network, coalesce(sh.post_ref, 'share-' || sh.client_event_id::text), sh.content_id, sh.link_code,
               sh.occurred_at, 0, NULL, NULL, NULL, sh.occurred_at
          FROM shares sh
         WHERE sh.org_id = $1 AND sh.member_id = $2 AND sh.occurred_at >= $4::date AND sh.occurred_at < $5::date + 1
           AND NOT EXISTS (SELECT 1 FROM reach_posts p WHERE p.org_id = $1 AND p.share_event_id = sh.client_event_id)
         ORDER BY sh.occurred_at DESC LIMIT 100)
       ORDER BY published_at DESC LIMIT 100
     )
     SELECT
       (SELECT json_agg(json_build_array(b.start, b.network, b.shares, b.clicks, b.views) ORDER BY b.start, b.network)
          FROM (SELECT CASE WHEN $6 = 'day' THEN day
                            ELSE greatest(date_trunc('week', day::timestamp)::date, $4::date) END AS start,
                       network, sum(shares) AS shares, sum(clicks) AS clicks, sum(views) AS views
                  FROM days WHERE day >= $4::date GROUP BY 1, 2) b) AS series,
       (SELECT json_build_array(coalesce(sum(shares), 0), coalesce(sum(clicks), 0), coalesce(sum(views), 0))
          FROM days WHERE day < $4::date) AS previous,
       (SELECT json_agg(json_build_array(w.week, w.shares))
          FROM (SELECT date_trunc('week', day::timestamp)::date AS week, sum(shares) AS shares FROM daily_rollups
                 WHERE org_id = $1 AND member_id = $2 AND shares > 0 GROUP BY 1) w) AS weeks,
       (SELECT json_agg(json_build_object(
                 'network', x.network, 'postRef', x.post_ref, 'contentId', x.content_id, 'contentTitle', c.title,
                 'publishedAt', x.published_at, 'clicks', coalesce(own.human_clicks, same.human_clicks, 0),
                 'views', x.views, 'reactions', x.reactions, 'comments', x.comments, 'reposts', x.reposts,
                 'lastSeenAt', x.last_seen_at) ORDER BY x.published_at DESC, x.network, x.post_ref)
          FROM listed x
          LEFT JOIN content_items c ON c.org_id = $1 AND c.id = x.content_id
          LEFT JOIN links own ON own.code = x.link_code AND own.org_id = $1 AND own.member_id = $2
          LEFT JOIN links same ON same.org_id = $1 AND same.member_id = $2 AND same.content_id = x.content_id
                              AND same.network = x.network) AS posts`,
    [orgId, memberId, previousFrom, from, to, bucket],
  );
  const json = <T>(value: T | string | null | undefined): T | null =>
    typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);
  const series = (json(row?.series) ?? []).map(([start, network, shares, clicks, views]) => ({
    start,
    network,
    shares: Number(shares),
    clicks: Number(clicks),
    views: Number(views),
  }));
  const totals: Totals = { shares: 0, clicks: 0, views: 0 };
  for (const r of series) {
    totals.shares += r.shares;
    totals.clicks += r.clicks;
    totals.views += r.views;
  }
  const [shares, clicks, views] = json(row?.previous) ?? [0, 0, 0];
  const weeks = (json(row?.weeks) ?? []).map(([week, n]) => ({ day: week, shares: Number(n) }));
  return {
    from,
    to,
    bucket,
    series,
    totals,
    previousTotals: { shares: Number(shares), clicks: Number(clicks), views: Number(views) },
    posts: (json(row?.posts) ?? []).map(postOf),
    streak: streakOf(weeks, dayOf(now.getTime())),
  };
}

/** Consecutive ISO weeks with a share, ending this week or last week; the longest run; shares this week. */
export function streakOf(shareDays: Array<{ day: string; shares: number }>, today: string): ReachResponse['streak'] {
  const weeks = new Map<string, number>();
  for (const d of shareDays) {
    const week = mondayOf(d.day);
    weeks.set(week, (weeks.get(week) ?? 0) + d.shares);
  }
  const sorted = [...weeks.keys()].sort();
  let longestWeeks = 0;
  let run = 0;
  let previous = '';
  for (const week of sorted) {
    run = previous && msOf(week) - msOf(previous) === 7 * DAY_MS ? run + 1 : 1;
    longestWeeks = Math.max(longestWeeks, run);
    previous = week;
  }
  const thisWeek = mondayOf(today);
  let cursor = weeks.has(thisWeek) ? thisWeek : dayOf(msOf(thisWeek) - 7 * DAY_MS);
  let currentWeeks = 0;
  while (weeks.has(cursor)) {
    currentWeeks++;
    cursor = dayOf(msOf(cursor) - 7 * DAY_MS);
  }
  return { currentWeeks, longestWeeks, sharesThisWeek: weeks.get(thisWeek) ?? 0 };
}

interface PostJson {
  network: Network;
  postRef: string;
  contentId: string | null;
  contentTitle: string | null;
  publishedAt: string;
  clicks: number;
  views: number;
  reactions: number | null;
  comments: number | null;
  reposts: number | null;
  lastSeenAt: string;
}

/**
 * Posts with a snapshot or a share in the period, newest first (at most 100): the snapshotted posts, and the shares
 * no snapshotted post came from (not seen on the network yet; their reference is the share's). Clicks: the post's
 * tracked link, else the member's link for the same item and network.
 */
function postOf(p: PostJson): ReachPost {
  const count = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...p,
    publishedAt: new Date(p.publishedAt).toISOString(),
    lastSeenAt: new Date(p.lastSeenAt).toISOString(),
    clicks: Number(p.clicks),
    views: Number(p.views),
    reactions: count(p.reactions),
    comments: count(p.comments),
    reposts: count(p.reposts),
  };
}
