// The limits, as an attacker or an operator would see them: the buckets (in memory for PGlite, in the database for
// Postgres) keep one promise; an address in X-Forwarded-For that no trusted proxy wrote changes no limit and no click;
// behind trusted proxies (a hop count or CIDR ranges) each client has its own bucket; a redirect over its limit still
// redirects but stops counting; enrolment and redirects have separate buckets; two hub instances on one database
// allow a limit once between them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import { type HubConfig, testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import { DatabaseBuckets, MemoryBuckets, type RateLimiter } from '../../server/rate-limit';
import { createInvite } from '../../server/services/invites';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0';

describe.each(backends)('rate-limit buckets on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(backend);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  // The hub keeps PGlite's buckets in memory (one process) and Postgres's in the database; both keep the same promise,
  // and the database's statement is run on PGlite too.
  const kinds: Array<[string, () => RateLimiter]> = [
    ['in memory', () => new MemoryBuckets()],
    ['in the database', () => new DatabaseBuckets(t.db)],
  ];

  it.each(kinds)('%s: allows a burst of the limit, then refuses with the time to wait', async (_kind, make) => {
    const limiter = make();
    const key = `test:${randomUUID()}`;
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await limiter.take(key, 1, 5, 60_000));
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, true, true, true, false, false]);
    // One unit comes back every 12 s.
    expect(verdicts[5]?.retryAfter).toBeGreaterThanOrEqual(11);
    expect(verdicts[5]?.retryAfter).toBeLessThanOrEqual(12);
    // Another key is not affected.
    expect((await limiter.take(`test:${randomUUID()}`, 1, 5, 60_000)).ok).toBe(true);
  });

  it.each(kinds)('%s: takes back units given back, and forgets a bucket', async (_kind, make) => {
    const limiter = make();
    const key = `test:${randomUUID()}`;
    expect((await limiter.take(key, 100, 150, 3_600_000)).ok).toBe(true);
    expect((await limiter.take(key, 100, 150, 3_600_000)).ok).toBe(false);
    await limiter.giveBack(key, 60, 150, 3_600_000);
    expect((await limiter.take(key, 100, 150, 3_600_000)).ok).toBe(true);
    // Never more than a full bucket back.
    await limiter.giveBack(key, 10_000, 150, 3_600_000);
    expect((await limiter.take(key, 151, 150, 3_600_000)).ok).toBe(false);
    expect((await limiter.take(key, 150, 150, 3_600_000)).ok).toBe(true);
    await limiter.forget([key]);
    expect((await limiter.take(key, 150, 150, 3_600_000)).ok).toBe(true);
  });

  it.each(kinds)('%s: takes a cost at once, never more than the bucket holds', async (_kind, make) => {
    const limiter = make();
    const key = `test:${randomUUID()}`;
    expect((await limiter.take(key, 100, 150, 3_600_000)).ok).toBe(true);
    const second = await limiter.take(key, 100, 150, 3_600_000);
    expect(second.ok).toBe(false);
    // 50 of 150 left an hour: 50 more come back in 20 minutes.
    expect(second.retryAfter).toBeGreaterThan(1_190);
    expect(second.retryAfter).toBeLessThanOrEqual(1_200);
    expect((await limiter.take(key, 50, 150, 3_600_000)).ok).toBe(true);
    expect((await limiter.take(`test:${randomUUID()}`, 151, 150, 3_600_000)).ok).toBe(false);
  });

  it('in the database: concurrent requests from two connections get the limit exactly once', async () => {
    const other = t.url ? await openDatabase({ url: t.url, poolSize: 5 }) : t.db;
    try {
      const limiters = [new DatabaseBuckets(t.db), new DatabaseBuckets(other)];
      const key = `test:${randomUUID()}`;
      const verdicts = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (limiters[i % 2] as RateLimiter).take(key, 1, 10, 60_000)),
      );
      expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
    } finally {
      if (other !== t.db) await other.close();
    }
  });
});

