// The CoE's report of a period: read from the roll-ups kept at ingest (server/rollups.ts), never from the events.
import type { CoverageKind } from '../../lib/contract/hub-events';
import type { Database } from '../db';

const DAY_MS = 86_400_000;

/** The report of the period, from the roll-ups kept at ingest (server/rollups.ts). */
export async function analytics(
  db: Database,
  orgId: string,
  from: string,
  to: string,
  bucket: 'day' | 'week' = 'week',
) {
  const q = <T>(text: string, params: unknown[] = [orgId, from, to]) => db.query<T>(text, params);
  const n = (v: unknown) => Number(v ?? 0);

  // The days of the period, as member_days' bits (server/rollups.ts `dayBit`): per year it touches, a mask.
  const windows = periodMasks(from, to);
  const years = windows.map((w) => w.year);
  const masks = windows.map((w) => w.mask);
  const periodDays = windows.reduce((sum, w) => sum + w.days, 0);
  // Participation counts advocates only (README: "active advocates"): CoE members run the programme, and counting
  // them would make "N of M active advocates shared" disagree with its label.
  const unitsQuery = q<{ id: string; name: string; active: number }>(
    `SELECT b.id, b.name, count(m.id) AS active
       FROM business_units b
       LEFT JOIN members m ON m.org_id = $1 AND m.business_unit_id = b.id AND m.status = 'active' AND m.role = 'advocate'
      WHERE b.org_id = $1
      GROUP BY b.id, b.name, b.created_at
      ORDER BY b.created_at, b.id`,
    [orgId],
  );
  // Shares, clicks and views gained in the period per unit (the member's at ingest) and network.
  const sumsQuery = q<{ bu: string; network: string; shares: number; clicks: number; views: number }>(
    `SELECT business_unit_id AS bu, network, sum(shares) AS shares, sum(clicks) AS clicks, sum(views) AS views
       FROM unit_rollups WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2`,
  );
  // Who shared in the period, per unit: each active advocate with a share day in it, as the period's days (bit 0 =
  // `from`), all of a unit's in one value (see `sharersOf`). A period that starts no earlier than 1 January of the
  // year before its end (every period the console offers) is in one row per member: that year's share days after the
  // year before's.
  const endYear = Number(to.slice(0, 4));
  const withinTwoYears = Number(from.slice(0, 4)) >= endYear - 1;
  const sharersQuery = withinTwoYears
    ? q<UnitSharers>(
        `WITH per_member AS MATERIALIZED (
           SELECT y.member_id,
                  substring(substring(y.shared_before FROM 1 FOR $3::int) || y.shared FROM $4::int FOR $5::int) AS days
             FROM member_days y
            WHERE y.org_id = $1 AND y.year = $2::int
         )
         SELECT m.business_unit_id AS bu, count(*) AS members, string_agg(varbit_send(p.days), ''::bytea) AS days
           FROM per_member p
           JOIN members m ON m.id = p.member_id AND m.org_id = $1 AND m.status = 'active' AND m.role = 'advocate'
          WHERE bit_count(p.days) > 0
          GROUP BY 1`,
        [orgId, endYear, daysInYear(endYear - 1), firstBitOfPeriod(from, endYear), periodDays],
      )
    : q<UnitSharers>(
        `WITH w AS (
           SELECT * FROM unnest($2::int[], $3::bit(366)[], $4::int[], $5::int[]) AS w(year, mask, first, at)
         ), per_member AS (
           SELECT y.member_id,
                  -- The year's days of the period moved to their place in it (a negative shift moves left).
                  bit_or(substring(((y.shared & w.mask)::bit(800) >> (w.at - w.first)) FROM 1 FOR $6::int)) AS days
             FROM member_days y JOIN w ON w.year = y.year
            WHERE y.org_id = $1 AND (y.shared & w.mask) <> B'0'::bit(366)
            GROUP BY y.member_id
         )
         SELECT m.business_unit_id AS bu, count(*) AS members, string_agg(varbit_send(p.days), ''::bytea) AS days
           FROM per_member p
           JOIN members m ON m.id = p.member_id AND m.org_id = $1 AND m.status = 'active' AND m.role = 'advocate'
          GROUP BY 1`,
        [orgId, years, masks, windows.map((w) => w.first), windows.map((w) => w.at), periodDays],
      );
  const topContentQuery = q<{ id: string; title: string; shares: number; clicks: number }>(
    `SELECT c.id, c.title, coalesce(s.shares, 0) AS shares, coalesce(s.clicks, 0) AS clicks
       FROM content_items c
       LEFT JOIN (SELECT content_id, sum(shares) AS shares, sum(clicks) AS clicks FROM content_rollups
                   WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY 1) s ON s.content_id = c.id
      WHERE c.org_id = $1 AND c.deleted_at IS NULL
      ORDER BY 3 DESC, 4 DESC, c.title LIMIT 10`,
  );
  // Rules: the per-rule roll-up kept at ingest (over the units), summed over the period.
  const rulesQuery = q<{ rule_id: string; triggered: number; dismissed: number; not_helpful: number }>(
    `SELECT rule_id, sum(triggered) AS triggered, sum(dismissed) AS dismissed, sum(not_helpful) AS not_helpful
       FROM rule_totals WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1`,
  );
  // Coverage: the signals of the period, summed over its days, most first.
  const coverageQuery = q<{ network: string; surface: string; kind: string; site_pack: string; count: number }>(
    `SELECT network, surface, kind, site_pack, sum(count) AS count
       FROM coverage_rollups WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2, 3, 4
     HAVING sum(count) > 0
      ORDER BY 5 DESC, 1, 2, 3, 4
      LIMIT 100`,
  );
  // Idle: active members without an event in the period. Whoever's latest event came before it (or who never sent
  // one) is, from one row each; only those whose latest came after it need their days (none when it ends today).
  const idleQuery = q<{ id: string; display_name: string; business_unit_id: string }>(
    `SELECT m.id, m.display_name, m.business_unit_id
       FROM members m LEFT JOIN member_activity a ON a.org_id = m.org_id AND a.member_id = m.id
      WHERE m.org_id = $1 AND m.status = 'active'
        AND (a.last_event_at IS NULL OR a.last_event_at < $4::date::timestamp AT TIME ZONE 'UTC'
             OR (a.last_event_at >= ($5::date + 1)::timestamp AT TIME ZONE 'UTC'
                 AND NOT EXISTS (SELECT 1 FROM member_days y
                                   JOIN unnest($2::int[], $3::bit(366)[]) AS w(year, mask) ON w.year = y.year
                                  WHERE y.org_id = $1 AND y.member_id = m.id AND (y.active & w.mask) <> B'0'::bit(366))))
      ORDER BY m.display_name LIMIT 500`,
    [orgId, years, masks, from, to],
  );
  // Advocates active in each bucket: those who joined by its last day (joins before the period count in all).
  const joinedQuery = q<{ d: number; members: number }>(
    `SELECT greatest(-1, (created_at AT TIME ZONE 'UTC')::date - $2::date) AS d, count(*) AS members FROM members
      WHERE org_id = $1 AND status = 'active' AND role = 'advocate'
      GROUP BY 1 ORDER BY 1`,
    [orgId, from],
  );
  // Members without an event for 30 days or more (counted from when they joined if they never sent one): the counts,
  // and the 500 longest inactive.
  const inactiveQuery = q<{
    id: string;
    display_name: string;
    business_unit_id: string;
    created_at: string | Date;
    last: string | Date | null;
    over30: number;
    over90: number;
  }>(
    `SELECT m.id, m.display_name, m.business_unit_id, m.created_at, a.last_event_at AS last,
            count(*) OVER () AS over30,
            count(*) FILTER (WHERE coalesce(a.last_event_at, m.created_at) < now() - interval '90 days') OVER () AS over90
       FROM members m LEFT JOIN member_activity a ON a.org_id = m.org_id AND a.member_id = m.id
      WHERE m.org_id = $1 AND m.status = 'active'
        AND coalesce(a.last_event_at, m.created_at) < now() - interval '30 days'
      ORDER BY a.last_event_at ASC NULLS FIRST, m.created_at, m.display_name
      LIMIT 500`,
    [orgId],
  );
  // The statements are independent: on Postgres they run at once, each on its own connection.
  const [units, sums, sharers, topContent, rules, coverage, idle, joined, inactive] = await Promise.all([
    unitsQuery,
    sumsQuery,
    sharersQuery,
    topContentQuery,
    rulesQuery,
    coverageQuery,
    idleQuery,
    joinedQuery,
    inactiveQuery,
  ]);
  const byRule = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const topRules = rules
    .filter((r) => n(r.triggered) > 0)
    .sort((a, b) => n(b.triggered) - n(a.triggered) || byRule(a.rule_id, b.rule_id))
    .slice(0, 10)
    .map((r) => ({ ruleId: r.rule_id, count: n(r.triggered) }));
  const noisyRules = rules
    .map((r) => {
      const triggered = n(r.triggered);
      const pushback = n(r.dismissed) + n(r.not_helpful);
      return {
        ruleId: r.rule_id,
        triggered,
        dismissed: n(r.dismissed),
        notHelpful: n(r.not_helpful),
        ratio: triggered > 0 ? pushback / triggered : null,
        pushback,
      };
    })
    .filter((r) => r.pushback > 0)
    .sort((a, b) => b.pushback - a.pushback || (b.ratio ?? 0) - (a.ratio ?? 0) || byRule(a.ruleId, b.ruleId))
    .slice(0, 10)
    .map(({ pushback: _, ...r }) => r);
  const step = bucket === 'day' ? 1 : 7;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const sharing = sharersOf(sharers, from, to, step);
  const buckets = sharing.byBucket.length;
  const participationSeries: Array<{
    from: string;
    to: string;
    activeMembers: number;
    sharingMembers: number;
    participationRate: number;
  }> = [];
  let joinedSoFar = 0;
  let nextJoin = 0;
  for (let k = 0; k < buckets; k++) {
    const bucketFrom = start + k * step * DAY_MS;
    const bucketTo = Math.min(bucketFrom + (step - 1) * DAY_MS, end);
    const lastDay = Math.round((bucketTo - start) / DAY_MS);
    while (nextJoin < joined.length && n(joined[nextJoin]?.d) <= lastDay) {
      joinedSoFar += n(joined[nextJoin]?.members);
      nextJoin++;
    }
    const sharingInBucket = sharing.byBucket[k] as number;
    participationSeries.push({
      from: new Date(bucketFrom).toISOString().slice(0, 10),
      to: new Date(bucketTo).toISOString().slice(0, 10),
      activeMembers: joinedSoFar,
      sharingMembers: sharingInBucket,
      participationRate: joinedSoFar > 0 ? Math.min(1, sharingInBucket / joinedSoFar) : 0,
    });
  }
  const instant = (v: string | Date) => new Date(v).toISOString();

  const byUnit = new Map<string, { shares: number; clicks: number; views: number }>();
  const byNetworkSums = new Map<string, { shares: number; clicks: number; views: number }>();
  const add = (
    map: Map<string, { shares: number; clicks: number; views: number }>,
    key: string,
    r: (typeof sums)[0],
  ) => {
    const t = map.get(key) ?? { shares: 0, clicks: 0, views: 0 };
    map.set(key, { shares: t.shares + n(r.shares), clicks: t.clicks + n(r.clicks), views: t.views + n(r.views) });
  };
  for (const r of sums) {
    add(byUnit, r.bu, r);
    add(byNetworkSums, r.network, r);
  }
  const byBusinessUnit = units.map((u) => {
    const sharingInUnit = sharing.byUnit.get(u.id) ?? 0;
    const t = byUnit.get(u.id);
    return {
      businessUnitId: u.id,
      name: u.name,
      activeMembers: n(u.active),
      sharingMembers: sharingInUnit,
      participationRate: n(u.active) > 0 ? sharingInUnit / n(u.active) : 0,
      shares: t?.shares ?? 0,
      clicks: t?.clicks ?? 0,
      views: t?.views ?? 0,
    };
  });
  const activeMembers = byBusinessUnit.reduce((s, u) => s + u.activeMembers, 0);
  const sharingMembers = byBusinessUnit.reduce((s, u) => s + u.sharingMembers, 0);
  const byNetwork = (['linkedin', 'x'] as const).map((network) => {
    const t = byNetworkSums.get(network);
    return { network, shares: t?.shares ?? 0, clicks: t?.clicks ?? 0, views: t?.views ?? 0 };
  });
  return {
    from,
    to,
    activeMembers,
    sharingMembers,
    participationRate: activeMembers > 0 ? sharingMembers / activeMembers : 0,
    totals: {
      shares: byNetwork.reduce((s, r) => s + r.shares, 0),
      clicks: byNetwork.reduce((s, r) => s + r.clicks, 0),
      views: byNetwork.reduce((s, r) => s + r.views, 0),
    },
    byBusinessUnit,
    byNetwork,
    topContent: topContent.map((c) => ({ contentId: c.id, title: c.title, shares: n(c.shares), clicks: n(c.clicks) })),
    topRules,
    noisyRules,
    idleMembers: idle.map((m) => ({ id: m.id, displayName: m.display_name, businessUnitId: m.business_unit_id })),
    participationSeries,
    inactive: {
      over30Days: n(inactive[0]?.over30),
      over90Days: n(inactive[0]?.over90),
      members: inactive.map((m) => ({
        id: m.id,
        displayName: m.display_name,
        businessUnitId: m.business_unit_id,
        joinedAt: instant(m.created_at),
        lastActiveAt: m.last === null ? null : instant(m.last),
      })),
    },
    coverage: coverage.map((c) => ({
      network: c.network as 'linkedin' | 'x',
      surface: c.surface,
      kind: c.kind as CoverageKind,
      sitePack: c.site_pack,
      count: n(c.count),
    })),
  };
}

