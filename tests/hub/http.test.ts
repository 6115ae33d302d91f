// The hub over real HTTP (@hono/node-server on a free port): the same app as in production, with the limits that
// protect it: rate limits by member and by client address with Retry-After, 429 when too many batches are being written, body
// size limits, and the client IP used for click de-duplication.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { createInvite } from '../../server/services/invites';
import { backends, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

describe.each(backends)('hub over HTTP on %s', (backend) => {
  let t: TestDb;
  let w: World;
  const servers: Array<ReturnType<typeof serve>> = [];
  const start = (app: ReturnType<typeof createHubApp>) =>
    new Promise<string>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(`http://127.0.0.1:${info.port}`),
      );
      servers.push(server);
    });
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) server.close();
    await t?.drop();
  });

  it('rate-limits a member token with 429 and Retry-After', async () => {
    const base = await start(createHubApp({ version: 't', db: w.db, config: testConfig({ memberRatePerMinute: 5 }) }));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // Members and addresses a test exhausts are its own: buckets are shared by every app on the database.
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${w.b.alice.token}` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
      await res.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another member is not affected.
    expect((await fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${w.b.bob.token}` } })).status).toBe(200);
  });

  it('rate-limits enrolment by client address', async () => {
    // Behind one trusted proxy (this test), so that the client is an address no other test uses.
    const config = testConfig({ enrolRatePerMinute: 3, trustedProxies: { hops: 1 } });
    const base = await start(createHubApp({ version: 't', db: w.db, config }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}, 203.0.113.80` },
        body: JSON.stringify({ inviteCode: 'NOPE0-NOPE0-NOPE0-NOPE0', displayName: 'Guess' }),
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('caps the events a member may send per hour', async () => {
    const base = await start(
      createHubApp({ version: 't', db: w.db, config: testConfig({ memberEventsPerHour: 150 }) }),
    );
    const post = () =>
      fetch(`${base}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.a.bob.token}` },
        body: JSON.stringify({
          sentAt: new Date().toISOString(),
          events: Array.from({ length: 100 }, () => makeEvent()),
        }),
      });
    expect((await post()).status).toBe(200);
    const second = await post();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(60);
  });

  it('answers 429 with Retry-After when too many batches are being written', async () => {
    const base = await start(createHubApp({ version: 't', db: w.db, config: testConfig({ maxInflightBatches: 1 }) }));
    const post = () =>
      fetch(`${base}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${w.a.alice.token}` },
        body: JSON.stringify({
          sentAt: new Date().toISOString(),
          events: Array.from({ length: 200 }, () => makeEvent()),
        }),
      });
    const responses = await Promise.all(Array.from({ length: 6 }, post));
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(200);
    const busy = responses.find((r) => r.status === 429);
    if (busy) expect(busy.headers.get('retry-after')).toBe('1');
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });

  it('refuses a body over the limit with 413 before reading it all', async () => {
    const base = await start(w.app);
    const res = await fetch(`${base}/v1/admin/business-units`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${w.a.coe.token}` },
      body: JSON.stringify({ name: 'x'.repeat(20_000) }),
    });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('enrols, ingests and follows a tracked link over HTTP; a click counts once per visitor and day', async () => {
    const base = await start(w.app);
    const { code } = await createInvite(w.db, {
      orgId: w.a.orgId,
      businessUnitId: w.a.rootId,
      role: 'advocate',
      maxUses: 1,
      expiresInHours: 1,
    });
    const enrolled = await fetch(`${base}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: code.toLowerCase(), displayName: 'Hana' }),
    });
    expect(enrolled.status).toBe(201);
    const { token } = (await enrolled.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/v1/admin/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.a.coe.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'HTTP', url: 'https://example.com/http', variants: { x: { text: 'Hi' } } }),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${base}/v1/admin/content/${id}/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.a.coe.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const link = (await (
      await fetch(`${base}/v1/links`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ contentId: id, network: 'x' }),
      })
    ).json()) as { code: string; url: string };
    expect(link.url).toBe(`https://hub.test/v1/r/${link.code}`);
    for (let i = 0; i < 3; i++) {
      const go = await fetch(`${base}/v1/r/${link.code}`, {
        redirect: 'manual',
        headers: { 'user-agent': 'Mozilla/5.0 Chrome/130' },
      });
      expect(go.status).toBe(302);
      expect(go.headers.get('location')).toContain('https://example.com/http');
    }
    const events = await fetch(`${base}/v1/events`, {
      method: 'POST',
      headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: [makeEvent({ contentId: id })] }),
    });
    expect(((await events.json()) as { accepted: number }).accepted).toBe(1);
    const reach = (await (await fetch(`${base}/v1/me/reach`, { headers: auth })).json()) as {
      totals: { clicks: number; shares: number };
    };
    expect(reach.totals).toMatchObject({ clicks: 1, shares: 1 });
  });
});