describe.each(backends)('client addresses and limits on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let code: string;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    const coe = w.a.coe.token;
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: coe,
      body: { title: 'Limits', url: 'https://example.com/limits', variants: { x: { text: 'Hi' } } },
    });
    const { id } = (await created.json()) as { id: string };
    await call(w.app, 'POST', `/v1/admin/content/${id}/publish`, { token: coe, body: {} });
    const link = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId: id, network: 'x' },
    });
    code = ((await link.json()) as { code: string }).code;
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const hub = (overrides: Partial<HubConfig>, db: Database = t.db) =>
    createHubApp({ version: 't', db, config: testConfig(overrides) });

  /** A request as the Node server hands it to the hub: from a socket peer, with the headers the peer sent. */
  const from = async (
    app: World['app'],
    peer: string,
    path: string,
    options: { forwardedFor?: string; method?: string; body?: unknown; token?: string } = {},
  ): Promise<Response> => {
    const headers: Record<string, string> = { 'user-agent': BROWSER };
    if (options.forwardedFor !== undefined) headers['x-forwarded-for'] = options.forwardedFor;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const init = {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    };
    return app.request(path, init, { incoming: { socket: { remoteAddress: peer } } });
  };
  const guess = { inviteCode: 'NOPE0-NOPE0-NOPE0-NOPE0', displayName: 'Guess' };
  const enrolFrom = (app: World['app'], peer: string, forwardedFor?: string, body: unknown = guess) =>
    from(app, peer, '/v1/enroll', { method: 'POST', body, forwardedFor });
  /** The statuses of requests sent one after the other. */
  const statuses = async (requests: Array<() => Promise<Response>>) => {
    const out: number[] = [];
    for (const request of requests) out.push((await request()).status);
    return out;
  };
  // A click counts once per network (IPv4 /24, IPv6 /48) and day: a visitor meant to count comes from a network of
  // its own.
  const clicks = async () => {
    const [link] = await t.db.query<{ human_clicks: number; hits: number | string | null }>(
      `SELECT human_clicks, (SELECT sum(hits) FROM clicks WHERE code = $1) AS hits FROM links WHERE code = $1`,
      [code],
    );
    return { people: Number(link?.human_clicks), hits: Number(link?.hits ?? 0) };
  };
  const inviteCode = async () =>
    (
      await createInvite(t.db, {
        orgId: w.b.orgId,
        businessUnitId: w.b.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      })
    ).code;

  it('lets a spoofed X-Forwarded-For from an untrusted peer change no limit and no click', async () => {
    const app = hub({ enrolRatePerMinute: 3 });
    const spoofs = Array.from({ length: 5 }, (_, i) => `203.0.113.${i + 1}`);
    const enrolled = [];
    for (const spoof of spoofs) enrolled.push((await enrolFrom(app, '198.51.100.7', spoof)).status);
    expect(enrolled).toEqual([404, 404, 404, 429, 429]);

    const before = await clicks();
    for (const spoof of spoofs) {
      const go = await from(app, '198.51.100.8', `/v1/r/${code}`, { forwardedFor: spoof });
      expect(go.status).toBe(302);
    }
    const after = await clicks();
    expect(after.people - before.people).toBe(1);
  });

  it('behind trusted hops, counts each client on its own; what a client writes does not move it', async () => {
    const app = hub({ enrolRatePerMinute: 3, trustedProxies: { hops: 1 } });
    const proxy = '10.0.0.1';
    const client = await statuses(
      ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'].map(
        (spoof) => () => enrolFrom(app, proxy, `${spoof}, 203.0.113.20`),
      ),
    );
    expect(client).toEqual([404, 404, 404, 429]);
    // Another client behind the same proxy has a bucket of its own.
    expect((await enrolFrom(app, proxy, '203.0.113.21')).status).toBe(404);

    const before = await clicks();
    for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
      expect((await from(app, proxy, `/v1/r/${code}`, { forwardedFor: `${spoof}, 198.18.0.30` })).status).toBe(302);
    }
    expect((await from(app, proxy, `/v1/r/${code}`, { forwardedFor: '192.0.2.30' })).status).toBe(302);
    const after = await clicks();
    expect(after.people - before.people).toBe(2);
  });

  it('behind trusted ranges, finds the client past every proxy, IPv4 and IPv6', async () => {
    const app = hub({ enrolRatePerMinute: 2, trustedProxies: { cidrs: ['10.0.0.0/8', 'fd00::/8'] } });
    const chain = await statuses([
      () => enrolFrom(app, '10.0.0.1', '9.9.9.9, 203.0.113.40, 10.0.0.2'),
      () => enrolFrom(app, '::ffff:10.0.0.3', '8.8.8.8, 203.0.113.40, fd00::2'),
      () => enrolFrom(app, 'fd00::1', '203.0.113.40'),
    ]);
    expect(chain).toEqual([404, 404, 429]);
    // An IPv6 client is one bucket across its /64, however it picks its address in it.
    const v6 = await statuses([
      () => enrolFrom(app, 'fd00::1', '2001:db8:40:1::1'),
      () => enrolFrom(app, 'fd00::1', '2001:db8:40:1::2'),
      () => enrolFrom(app, 'fd00::1', '2001:db8:40:1:ffff::3'),
      () => enrolFrom(app, 'fd00::1', '2001:db8:40:2::1'),
    ]);
    expect(v6).toEqual([404, 404, 429, 404]);
    // A peer outside the ranges is the client, and what it forwards is ignored.
    const outside = await statuses([
      () => enrolFrom(app, '198.51.100.40', '203.0.113.41'),
      () => enrolFrom(app, '198.51.100.40', '203.0.113.42'),
      () => enrolFrom(app, '198.51.100.40', '203.0.113.43'),
    ]);
    expect(outside).toEqual([404, 404, 429]);
  });

  it('still redirects a flood and real visitors; the flood stops counting at its limit', async () => {
    const app = hub({ redirectRatePerMinute: 5 });
    const before = await clicks();
    const flood = await Promise.all(Array.from({ length: 20 }, () => from(app, '203.0.113.50', `/v1/r/${code}`)));
    for (const go of flood) {
      expect(go.status).toBe(302);
      expect(go.headers.get('location')).toContain('https://example.com/limits');
    }
    const visitor = await from(app, '198.18.1.60', `/v1/r/${code}`);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get('location')).toContain('https://example.com/limits');
    const after = await clicks();
    // Five of the flood's requests were recorded (one visitor), the other fifteen only redirected; the visitor counts.
    expect(after.hits - before.hits).toBe(6);
    expect(after.people - before.people).toBe(2);
    // An unknown code is still a 404 over the limit.
    expect((await from(app, '203.0.113.50', '/v1/r/nope-nope-nope')).status).toBe(404);
  });

  it('keeps enrolment apart from redirects: a flood of one leaves the other alone', async () => {
    const app = hub({ enrolRatePerMinute: 2, redirectRatePerMinute: 2 });
    const address = '203.0.113.70';
    for (let i = 0; i < 5; i++) expect((await from(app, address, `/v1/r/${code}`)).status).toBe(302);
    expect(
      (await enrolFrom(app, address, undefined, { inviteCode: await inviteCode(), displayName: 'Ida' })).status,
    ).toBe(201);
    const other = '198.18.2.71';
    expect(await statuses([0, 1, 2].map(() => () => enrolFrom(app, other)))).toEqual([404, 404, 429]);
    const before = await clicks();
    expect((await from(app, other, `/v1/r/${code}`)).status).toBe(302);
    expect((await clicks()).people - before.people).toBe(1);
  });

  it('charges the hourly event cap only for events a batch stores: an outbox retrying is never locked out', async () => {
    const app = hub({ memberEventsPerHour: 250 });
    const token = w.a.bob.token;
    const batch = (events: unknown[]) => ({ sentAt: new Date().toISOString(), events });
    const send = (body: unknown, key?: string) =>
      call(app, 'POST', '/v1/events', { token, body, headers: key ? { 'idempotency-key': key } : {} });
    const hundred = batch(Array.from({ length: 100 }, () => makeEvent()));
    const first = await send(hundred, 'batch-1');
    expect(first.status).toBe(200);
    expect(((await first.json()) as { accepted: number }).accepted).toBe(100);
    // The answer was lost: the outbox sends the same batch again, three times, and gets the first answer each time.
    for (let i = 0; i < 3; i++) {
      const again = await send(hundred, 'batch-1');
      expect(again.status).toBe(200);
      expect(((await again.json()) as { accepted: number }).accepted).toBe(100);
    }
    // The same events under a new key are duplicates, and refused events store nothing: neither is charged (each is
    // taken from the bucket while the batch is checked, so one is refused near the cap, then given back).
    expect(((await (await send(hundred, 'batch-2')).json()) as { duplicate: number }).duplicate).toBe(100);
    const invalid = batch(Array.from({ length: 100 }, () => ({ ...makeEvent(), type: 'no_such_event' })));
    expect(((await (await send(invalid)).json()) as { rejected: number }).rejected).toBe(100);
    // 150 of 250 are left, as if only the first batch had been sent.
    const over = await send(batch(Array.from({ length: 160 }, () => makeEvent())));
    expect(over.status).toBe(429);
    expect((await send(batch(Array.from({ length: 150 }, () => makeEvent())))).status).toBe(200);
  });

  it('lets two hub instances on one database allow each limit once between them', async () => {
    // Two connections to the same Postgres database, as two hub processes have; PGlite is one process's database.
    const second = t.url ? await openDatabase({ url: t.url, poolSize: 5 }) : t.db;
    try {
      const limits = { memberRatePerMinute: 5, enrolRatePerMinute: 3, memberEventsPerHour: 150 };
      const apps = [hub(limits), hub(limits, second)];
      const one = (i: number) => apps[i % 2] as World['app'];

      const reads = await Promise.all(
        Array.from({ length: 12 }, (_, i) => call(one(i), 'GET', '/v1/me', { token: w.b.alice.token })),
      );
      expect(reads.filter((r) => r.status === 200)).toHaveLength(5);
      expect(reads.filter((r) => r.status === 429)).toHaveLength(7);

      const batch = () => ({
        sentAt: new Date().toISOString(),
        events: Array.from({ length: 100 }, () => makeEvent()),
      });
      expect((await call(one(0), 'POST', '/v1/events', { token: w.b.bob.token, body: batch() })).status).toBe(200);
      const over = await call(one(1), 'POST', '/v1/events', { token: w.b.bob.token, body: batch() });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(60);

      const enrols = await statuses(Array.from({ length: 6 }, (_, i) => () => enrolFrom(one(i), '198.51.100.90')));
      expect(enrols).toEqual([404, 404, 404, 429, 429, 429]);
    } finally {
      if (second !== t.db) await second.close();
    }
  });
});
