// A database that goes away and comes back, as an operator's restart or failover would: every connection of the hub
// is cut and new ones are refused for a while. The hub answers 503 with Retry-After (never 500), opens new
// connections by itself once the database is back, and a batch cut mid-ingest is all or nothing: retried under its
// Idempotency-Key it is stored exactly once. Postgres only: PGlite lives inside the hub's process.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, openDatabase } from '../../server/db';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

const postgresOnly = backends.filter((backend) => backend === 'postgres');

describe.each(postgresOnly)('the database restarting under the hub (%s)', (backend) => {
  let t: TestDb;
  let w: World;
  let admin: postgres.Sql;
  let name: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    const url = new URL(t.url ?? '');
    name = url.pathname.slice(1);
    url.pathname = '/postgres';
    admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  }, 60_000);
  afterAll(async () => {
    await admin?.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
    await admin?.end();
    await t?.drop();
  });

  /** Cuts every connection to the hub's database and refuses new ones, until `back`. */
  const away = async () => {
    await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin.unsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
  };
  const back = () => admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);

  /** The outbox resends a batch as it was first sent: same body, same key. */
  const sentAt = new Date().toISOString();
  const post = (events: Array<Record<string, unknown>>, key: string) =>
    call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      headers: { 'idempotency-key': key },
      body: { sentAt, events },
    });
  /**
   * Retries as the outbox does while the hub answers 503 (a pooled connection the restart cut fails once before
   * postgres-js replaces it), a few times, then returns the last answer.
   */
  const postUntilTaken = async (events: Array<Record<string, unknown>>, key: string) => {
    let answer = await post(events, key);
    for (let attempt = 0; answer.status === 503 && attempt < 5; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      answer = await post(events, key);
    }
    return answer;
  };

  /** How many of `ids` the hub's database holds, read over a connection of its own. */
  const stored = async (ids: string[]) => {
    const hubDb = postgres(t.url ?? '', { max: 1, onnotice: () => {} });
    try {
      const [row] = await hubDb.unsafe(
        'SELECT count(*)::int AS n FROM events WHERE client_event_id = ANY($1::uuid[])',
        [ids],
      );
      return Number(row?.n);
    } finally {
      await hubDb.end();
    }
  };

  it('answers 503 with Retry-After while the database is away, and takes the retried batch once it is back', async () => {
    const events = Array.from({ length: 20 }, () => makeEvent({ type: 'suggestion_shown', props: { count: 1 } }));
    await away();
    const refused = await post(events, 'restart-batch-1');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/database/);

    await back();
    const retried = await postUntilTaken(events, 'restart-batch-1');
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ accepted: 20, duplicate: 0, rejected: 0 });
    const again = await post(events, 'restart-batch-1');
    expect(await again.json()).toMatchObject({ accepted: 20 }); // the first answer, replayed for the same key
    expect(await stored(events.map((e) => e.id as string))).toBe(20);
  }, 30_000);

  it('a batch cut mid-ingest is all or nothing, and its retry stores it exactly once', async () => {
    const events = Array.from({ length: 500 }, () => makeEvent({ type: 'suggestion_shown', props: { count: 1 } }));
    const ids = events.map((e) => e.id as string);
    const inFlight = post(events, 'restart-batch-2');
    await away();
    // The request whose connection was cut answers: postgres-js used to leave queries queued on a reserved connection
    // unsettled when its socket closed (porsager/postgres#1186, #1195, #1199; patched in patches/postgres+3.4.9.patch).
    const first = await inFlight;
    expect([200, 503]).toContain(first.status);
    const afterCut = await stored(ids).catch(() => null); // refused while away: checked again below
    await back();
    const landed = await stored(ids);
    expect(landed === 0 || landed === 500).toBe(true);
    if (afterCut !== null) expect(afterCut).toBe(landed);

    const retried = await postUntilTaken(events, 'restart-batch-2');
    expect(retried.status).toBe(200);
    expect(await stored(ids)).toBe(500);
    const answer = (await retried.json()) as { accepted: number; duplicate: number };
    expect(answer.accepted + answer.duplicate).toBe(500);
  }, 30_000); // reconnecting after the cut takes a few seconds under load

  it('answers a large batch whose connection is cut mid-write, and the pool serves the next one', async () => {
    // Statements too large for one socket write queue on the reserved connection itself: before the driver patch,
    // nine cuts in ten left such a batch unanswered for ever, and one in seven left the pool unable to reserve again.
    // What a rare unsettled write is left is cut short by the batch deadline (an answer of 503: retried, stored once).
    const db = await openDatabase({ url: t.url ?? '', poolSize: 3, batchDeadlineMs: 4_000 });
    try {
      const large = 'x'.repeat(200_000);
      const never = Symbol('never answered');
      const within = <T>(promise: Promise<T>, ms: number) =>
        Promise.race([promise, new Promise<typeof never>((resolve) => setTimeout(resolve, ms, never))]);
      const outcome = (error: unknown) => (isDatabaseUnavailable(error) ? 'away' : `failed: ${String(error)}`);
      for (let cut = 0; cut < 5; cut++) {
        const statements = Array.from({ length: 6 }, () => sql`SELECT length(${large}::text)`);
        const batch = db.batch(statements).then(() => 'stored', outcome);
        await admin.unsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'
                              AND application_name = 'spoke-hub' AND pid <> pg_backend_pid()`);
        expect(['stored', 'away']).toContain(await within(batch, 8_000));
        // Idle connections the cut closed fail once each (the database is away for them); then the pool reserves a
        // new one.
        let next: unknown = never;
        for (let attempt = 0; attempt < 6 && next !== 'answered'; attempt++) {
          next = await within(
            db.batch([sql`SELECT 1`]).then(() => 'answered', outcome),
            8_000,
          );
          expect(['answered', 'away']).toContain(next);
        }
        expect(next).toBe('answered');
      }
    } finally {
      await db.close();
    }
  }, 180_000);

  it('answers a batch held up past its deadline as the database away; the pool works once it is let go', async () => {
    const db = await openDatabase({ url: t.url ?? '', poolSize: 2, batchDeadlineMs: 1_000 });
    const holder = postgres(t.url ?? '', { max: 1, onnotice: () => {} });
    try {
      await db.query('CREATE TABLE IF NOT EXISTS held_up (n int)');
      const hold = await holder.reserve();
      await hold.unsafe('BEGIN');
      await hold.unsafe('LOCK TABLE held_up IN ACCESS EXCLUSIVE MODE');
      const stuck = await db.batch([sql`INSERT INTO held_up VALUES (1)`]).catch((error: unknown) => error);
      expect(isDatabaseUnavailable(stuck)).toBe(true);
      await hold.unsafe('ROLLBACK');
      hold.release();
      // The held-up statements finish once the lock goes and their connection returns to the pool.
      let held: unknown;
      for (let attempt = 0; attempt < 50 && (held as { n?: number })?.n !== 1; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        held = (await db.batch([sql`SELECT count(*)::int AS n FROM held_up`]))[0]?.[0];
      }
      expect(held).toEqual({ n: 1 });
    } finally {
      await holder.end();
      await db.close();
    }
  }, 60_000);
});
