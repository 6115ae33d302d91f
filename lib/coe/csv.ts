import type { AnalyticsResponse } from '@/lib/contract/hub-admin';

/** One CSV field: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const row = (fields: Array<string | number | null | undefined>) => fields.map(csvField).join(',');
const percent = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * The analytics report as CSV: one table per section (participation over time, units, networks, content, rules
 * triggered and noisiest, coverage of the sites, inactive members), separated by a blank line, each with its own header row. Counts only, no
 * text of any post.
 */
export function analyticsCsv(
  report: AnalyticsResponse,
  names: { unit(id: string): string; rule(id: string): string },
): string {
  const lines: string[] = [];
  const section = (title: string, header: string[], rows: Array<Array<string | number | null>>) => {
    if (lines.length) lines.push('');
    lines.push(row([title]), row(header), ...rows.map(row));
  };
  section(
    `Spoke analytics ${report.from} to ${report.to}`,
    ['active advocates', 'sharing advocates', 'participation %', 'shares', 'clicks', 'views'],
    [
      [
        report.activeMembers,
        report.sharingMembers,
        percent(report.participationRate),
        report.totals.shares,
        report.totals.clicks,
        report.totals.views,
      ],
    ],
  );
  section(
    'Participation over time',
    ['from', 'to', 'active advocates', 'sharing advocates', 'participation %'],
    report.participationSeries.map((p) => [
      p.from,
      p.to,
      p.activeMembers,
      p.sharingMembers,
      percent(p.participationRate),
    ]),
  );
  section(
    'By business unit',
    ['business unit', 'active advocates', 'sharing advocates', 'participation %', 'shares', 'clicks', 'views'],
    report.byBusinessUnit.map((u) => [
      u.name,
      u.activeMembers,
      u.sharingMembers,
      percent(u.participationRate),
      u.shares,
      u.clicks,
      u.views,
    ]),
  );
  section(
    'By network',
    ['network', 'shares', 'clicks', 'views'],
    report.byNetwork.map((n) => [n.network, n.shares, n.clicks, n.views]),
  );
  section(
    'Top content',
    ['title', 'shares', 'clicks'],
    report.topContent.map((c) => [c.title, c.shares, c.clicks]),
  );
  section(
    'Most-triggered guidelines',
    ['rule id', 'rule', 'times'],
    report.topRules.map((r) => [r.ruleId, names.rule(r.ruleId), r.count]),
  );
  section(
    'Noisiest rules',
    ['rule id', 'rule', 'not helpful', 'dismissed', 'times shown', 'pushback %'],
    report.noisyRules.map((r) => [
      r.ruleId,
      names.rule(r.ruleId),
      r.notHelpful,
      r.dismissed,
      r.triggered,
      r.ratio === null ? null : percent(r.ratio),
    ]),
  );
  section(
    'Coverage',
    ['network', 'surface', 'what', 'count', 'site pack'],
    report.coverage.map((c) => [c.network, c.surface, c.kind, c.count, c.sitePack]),
  );
  section(
    'Members without activity for 30 days or more',
    ['member', 'business unit', 'joined', 'last active'],
    report.inactive.members.map((m) => [m.displayName, names.unit(m.businessUnitId), m.joinedAt, m.lastActiveAt]),
  );
  return `${lines.join('\r\n')}\r\n`;
}
