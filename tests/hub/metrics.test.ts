// `GET /metrics` as Prometheus scrapes it: only with SPOKE_METRICS_TOKEN (else no such route), only for that token
// (a member's or the CoE's device token is refused). Requests by route pattern and status with their latency, the
// ingest of batches and events by result, the database's connections and queries, Node's process metrics. Labels stay
// bounded: a link code, an unknown path or an id never becomes a label.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp, routeTable } from '../../server/app';
import { loadConfig, testConfig } from '../../server/config';
import { backends, call, follow, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

const TOKEN = 'metrics-test-token-5f0c2a9d8e7b6a5f4e3d2c1b';

/** The value of a sample `name{labels}` (labels in any order), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

/** The label sets of a metric's samples. */
function series(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`));
}

describe.each(backends)('GET /metrics on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let app: World['app'];

  const scrape = async () => {
    const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return res.text();
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    app = createHubApp({ version: 'test', db: w.db, config: testConfig({ metricsToken: TOKEN }) });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('does not exist without SPOKE_METRICS_TOKEN', async () => {
    const res = await w.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    const unknown = await w.app.request('/nothing-here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, detail: 'No route for /metrics.' });
    expect(res.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  });

  it('answers only the metrics token: not a device token, not another token, not none', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${w.a.coe.token}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Basic ${Buffer.from(`prometheus:${TOKEN}`).toString('base64')}`,
    ]) {
      const res = await app.request('/metrics', { headers: authorization ? { authorization } : {} });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="spoke-metrics"');
      expect(await res.text()).not.toContain('spoke_http');
    }
  });

  it('counts requests by route pattern and status, with their latency, and nothing of a path', async () => {
    const before = await scrape();
    const count = (text: string, method: string, route: string, status: string) =>
      sample(text, 'spoke_http_requests_total', { method, route, status }) ?? 0;

    expect((await call(app, 'GET', '/v1/me', { token: w.a.alice.token })).status).toBe(200);
    expect((await call(app, 'GET', '/v1/me', { token: w.a.alice.token })).status).toBe(200);
    expect((await call(app, 'GET', '/v1/me')).status).toBe(401);
    const codes = Array.from({ length: 25 }, (_, i) => `UnknownLinkCode${i}x`);
    for (const code of codes) expect((await follow(app, code, { ip: '203.0.113.9' })).status).toBe(404);
    const paths = Array.from({ length: 25 }, (_, i) => `/v1/not-a-route-${i}`);
    for (const path of paths) expect((await app.request(path)).status).toBe(404);

    const after = await scrape();
    expect(count(after, 'GET', '/v1/me', '200') - count(before, 'GET', '/v1/me', '200')).toBe(2);
    expect(count(after, 'GET', '/v1/me', '401') - count(before, 'GET', '/v1/me', '401')).toBe(1);
    expect(count(after, 'GET', '/v1/r/:code', '404') - count(before, 'GET', '/v1/r/:code', '404')).toBe(25);
    expect(count(after, 'GET', 'unmatched', '404') - count(before, 'GET', 'unmatched', '404')).toBe(25);
    const latency = (text: string) =>
      sample(text, 'spoke_http_request_duration_seconds_count', { method: 'GET', route: '/v1/me' }) ?? 0;
    expect(latency(after) - latency(before)).toBe(3);
    expect(
      sample(after, 'spoke_http_request_duration_seconds_bucket', { method: 'GET', route: '/v1/me', le: '+Inf' }),
    ).toBe(latency(after));
    // 50 different paths made two series, not fifty: every route label is a pattern of the hub's.
    for (const secret of [...codes, ...paths]) expect(after).not.toContain(secret);
    const patterns = new Set(['unmatched', '/healthz', '/readyz', '/metrics', ...routeTable.map((r) => r.path)]);
    const labelled = series(after, 'spoke_http_requests_total').map((line) => /route="([^"]*)"/.exec(line)?.[1]);
    expect(labelled.filter((route) => !patterns.has(route ?? ''))).toEqual([]);
  });

  it('counts ingest batches and their events by result; a retried batch stores nothing again', async () => {
    const before = await scrape();
    const repeated = makeEvent({ type: 'suggestion_shown', props: { count: 1 } });
    const body = {
      sentAt: new Date().toISOString(),
      events: [
        makeEvent({ type: 'suggestion_shown', props: { count: 2 } }),
        repeated,
        repeated,
        makeEvent({ type: 'suggestion_shown', props: { count: 'many' } }),
      ],
    };
    const send = () =>
      call(app, 'POST', '/v1/events', { token: w.a.bob.token, headers: { 'idempotency-key': 'metrics-1' }, body });
    const first = await send();
    expect(await first.json()).toMatchObject({ accepted: 2, duplicate: 1, rejected: 1 });
    expect((await send()).status).toBe(200);
    const after = await scrape();
    const grew = (name: string, labels: Record<string, string> = {}) =>
      (sample(after, name, labels) ?? 0) - (sample(before, name, labels) ?? 0);
    expect(grew('spoke_ingest_batches_total')).toBe(2);
    expect(grew('spoke_ingest_events_total', { result: 'accepted' })).toBe(4);
    expect(grew('spoke_ingest_events_total', { result: 'duplicate' })).toBe(2);
    expect(grew('spoke_ingest_events_total', { result: 'rejected' })).toBe(2);
    expect(grew('spoke_ingest_events_stored_total')).toBe(2);
    expect(grew('spoke_http_requests_total', { method: 'POST', route: '/v1/events', status: '200' })).toBe(2);
    expect(sample(after, 'spoke_ingest_batches_in_flight')).toBe(0);
  });

  it("shows the database's connections and queries, and Node's process metrics", async () => {
    const text = await scrape();
    expect(sample(text, 'spoke_db_pool_max_connections')).toBe(backend === 'postgres' ? 5 : 1);
    expect(sample(text, 'spoke_db_queries_in_flight')).toBe(0);
    expect(sample(text, 'spoke_http_requests_in_flight')).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  });
});

describe('SPOKE_METRICS_TOKEN', () => {
  it('is optional, and refused when short enough to guess', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ SPOKE_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(() => loadConfig({ SPOKE_METRICS_TOKEN: 'prometheus' })).toThrow(/at least 32 characters/);
  });
});
