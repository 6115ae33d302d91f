// `GET /v1/me/reach`: a member's shares, human clicks on their tracked links and the views of their posts, per day or
// week, against the period before, with their posts and their share streak. Three indexed reads of the roll-ups kept
// at ingest (server/rollups.ts): a few hundred rows per member and year, whatever the size of the events table.
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
  /** The bucket of a day of the period (or of the previous one): its day, or its week's Monday, not before the start. */
  const bucketOf = (day: string) => {
    const start = day >= from ? from : previousFrom;
    if (bucket === 'day') return day;
    const monday = mondayOf(day);
    return monday < start ? start : monday;
  };

  const [rollups, curves, postRows] = await Promise.all([
    // Shares and clicks per day and network over both periods, and every day with shares (for the streak).
    db.query<{ day: string; network: Network; shares: number; clicks: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, network, shares, clicks FROM daily_rollups
        WHERE org_id = $1 AND member_id = $2 AND ((day BETWEEN $3::date AND $4::date) OR shares > 0)`,
      [orgId, memberId, previousFrom, to],
    ),
    // Each post's latest views per day over both periods, and its last day before them (the base of the first gain).
    db.query<{ network: Network; post_ref: string; day: string; views: number | string }>(
      `SELECT network, post_ref, to_char(day, 'YYYY-MM-DD') AS day, views FROM reach_snapshots
        WHERE org_id = $1 AND member_id = $2 AND day BETWEEN $3::date AND $4::date
       UNION ALL
       (SELECT DISTINCT ON (network, post_ref) network, post_ref, to_char(day, 'YYYY-MM-DD'), views
          FROM reach_snapshots
         WHERE org_id = $1 AND member_id = $2 AND day < $3::date
         ORDER BY network, post_ref, day DESC)
       ORDER BY 1, 2, 3`,
      [orgId, memberId, previousFrom, to],
    ),
    loadPosts(db, orgId, memberId, from, to),
  ]);

  const series = new Map<string, { start: string; network: Network; shares: number; clicks: number; views: number }>();
  const totals: Totals = { shares: 0, clicks: 0, views: 0 };
  const previousTotals: Totals = { shares: 0, clicks: 0, views: 0 };
  const add = (day: string, network: Network, field: keyof Totals, value: number) => {
    if (value === 0 || day > to) return;
    if (day < from) {
      if (day >= previousFrom) previousTotals[field] += value;
      return;
    }
    totals[field] += value;
    const start = bucketOf(day);
    const key = `${start} ${network}`;
    let row = series.get(key);
    if (!row) {
      row = { start, network, shares: 0, clicks: 0, views: 0 };
      series.set(key, row);
    }
    row[field] += value;
  };

  const shareDays: Array<{ day: string; shares: number }> = [];
  for (const r of rollups) {
    add(r.day, r.network, 'shares', Number(r.shares));
    add(r.day, r.network, 'clicks', Number(r.clicks));
    if (Number(r.shares) > 0) shareDays.push({ day: r.day, shares: Number(r.shares) });
  }

  // Views gained per bucket: per post, its latest count in the bucket minus its latest count before (never < 0).
  // Rows come ordered by post, then day.
  let post = '';
  let before = 0;
  let current: { start: string; day: string; views: number } | undefined;
  let network: Network = 'linkedin';
  const close = () => {
    if (current && current.day >= previousFrom) {
      add(current.start, network, 'views', Math.max(0, current.views - before));
    }
    if (current) before = current.views;
    current = undefined;
  };
  for (const r of curves) {
    const key = `${r.network} ${r.post_ref}`;
    if (key !== post) {
      close();
      post = key;
      network = r.network;
      before = 0;
    }
    const start = r.day >= previousFrom ? bucketOf(r.day) : 'before';
    if (current && current.start !== start) close();
    current = { start, day: r.day, views: Number(r.views) };
  }
  close();

  return {
    from,
    to,
    bucket,
    series: [...series.values()].sort((a, b) => a.start.localeCompare(b.start) || a.network.localeCompare(b.network)),
    totals,
    previousTotals,
    posts: postRows,
    streak: streakOf(shareDays, dayOf(now.getTime())),
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

interface PostRow {
  network: Network;
  post_ref: string;
  content_id: string | null;
  title: string | null;
  published_at: Date | string;
  clicks: number | string;
  views: number | string;
  reactions: number | string | null;
  comments: number | string | null;
  reposts: number | string | null;
  last_seen_at: Date | string;
}

/**
 * Posts with a snapshot or a share in the period, newest first (at most 100): the snapshotted posts, and the shares
 * no snapshotted post came from (not seen on the network yet; their reference is the share's). Clicks: the post's
 * tracked link, else the member's link for the same item and network.
 */
async function loadPosts(db: Database, orgId: string, memberId: string, from: string, to: string) {
  const rows = await db.query<PostRow>(
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
           AND NOT EXISTS (SELECT 1 FROM reach_posts p WHERE p.org_id = $1 AND p.share_event_id = sh.client_event_id)
         ORDER BY sh.occurred_at DESC LIMIT 100)
       ORDER BY published_at DESC LIMIT 100
     )
     SELECT x.network, x.post_ref, x.content_id, c.title, x.published_at,
            coalesce(own.human_clicks, same.human_clicks, 0) AS clicks,
            x.views, x.reactions, x.comments, x.reposts, x.last_seen_at
       FROM listed x
       LEFT JOIN content_items c ON c.org_id = $1 AND c.id = x.content_id
       LEFT JOIN links own ON own.code = x.link_code AND own.org_id = $1 AND own.member_id = $2
       LEFT JOIN links same ON same.org_id = $1 AND same.member_id = $2 AND same.content_id = x.content_id
                           AND same.network = x.network
      ORDER BY x.published_at DESC, x.network, x.post_ref`,
    [orgId, memberId, from, to],
  );
  const count = (v: number | string | null) => (v === null ? null : Number(v));
  return rows.map(
    (r): ReachPost => ({
      network: r.network,
      postRef: r.post_ref,
      contentId: r.content_id,
      contentTitle: r.title,
      publishedAt: new Date(r.published_at).toISOString(),
      clicks: Number(r.clicks),
      views: Number(r.views),
      reactions: count(r.reactions),
      comments: count(r.comments),
      reposts: count(r.reposts),
      lastSeenAt: new Date(r.last_seen_at).toISOString(),
    }),
  );
}
