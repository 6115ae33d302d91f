// One way to show dates, times, numbers and periods across the extension's pages and the console: the browser's
// locale through Intl, so a screen never mixes formats.

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const wholeFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'short' });

type When = Date | number | string;
const toDate = (when: When): Date => (when instanceof Date ? when : new Date(when));

/** "6 Dec 2026" (in the browser's locale). */
export function formatDate(when: When): string {
  return dateFormat.format(toDate(when));
}

/** "6 Dec 2026, 14:05". */
export function formatDateTime(when: When): string {
  return dateTimeFormat.format(toDate(when));
}

/** "1,234" (rounded). */
export function formatNumber(n: number): string {
  return wholeFormat.format(n);
}

/** "2.5" — one decimal at most, for averages. */
export function formatDecimal(n: number): string {
  return decimalFormat.format(n);
}

/** "12K", "3.4M" — for counts in tight places. */
export function formatCompact(n: number): string {
  return compactFormat.format(n);
}

/** "42%" from a ratio (0.42). */
export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio);
}

/** "just now", "5 min. ago", "3 hr. ago", "yesterday", then a date. */
export function formatRelative(when: When, now = Date.now()): string {
  const at = toDate(when).getTime();
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  if (Math.abs(seconds) < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
  if (Math.abs(seconds) < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
  if (Math.abs(seconds) < 2 * 86_400) return relativeFormat.format(Math.round(seconds / 86_400), 'day');
  return formatDate(at);
}

/** The periods every report offers (My reach, the leaderboard, the console's analytics), in days ending today. */
export const REPORT_PERIODS = [7, 30, 90, 365] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];
export const REPORT_PERIOD_LABEL: Record<ReportPeriod, string> = {
  7: '7 days',
  30: '30 days',
  90: '90 days',
  365: '12 months',
};