/** A unit's members who shared in the period, as the report reads them. */
export interface UnitSharers {
  bu: string;
  members: number | string;
  /**
   * Per member, `varbit_send` of the period's days (bit 0 = `from`; 1 on a share day): its bit count (4 bytes), then
   * the bits, the first in the highest bit of the first byte.
   */
  days: Uint8Array;
}

/**
 * Members with a share day in each bucket of the period (bucket k covers the days from + k·step … from + (k+1)·step
 * − 1, the last one ends at `to`), and per unit those with one in the period.
 */
export function sharersOf(units: UnitSharers[], from: string, to: string, step: number) {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  const byBucket = new Array<number>(Math.ceil(days / step)).fill(0);
  const byUnit = new Map<string, number>();
  const record = 4 + Math.ceil(days / 8);
  for (const unit of units) {
    byUnit.set(unit.bu, Number(unit.members));
    for (let at = 0; at + record <= unit.days.length; at += record) {
      let last = -1;
      // Share days are few: a byte without one skips its 8 days.
      for (let byte = 0; byte < record - 4; byte++) {
        const bits = unit.days[at + 4 + byte] as number;
        if (bits === 0) continue;
        for (let d = byte * 8; d < byte * 8 + 8 && d < days; d++) {
          if ((bits & (0x80 >> (d & 7))) === 0) continue;
          const k = Math.floor(d / step);
          if (k !== last) byBucket[k] = (byBucket[k] as number) + 1;
          last = k;
        }
      }
    }
  }
  return { byBucket, byUnit };
}

