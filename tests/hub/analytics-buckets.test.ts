// Sharing members per bucket and unit from member_days' bits (server/services/analytics.ts): a member counts once in
// a bucket however many share days it holds, also in a week across New Year whose days are in two rows of the member
// that come apart; the masks of a period cover exactly its days, per year.
import { describe, expect, it } from 'vitest';
import { periodMasks, type ShareDaysRow, sharersOf } from '../../server/services/analytics';

/** A member's row of a year with share bits on the given days (YYYY-MM-DD), as `varbit_send` sends it. */
function row(id: string, bu: string, year: number, days: string[]): ShareDaysRow {
  const bits = new Uint8Array(4 + 46);
  new DataView(bits.buffer).setInt32(0, 366);
  for (const day of days) {
    const d = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000);
    bits[4 + (d >> 3)] = (bits[4 + (d >> 3)] as number) | (0x80 >> (d & 7));
  }
  return { id, bu, year, bits };
}

describe('sharing members from member_days', () => {
  it('counts a member once in a week across New Year, however the rows come', () => {
    const rows = [
      row('ana', 'sales', 2025, ['2025-12-30']),
      row('ben', 'sales', 2025, ['2025-12-31']),
      row('ana', 'sales', 2026, ['2026-01-02', '2026-01-09']),
      row('cho', 'eng', 2026, ['2026-01-03']),
      row('ben', 'sales', 2026, ['2026-01-01']),
    ];
    const weeks = sharersOf(rows, '2025-12-29', '2026-01-11', 7);
    // Dec 29 – Jan 4: Ana, Ben, Cho; Jan 5 – 11: Ana.
    expect(weeks.byBucket).toEqual([3, 1]);
    expect(Object.fromEntries(weeks.byUnit)).toEqual({ sales: 2, eng: 1 });
    const days = sharersOf(rows, '2025-12-29', '2026-01-04', 1);
    expect(days.byBucket).toEqual([0, 1, 1, 1, 1, 1, 0]);
  });

  it('leaves out share days outside the period and members with none in it', () => {
    const rows = [row('ana', 'sales', 2026, ['2026-03-01', '2026-03-20']), row('ben', 'eng', 2026, ['2026-02-01'])];
    const result = sharersOf(rows, '2026-03-02', '2026-03-15', 7);
    expect(result.byBucket).toEqual([0, 0]);
    expect(result.byUnit.size).toBe(0);
  });

  it('masks exactly the days of the period in each year it touches', () => {
    const masks = periodMasks('2025-12-30', '2026-01-02');
    expect(masks.map((m) => m.year)).toEqual([2025, 2026]);
    expect(masks.every((m) => m.mask.length === 366)).toBe(true);
    // 2025 is not a leap year: 30 and 31 December are its days 363 and 364.
    expect([...(masks[0]?.mask ?? '')].flatMap((c, i) => (c === '1' ? [i] : []))).toEqual([363, 364]);
    expect([...(masks[1]?.mask ?? '')].flatMap((c, i) => (c === '1' ? [i] : []))).toEqual([0, 1]);
    expect(periodMasks('2024-12-31', '2024-12-31')[0]?.mask.indexOf('1')).toBe(365);
  });
});
