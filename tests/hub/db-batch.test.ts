// `Database.batch`, the ingest's one round trip: statements run in order in one transaction, each answers its rows,
// and a failing statement rolls back the others (its error is thrown) without spoiling the next batch.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDb, type TestDb } from './support';

describe.each(backends)('Database.batch on %s', (backend) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb(backend);
    await t.db.query('CREATE TABLE batch_probe (n int PRIMARY KEY)');
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('runs the statements in order and answers the rows of each', async () => {
    const results = await t.db.batch([
      sql`INSERT INTO batch_probe (n) VALUES (${1}), (${2})`,
      sql`SELECT count(*)::int AS n FROM batch_probe`,
      sql`SELECT n FROM batch_probe WHERE n > ${1}`,
    ]);
    expect(results).toEqual([[], [{ n: 2 }], [{ n: 2 }]]);
  });

  it('stores nothing when a statement fails, and the next batch works', async () => {
    await expect(
      t.db.batch([sql`INSERT INTO batch_probe (n) VALUES (${3})`, sql`INSERT INTO batch_probe (n) VALUES (${1})`]),
    ).rejects.toThrow(/duplicate key/);
    expect(await t.db.query('SELECT n FROM batch_probe ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    for (let i = 0; i < 8; i++) {
      await t.db.batch([sql`INSERT INTO batch_probe (n) VALUES (${10 + i})`]);
    }
    expect(await t.db.query('SELECT count(*)::int AS n FROM batch_probe')).toEqual([{ n: 10 }]);
  });
});
