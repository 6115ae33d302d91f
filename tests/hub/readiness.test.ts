// `GET /readyz`, as a load balancer or an orchestrator probes it: 200 while the database answers, 503 with Retry-After
// when it is slow or away and once the hub is shutting down (while `/healthz` still says the process is up). Public,
// and it says nothing about any organisation. A flood of probes while the database is slow puts one query on it.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import { Lifecycle } from '../../server/lifecycle';
import { backends, makeWorld, openTestDb, type TestDb } from './support';

const METRICS_TOKEN = 'readiness-test-metrics-token-0123456789';

describe.each(backends)('GET /readyz on %s', (backend) => {
  let t: TestDb;
  /** The hub's database with few connections (2 on Postgres, the least it starts with; PGlite has one). */
  let small: Database;
  /** How many transactions hold every connection of `small`. */
  let connections: number;

  beforeAll(async () => {
    t = await openTestDb(backend);
    await makeWorld(t.db);
    connections = backend === 'postgres' ? 2 : 1;
    small = backend === 'postgres' ? await openDatabase({ url: t.url, poolSize: connections }) : t.db;
  }, 60_000);
  afterAll(async () => {
    if (small !== t?.db) await small?.close();
    await t?.drop();
  });

  const hubOn = (db: Database, lifecycle = new Lifecycle(), readyTimeoutMs = 2_000) =>
    createHubApp({
      version: 'test',
      db,
      config: testConfig({ readyTimeoutMs, metricsToken: METRICS_TOKEN }),
      lifecycle,
    });

  /** Holds every connection of `small` (a transaction on each) until the returned function is called. */
  const holdConnections = async () => {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holders = Array.from({ length: connections }, () => {
      let held = () => {};
      const inside = new Promise<void>((resolve) => {
        held = resolve;
      });
      const done = small.db.transaction(async (tx) => {
        await tx.execute('SELECT 1');
        held();
        await released;
      });
      return { inside, done };
    });
    await Promise.all(holders.map((holder) => holder.inside));
    return async () => {
      release();
      await Promise.all(holders.map((holder) => holder.done));
    };
  };

  it('answers 200 without a token, and says nothing about organisations', async () => {
    const res = await hubOn(t.db).request('/readyz');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('answers 503 with Retry-After once the hub is shutting down; liveness stays 200', async () => {
    const lifecycle = new Lifecycle();
    const app = hubOn(t.db, lifecycle);
    expect((await app.request('/readyz')).status).toBe(200);
    lifecycle.stopping = true;
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toMatchObject({ status: 503, detail: 'The hub is shutting down.', code: 'unavailable' });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('answers 503 when the database does not answer in time, and 200 once it does', async () => {
    const app = hubOn(small, new Lifecycle(), 300);
    const release = await holdConnections();
    try {
      const res = await app.request('/readyz');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { detail: string }).detail).toBe(
        "The hub's database did not answer within 300 ms.",
      );
    } finally {
      await release();
    }
    expect((await app.request('/readyz')).status).toBe(200);
  });

  it('puts one query on a slow database however many probes come', async () => {
    const app = hubOn(small, new Lifecycle(), 60_000);
    const release = await holdConnections();
    const probes = Array.from({ length: 20 }, () => app.request('/readyz'));
    const metrics = await app.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await metrics.text();
    await release();
    // The held transactions are Drizzle's (not counted); the probes' one query waits behind them.
    expect(/^spoke_db_queries_in_flight (\d+)$/m.exec(text)?.[1]).toBe('1');
    expect(/^spoke_http_requests_in_flight (\d+)$/m.exec(text)?.[1]).toBe('21');
    for (const res of await Promise.all(probes)) expect(res.status).toBe(200);
  });
});

describe.each(backends.filter((backend) => backend === 'postgres'))('GET /readyz, database away (%s)', (backend) => {
  let t: TestDb;
  let admin: postgres.Sql;
  let name: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
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

  it('answers 503 while the database refuses connections, and 200 when it is back', async () => {
    const app = createHubApp({ version: 'test', db: t.db, config: testConfig() });
    expect((await app.request('/readyz')).status).toBe(200);
    await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
    await admin.unsafe(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`,
    );
    const away = await app.request('/readyz');
    expect(away.status).toBe(503);
    expect(away.headers.get('retry-after')).toBe('5');
    expect(((await away.json()) as { detail: string }).detail).toBe('The hub cannot reach its database right now.');
    await admin.unsafe(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
    // A pooled connection the cut ended fails once before postgres-js replaces it, as a probe retries.
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 200; attempt++) {
      status = (await app.request('/readyz')).status;
    }
    expect(status).toBe(200);
  });
});
