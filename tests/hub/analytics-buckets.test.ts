// Sharing members per bucket and unit (server/services/analytics.ts): from member_days' bits, gathered per member over
// the years the period touches by the database, a member counts once in a bucket however many share days it holds —
// also in a week across New Year; the masks of a period cover exactly its days, per year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analytics, periodMasks, sharersOf, type UnitSharers } from '../../server/services/analytics';
import { backends, makeWorld, openTestDb, type TestDb, type World } from './support';

const DAY_MS = 86_400_000;

/** A unit's members' period bits (bit 0 = `from`) with their share days, as the report's query sends them. */
function unit(bu: string, from: string, to: string, members: string[][]): UnitSharers {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  const record = 4 + Math.ceil(days / 8);
  const bytes = new Uint8Array(record * members.length);
  members.forEach((shareDays, i) => {
    new DataView(bytes.buffer).setInt32(i * record, days);
    for (const day of shareDays) {
      const d = Math.round((Date.parse(day) - Date.parse(from)) / DAY_MS);
      bytes[i * record + 4 + (d >> 3)] = (bytes[i * record + 4 + (d >> 3)] as number) | (0x80 >> (d & 7));
    }
  });
  return { bu, members: members.length, days: bytes };
}

describe('sharing members per bucket', () => {
  it('counts a member once per bucket, and per unit those who shared', () => {
    const from = '2025-12-29';
    const to = '2026-01-11';
    const units = [
      unit('sales', from, to, [
        ['2025-12-30', '2026-01-02', '2026-01-09'],
        ['2025-12-31', '2026-01-01'],
      ]),
      unit('eng', from, to, [['2026-01-03']]),
    ];
    const weeks = sharersOf(units, from, to, 7);
    expect(weeks.byBucket).toEqual([3, 1]);
    expect(Object.fromEntries(weeks.byUnit)).toEqual({ sales: 2, eng: 1 });
    expect(sharersOf(units, from, to, 1).byBucket).toEqual([0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('masks exactly the days of the period in each year it touches', () => {
    const masks = periodMasks('2025-12-30', '2026-01-02');
    expect(masks.map((m) => [m.year, m.first, m.at, m.days])).toEqual([
      [2025, 363, 0, 2],
      [2026, 0, 2, 2],
    ]);
    expect(masks.every((m) => m.mask.length === 366)).toBe(true);
    // 2025 is not a leap year: 30 and 31 December are its days 363 and 364.
    expect([...(masks[0]?.mask ?? '')].flatMap((c, i) => (c === '1' ? [i] : []))).toEqual([363, 364]);
    expect([...(masks[1]?.mask ?? '')].flatMap((c, i) => (c === '1' ? [i] : []))).toEqual([0, 1]);
    expect(periodMasks('2024-12-31', '2024-12-31')[0]?.mask.indexOf('1')).toBe(365);
  });
});

describe.each(backends)('sharing members across New Year on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  /** A share day as ingest keeps it (server/rollups.ts; tests/hub/rollups.test.ts checks ingest against the backfill). */
  async function shareOn(memberId: string, day: string) {
    const year = Number(day.slice(0, 4));
    const d = Math.round((Date.parse(day) - Date.UTC(year, 0, 1)) / DAY_MS);
    const bit = `${'0'.repeat(d)}1${'0'.repeat(365 - d)}`;
    const zero = '0'.repeat(366);
    for (const [y, days, before] of [
      [year, bit, zero],
      [year + 1, zero, bit],
    ] as const) {
      await w.db.query(
        `INSERT INTO member_days (org_id, member_id, year, active, shared, shared_before)
         VALUES ($1, $2, $3, $4::bit(366), $4::bit(366), $5::bit(366))
         ON CONFLICT (org_id, year, member_id) DO UPDATE SET active = member_days.active | excluded.active,
            shared = member_days.shared | excluded.shared, shared_before = member_days.shared_before | excluded.shared_before`,
        [w.a.orgId, memberId, y, days, before],
      );
    }
  }

  it('counts in the week across New Year a member who shared on both sides of it once', async () => {
    // Alice shared on 30 December and 2 January, Bob on 3 January only; in 2024, Bob on 28 December.
    await shareOn(w.a.alice.id, '2025-12-30');
    await shareOn(w.a.alice.id, '2026-01-02');
    await shareOn(w.a.bob.id, '2026-01-03');
    await shareOn(w.a.bob.id, '2024-12-28');
    const report = await analytics(w.db, w.a.orgId, '2025-12-29', '2026-01-11', 'week');
    expect(report.participationSeries.map((b) => [b.from, b.sharingMembers])).toEqual([
      ['2025-12-29', 2],
      ['2026-01-05', 0],
    ]);
    expect(report.sharingMembers).toBe(2);
    const days = await analytics(w.db, w.a.orgId, '2025-12-29', '2026-01-04', 'day');
    expect(days.participationSeries.map((b) => b.sharingMembers)).toEqual([0, 1, 0, 0, 1, 1, 0]);
  });

  it('reads a period that starts two calendar years before its end from every year it touches', async () => {
    // 400 days, 2024-12-26 to 2026-01-29: the rows of 2024, 2025 and 2026.
    const report = await analytics(w.db, w.a.orgId, '2024-12-26', '2026-01-29', 'week');
    expect(report.sharingMembers).toBe(2);
    const byWeek = report.participationSeries
      .filter((b) => b.sharingMembers > 0)
      .map((b) => [b.from, b.sharingMembers]);
    // Bob's 28 December 2024; Alice's 30 December and Bob's 3 January in one week; Alice's 2 January in the same.
    expect(byWeek).toEqual([
      ['2024-12-26', 1],
      ['2025-12-25', 1],
      ['2026-01-01', 2],
    ]);
  });
});
