import type { ReachResponse } from '@/lib/contract/hub-member';
import { formatCompact, formatNumber, formatPercent } from '@/lib/format';

type Totals = ReachResponse['totals'];
export type Metric = keyof Totals;

/** "+25%", "−40%", "new" (nothing before), or "" when both periods are empty (percentages as lib/format has them). */
export function changeLabel(current: number, previous: number): string {
  if (previous === 0) return current > 0 ? 'new' : '';
  const ratio = (current - previous) / previous;
  if (Math.round(ratio * 100) === 0) return `±${formatPercent(0)}`;
  return `${ratio > 0 ? '+' : '−'}${formatPercent(Math.abs(ratio))}`;
}

/** 1,234 below ten thousand, 12K above: exact where it is short enough to read. */
export function formatCount(value: number): string {
  return value < 10_000 ? formatNumber(value) : formatCompact(value);
}

/** A report day ("2026-11-20") as a local date, so that lib/format writes that same calendar day in any time zone. */
export function dayDate(day: string): Date {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday of the ISO week of `day` (UTC), as the hub buckets weeks. */
function mondayOf(day: string): string {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return dayOf(ms - weekday * DAY_MS);
}

export interface ChartSeries {
  /** First day of each bucket, every bucket of the period (empty ones too), as UTC midnight in seconds. */
  x: number[];
  shares: number[];
  clicks: number[];
  views: number[];
  days: string[];
}

/** The report's rows (per bucket and network) summed over networks, with empty buckets filled in. */
export function chartSeries(report: ReachResponse): ChartSeries {
  const step = report.bucket === 'week' ? 7 * DAY_MS : DAY_MS;
  const first = report.bucket === 'week' ? mondayOf(report.from) : report.from;
  const byDay = new Map<string, Totals>();
  for (const row of report.series) {
    const sum = byDay.get(row.start) ?? { shares: 0, clicks: 0, views: 0 };
    byDay.set(row.start, {
      shares: sum.shares + row.shares,
      clicks: sum.clicks + row.clicks,
      views: sum.views + row.views,
    });
  }
  const series: ChartSeries = { x: [], shares: [], clicks: [], views: [], days: [] };
  for (let ms = dayMs(first); ms <= dayMs(report.to); ms += step) {
    const day = dayOf(ms);
    const sum = byDay.get(day) ?? { shares: 0, clicks: 0, views: 0 };
    series.days.push(day);
    series.x.push(ms / 1000);
    series.shares.push(sum.shares);
    series.clicks.push(sum.clicks);
    series.views.push(sum.views);
  }
  return series;
}

/** Whether the member has anything to see yet. */
export function isEmptyReport(report: ReachResponse): boolean {
  const { shares, clicks, views } = report.totals;
  return shares + clicks + views === 0 && report.posts.length === 0 && report.streak.longestWeeks === 0;
}
