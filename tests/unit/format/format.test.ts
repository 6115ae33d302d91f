import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatNumber,
  formatPercent,
  formatRelative,
  REPORT_PERIOD_LABEL,
  REPORT_PERIODS,
} from '@/lib/format';

describe('lib/format', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');

  it('says recent moments in words and older ones as a date', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * 60_000, now)).toMatch(/5 min/);
    expect(formatRelative(now - 3 * 3_600_000, now)).toMatch(/3 hr/);
    expect(formatRelative(now - 30 * 3_600_000, now)).toBe('yesterday');
    expect(formatRelative(now - 10 * 86_400_000, now)).toBe(formatDate(now - 10 * 86_400_000));
  });

  it('formats one way for dates and numbers, whatever the input type', () => {
    expect(formatDate('2026-12-06T12:00:00Z')).toBe(formatDate(now));
    expect(formatDate(new Date(now))).toBe(formatDate(now));
    expect(formatNumber(1234.4)).toBe(formatNumber(1234));
    expect(formatPercent(0.42)).toMatch(/42/);
  });

  it('offers the same periods everywhere, each with a label', () => {
    expect([...REPORT_PERIODS]).toEqual([7, 30, 90, 365]);
    for (const days of REPORT_PERIODS) expect(REPORT_PERIOD_LABEL[days]).toBeTruthy();
  });
});
