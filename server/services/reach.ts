// `GET /v1/me/reach`: a member's shares, human clicks on their tracked links and the views of their posts, per day or
// week, against the period before, with their posts and their share streak. One statement over the roll-ups kept at
// ingest (server/rollups.ts): 24 month rows and at most 200 post rows per member and year, whatever the size of the
// events table.
// Views per bucket are the views gained: per post, its latest count of the day minus its latest count before (never
// negative), summed over the bucket's days. A week therefore counts what its days count, so the totals do not change
// with the bucket; it equals "latest in the week minus latest before" whenever a post's count does not dip.
import type { ReachPost, ReachResponse } from '../../lib/contract/hub';
import type { Database } from '../db';

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
  /** The bucket of a day of the period: the day, or its week's Monday (not before `from`). */
  const bucketOf = (day: string) => {
    if (bucket === 'day') return day;
    const monday = mondayOf(day);
    return monday < from ? from : monday;
  };
  // One statement, answered as JSON: PGlite's cost is per row, so the days come as a row per month and network.
  // Posts: those with a snapshot or a share in the period, newest first (at most 100): the snapshotted posts, and the
  // shares no snapshotted post came from (not seen on the network yet; their reference is `share-<event id>`).
  // Clicks: the post's tracked link, else the member's link for the same item and network.
  // Titles and link clicks are looked up by primary key, their organisation (and owner) checked after the lookup:
  // PGlite keeps no planner statistics, and with the check in the WHERE it picks a wider index and scans it.
  const [row] = await db.query<{
    months: Array<[string, Network, number[], number[], number[]]> | null;
    posts: PostJson[] | null;
  }>(
    `WITH listed AS (
       (SELECT p.network, p.post_ref, p.content_id, p.link_code, p.published_at, p.views, p.reactions, p.comments,
               p.reposts, p.last_seen_at
          FROM reach_posts p
         WHERE p.org_id = $1 AND p.member_id = $2 AND p.last_seen_at >= $3::date
           AND ((p.published_at >= $3::date AND p.published_at < $4::date + 1)
                OR (p.first_seen_at < $4::date + 1
                    AND EXISTS (SELECT 1 FROM reach_snapshots s
                                 WHERE s.org_id = $1 AND s.member_id = $2 AND s.network = p.network
                                   AND s.post_ref = p.post_ref AND s.day BETWEEN $3::date AND $4::date)))
         ORDER BY p.published_at DESC LIMIT 100)
       UNION ALL
       (SELECT sh.network, coalesce(sh.post_ref, 'share-' || sh.client_event_id::text), sh.content_id, sh.link_code,
               sh.occurred_at, 0, NULL, NULL, NULL, sh.occurred_at
          FROM shares sh
         WHERE sh.org_id = $1 AND sh.member_id = $2 AND sh.occurred_at >= $3::date AND sh.occurred_at < $4::date + 1
           AND sh.client_event_id NOT IN (
                 -- A share in the period can only be matched by a post seen after it.
                 SELECT p.share_event_id FROM reach_posts p
                  WHERE p.org_id = $1 AND p.member_id = $2 AND p.last_seen_at >= $3::date
                    AND p.share_event_id IS NOT NULL)
         ORDER BY sh.occurred_at DESC LIMIT 100)
       ORDER BY published_at DESC LIMIT 100
     )
     SELECT
       (SELECT json_agg(json_build_array(m.month, m.network, m.shares, m.clicks, m.views))
          FROM member_months m WHERE m.org_id = $1 AND m.member_id = $2 AND m.month <= $4::date) AS months,
       (SELECT json_agg(json_build_object(
                 'network', x.network, 'postRef', x.post_ref, 'contentId', x.content_id,
                 'contentTitle', (SELECT CASE WHEN c.org_id = $1 THEN c.title END
                                    FROM content_items c WHERE c.id = x.content_id),
                 'publishedAt', extract(epoch FROM x.published_at) * 1000,
                 'clicks', coalesce(
                   (SELECT CASE WHEN l.org_id = $1 AND l.member_id = $2 THEN l.human_clicks END
                      FROM links l WHERE l.code = x.link_code),
                   (SELECT l.human_clicks FROM links l
                     WHERE l.org_id = $1 AND l.member_id = $2 AND l.content_id = x.content_id AND l.network = x.network),
                   0),
                 'views', x.views, 'reactions', x.reactions, 'comments', x.comments, 'reposts', x.reposts,
                 'lastSeenAt', extract(epoch FROM x.last_seen_at) * 1000) ORDER BY x.published_at DESC, x.network, x.post_ref)
          FROM listed x) AS posts`,
    [orgId, memberId, from, to],
  );
  const json = <T>(value: T | string | null | undefined): T | null =>
    typeof value === 'string' ? (JSON.parse(value) as T) : (value ?? null);

  const series = new Map<string, { start: string; network: Network; shares: number; clicks: number; views: number }>();
  const totals: Totals = { shares: 0, clicks: 0, views: 0 };
  const previousTotals: Totals = { shares: 0, clicks: 0, views: 0 };
  const shareDays: Array<{ day: string; shares: number }> = [];
  for (const [month, network, shares, clicks, views] of json(row?.months) ?? []) {
    const first = msOf(month);
    for (let i = 0; i < 31; i++) {
      const s = Number(shares[i] ?? 0);
      const c = Number(clicks[i] ?? 0);
      const v = Number(views[i] ?? 0);
      if (s === 0 && c === 0 && v === 0) continue;
      const day = dayOf(first + i * DAY_MS);
      if (s > 0) shareDays.push({ day, shares: s });
      if (day < previousFrom || day > to) continue;
      const sums = day < from ? previousTotals : totals;
      sums.shares += s;
      sums.clicks += c;
      sums.views += v;
      if (day < from) continue;
      const start = bucketOf(day);
      const key = `${start} ${network}`;
      const entry = series.get(key);
      if (entry) {
        entry.shares += s;
        entry.clicks += c;
        entry.views += v;
      } else {
        series.set(key, { start, network, shares: s, clicks: c, views: v });
      }
    }
  }
  return {
    from,
    to,
    bucket,
    series: [...series.values()].sort((a, b) => a.start.localeCompare(b.start) || a.network.localeCompare(b.network)),
    totals,
    previousTotals,
    posts: (json(row?.posts) ?? []).map(postOf),
    streak: streakOf(shareDays, dayOf(now.getTime())),
  };
}

/** Consecutive ISO weeks with a share, ending this week or last week; the longest run; shares this week. */
function streakOf(shareDays: Array<{ day: string; shares: number }>, today: string): ReachResponse['streak'] {
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
  /** Epoch milliseconds. */
  publishedAt: number;
  clicks: number;
  views: number;
  reactions: number | null;
  comments: number | null;
  reposts: number | null;
  /** Epoch milliseconds. */
  lastSeenAt: number;
}

/** A post of the answer, instants as ISO strings. */
function postOf(p: PostJson): ReachPost {
  const count = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...p,
    publishedAt: new Date(Math.round(Number(p.publishedAt))).toISOString(),
    lastSeenAt: new Date(Math.round(Number(p.lastSeenAt))).toISOString(),
    clicks: Number(p.clicks),
    views: Number(p.views),
    reactions: count(p.reactions),
    comments: count(p.comments),
    reposts: count(p.reposts),
  };
}
