// Who the client is and the limits that hold against them, as an attacker would see it: an address in
// X-Forwarded-For that no trusted proxy wrote changes no limit and no click; behind trusted proxies (a hop count or
// CIDR ranges) each client has its own bucket; a redirect over its limit still redirects but stops counting;
// enrolment and redirects have separate buckets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import { type HubConfig, testConfig } from '../../server/config';
import type { Database } from '../../server/db';
import { createInvite } from '../../server/services/invites';
import { backends, call, makeWorld, openTestDb, type TestDb, type World } from './support';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0';

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
      expect((await from(app, proxy, `/v1/r/${code}`, { forwardedFor: `${spoof}, 198.51.100.30` })).status).toBe(302);
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
    const visitor = await from(app, '198.51.100.60', `/v1/r/${code}`);
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
    const other = '203.0.113.71';
    expect(await statuses([0, 1, 2].map(() => () => enrolFrom(app, other)))).toEqual([404, 404, 429]);
    const before = await clicks();
    expect((await from(app, other, `/v1/r/${code}`)).status).toBe(302);
    expect((await clicks()).people - before.people).toBe(1);
  });
});