/**
 * Per UTC year the period touches, a mask of its days in that year as member_days' bit string (366 characters, the
 * first for 1 January), what `(bits & mask) <> 0` tests; and where they are: the first day's bit in the year
 * (`first`), its place in the period (`at`) and how many (`days`).
 */
export function periodMasks(
  from: string,
  to: string,
): Array<{ year: number; mask: string; first: number; at: number; days: number }> {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  const out: Array<{ year: number; mask: string; first: number; at: number; days: number }> = [];
  for (let year = new Date(start).getUTCFullYear(); year <= new Date(end).getUTCFullYear(); year++) {
    const yearStart = Date.UTC(year, 0, 1);
    const first = Math.max(0, Math.round((start - yearStart) / DAY_MS));
    const last = Math.min(
      Math.round((Date.UTC(year + 1, 0, 1) - yearStart) / DAY_MS) - 1,
      Math.round((end - yearStart) / DAY_MS),
    );
    out.push({
      year,
      mask: '0'.repeat(first) + '1'.repeat(last - first + 1) + '0'.repeat(365 - last),
      first,
      at: Math.round((yearStart - start) / DAY_MS) + first,
      days: last - first + 1,
    });
  }
  return out;
}

function daysInYear(year: number): number {
  return Math.round((Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS);
}

/**
 * Where `from` is (1-based, as SQL's substring counts) in the share days of the year before `endYear` (its length)
 * followed by those of `endYear`.
 */
function firstBitOfPeriod(from: string, endYear: number): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const since = Math.round((start - Date.UTC(endYear - 1, 0, 1)) / DAY_MS);
  return since + 1;
}
