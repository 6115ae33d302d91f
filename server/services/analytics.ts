// The CoE's report of a period: read from the roll-ups kept at ingest (server/rollups.ts), never from the events.
import type { CoverageKind } from '../../lib/contract/hub-events';
import type { Database } from '../db';

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

  // Participation counts advocates only (README: "active advocates"): CoE members run the programme, and counting
  // them would make "N of M active advocates shared" disagree with its label.
  const units = await q<{ id: string; name: string; active: number; sharing: number; shares: number; clicks: number }>(
    `SELECT b.id, b.name,
            (SELECT count(*) FROM members m WHERE m.org_id = $1 AND m.business_unit_id = b.id AND m.status = 'active'
                AND m.role = 'advocate') AS active,
            (SELECT count(DISTINCT r.member_id) FROM daily_rollups r
               JOIN members m ON m.id = r.member_id AND m.status = 'active' AND m.role = 'advocate'
              WHERE r.org_id = $1 AND m.business_unit_id = b.id AND r.shares > 0 AND r.day BETWEEN $2::date AND $3::date) AS sharing,
            (SELECT coalesce(sum(r.shares), 0) FROM daily_rollups r
              WHERE r.org_id = $1 AND r.business_unit_id = b.id AND r.day BETWEEN $2::date AND $3::date) AS shares,
            (SELECT coalesce(sum(r.clicks), 0) FROM daily_rollups r
              WHERE r.org_id = $1 AND r.business_unit_id = b.id AND r.day BETWEEN $2::date AND $3::date) AS clicks
       FROM business_units b WHERE b.org_id = $1 ORDER BY b.created_at, b.id`,
  );
  // Views: the views gained in the period (per post and day, server/rollups.ts), attributed to the member's unit.
  const views = await q<{ bu: string; network: string; views: number }>(
    `SELECT m.business_unit_id AS bu, r.network, sum(r.views) AS views
       FROM daily_rollups r JOIN members m ON m.id = r.member_id AND m.org_id = $1
      WHERE r.org_id = $1 AND r.day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2`,
  );
  const networks = await q<{ network: string; shares: number; clicks: number }>(
    `SELECT network, sum(shares) AS shares, sum(clicks) AS clicks FROM daily_rollups
      WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY 1`,
  );
  const topContent = await q<{ id: string; title: string; shares: number; clicks: number }>(
    `WITH s AS (
       SELECT content_id, count(*) AS shares FROM shares
        WHERE org_id = $1 AND content_id IS NOT NULL AND occurred_at >= $2::date AND occurred_at < $3::date + 1
        GROUP BY 1
     ), k AS (
       SELECT l.content_id, count(*) AS clicks FROM clicks k JOIN links l ON l.code = k.code
        WHERE k.org_id = $1 AND l.org_id = $1 AND NOT k.bot AND k.day BETWEEN $2::date AND $3::date
        GROUP BY 1
     )
     SELECT c.id, c.title, coalesce(s.shares, 0) AS shares, coalesce(k.clicks, 0) AS clicks
       FROM content_items c LEFT JOIN s ON s.content_id = c.id LEFT JOIN k ON k.content_id = c.id
      WHERE c.org_id = $1 AND c.deleted_at IS NULL
      ORDER BY 3 DESC, 4 DESC, c.title LIMIT 10`,
  );
  // Rules: the per-rule roll-up kept at ingest, summed over the period and the units.
  const rules = await q<{ rule_id: string; triggered: number; dismissed: number; not_helpful: number }>(
    `SELECT rule_id, sum(triggered) AS triggered, sum(dismissed) AS dismissed, sum(not_helpful) AS not_helpful
       FROM rule_rollups WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1`,
  );
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
  // Coverage: the signals of the period, summed over its days, most first.
  const coverage = await q<{ network: string; surface: string; kind: string; site_pack: string; count: number }>(
    `SELECT network, surface, kind, site_pack, sum(count) AS count
       FROM coverage_rollups WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2, 3, 4
     HAVING sum(count) > 0
      ORDER BY 5 DESC, 1, 2, 3, 4
      LIMIT 100`,
  );
  const idle = await q<{ id: string; display_name: string; business_unit_id: string }>(
    `SELECT m.id, m.display_name, m.business_unit_id FROM members m
      WHERE m.org_id = $1 AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM daily_rollups r WHERE r.org_id = $1 AND r.member_id = m.id AND r.events > 0
                          AND r.day BETWEEN $2::date AND $3::date)
      ORDER BY m.display_name LIMIT 500`,
  );

  const step = bucket === 'day' ? 1 : 7;
  // Bucket k covers the days from + k·step … from + (k+1)·step − 1 (the last one ends at `to`).
  // Members who shared in each bucket: the daily roll-up's shares (post_published by UTC day).
  const sharingByBucket = await q<{ b: number; sharing: number }>(
    `SELECT floor((r.day - $2::date) / $4::int) AS b, count(DISTINCT r.member_id) AS sharing
       FROM daily_rollups r
       JOIN members m ON m.id = r.member_id AND m.org_id = $1 AND m.status = 'active' AND m.role = 'advocate'
      WHERE r.org_id = $1 AND r.shares > 0 AND r.day BETWEEN $2::date AND $3::date
      GROUP BY 1`,
    [orgId, from, to, step],
  );
  const joined = await q<{ created_at: string | Date }>(
    `SELECT created_at FROM members WHERE org_id = $1 AND status = 'active' AND role = 'advocate'`,
    [orgId],
  );
  const joinedAt = joined.map((m) => new Date(m.created_at).getTime());
  const participationSeries: Array<{
    from: string;
    to: string;
    activeMembers: number;
    sharingMembers: number;
    participationRate: number;
  }> = [];
  const dayMs = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let k = 0; start + k * step * dayMs <= end; k++) {
    const bucketFrom = start + k * step * dayMs;
    const bucketTo = Math.min(bucketFrom + (step - 1) * dayMs, end);
    const active = joinedAt.filter((t) => t < bucketTo + dayMs).length;
    const sharing = n(sharingByBucket.find((r) => n(r.b) === k)?.sharing);
    participationSeries.push({
      from: new Date(bucketFrom).toISOString().slice(0, 10),
      to: new Date(bucketTo).toISOString().slice(0, 10),
      activeMembers: active,
      sharingMembers: sharing,
      participationRate: active > 0 ? Math.min(1, sharing / active) : 0,
    });
  }
  const inactive = await q<{
    id: string;
    display_name: string;
    business_unit_id: string;
    created_at: string | Date;
    last: string | Date | null;
  }>(
    `SELECT m.id, m.display_name, m.business_unit_id, m.created_at, a.last_event_at AS last
       FROM members m LEFT JOIN member_activity a ON a.org_id = m.org_id AND a.member_id = m.id
      WHERE m.org_id = $1 AND m.status = 'active'
        AND coalesce(a.last_event_at, m.created_at) < now() - interval '30 days'
      ORDER BY a.last_event_at ASC NULLS FIRST, m.created_at, m.display_name`,
    [orgId],
  );
  const ninetyDaysAgo = Date.now() - 90 * dayMs;
  const instant = (v: string | Date) => new Date(v).toISOString();

  const viewsByUnit = new Map<string, number>();
  const viewsByNetwork = new Map<string, number>();
  for (const v of views) {
    viewsByUnit.set(v.bu, (viewsByUnit.get(v.bu) ?? 0) + n(v.views));
    viewsByNetwork.set(v.network, (viewsByNetwork.get(v.network) ?? 0) + n(v.views));
  }
  const byBusinessUnit = units.map((u) => ({
    businessUnitId: u.id,
    name: u.name,
    activeMembers: n(u.active),
    sharingMembers: n(u.sharing),
    participationRate: n(u.active) > 0 ? n(u.sharing) / n(u.active) : 0,
    shares: n(u.shares),
    clicks: n(u.clicks),
    views: viewsByUnit.get(u.id) ?? 0,
  }));
  const activeMembers = byBusinessUnit.reduce((s, u) => s + u.activeMembers, 0);
  const sharingMembers = byBusinessUnit.reduce((s, u) => s + u.sharingMembers, 0);
  const byNetwork = (['linkedin', 'x'] as const).map((network) => {
    const row = networks.find((r) => r.network === network);
    return { network, shares: n(row?.shares), clicks: n(row?.clicks), views: viewsByNetwork.get(network) ?? 0 };
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
      over30Days: inactive.length,
      over90Days: inactive.filter((m) => new Date(m.last ?? m.created_at).getTime() < ninetyDaysAgo).length,
      members: inactive.slice(0, 500).map((m) => ({
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
