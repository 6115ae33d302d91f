// Clicks on a tracked link (`GET /v1/r/:code`) count one visitor per network (IPv4 /24, IPv6 /48) and UTC day,
// whatever the user agent or the address within the network, hashed with a daily salt (no address stored); a prefetch
// or a preview redirects and never counts; a bot never hides a person's click from its network. Seen through the
// figures people read: the member's reach, the CoE's analytics and the leaderboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, call, follow, makeWorld, openTestDb, type TestDb, type World } from './support';

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const period = `from=${day(-89)}&to=${day(0)}`;

describe.each(backends)('clicks on %s', (backend) => {
  let t: TestDb;
  let w: World;
  const links = { alice: '' };

  const read = async (path: string, token: string) => {
    const res = await call(w.app, 'GET', path, { token });
    expect(res.status, path).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'For everyone', url: 'https://example.com/item', variants: { linkedin: { text: 'Read' } } },
    });
    const contentId = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    const link = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId, network: 'linkedin' },
    });
    links.alice = ((await link.json()) as { code: string }).code;
    await call(w.app, 'PATCH', '/v1/me', { token: w.a.alice.token, body: { leaderboardOptIn: true } });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('counts a click once per network and day, whatever the user agent; never a prefetch or a preview', async () => {
    const clicks = async () => {
      const reach = (await read(`/v1/me/reach?${period}`, w.a.alice.token)) as { totals: { clicks: number } };
      const analytics = (await read(`/v1/admin/analytics?${period}`, w.a.coe.token)) as { totals: { clicks: number } };
      const board = (await read(`/v1/leaderboard?${period}`, w.a.bob.token)) as {
        members: Array<{ displayName: string; clicks: number }>;
      };
      const onBoard = board.members.find((m) => m.displayName === 'Org A Alice')?.clicks;
      expect(analytics.totals.clicks).toBe(reach.totals.clicks);
      expect(onBoard).toBe(reach.totals.clicks);
      return reach.totals.clicks;
    };
    const go = async (ip: string, headers: Record<string, string> = {}) => {
      const res = await follow(w.app, links.alice, { ip, headers });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toContain('https://example.com/item');
    };
    expect(await clicks()).toBe(0);
    // Prefetches and previews redirect, and count nothing, not even later for a real click from their network.
    await go('203.0.113.10', { 'sec-purpose': 'prefetch' });
    await go('203.0.113.10', { 'sec-purpose': 'prefetch;prerender' });
    await go('203.0.113.10', { purpose: 'prefetch' });
    await go('203.0.113.10', { 'x-purpose': 'preview' });
    expect(await clicks()).toBe(0);
    // One /24, many user agents and addresses: one visitor.
    for (const [last, ua] of [
      [10, 'Mozilla/5.0 Firefox/130'],
      [11, 'Mozilla/5.0 Chrome/131'],
      [200, 'Mozilla/5.0 Safari/17'],
      [10, 'Mozilla/5.0 Edge/130'],
    ] as const) {
      await go(`203.0.113.${last}`, { 'user-agent': ua });
    }
    expect(await clicks()).toBe(1);
    // A bot on a network hides no person's click there.
    await go('198.51.100.1', { 'user-agent': 'LinkedInBot/1.0' });
    await go('198.51.100.2');
    expect(await clicks()).toBe(2);
    // IPv6: one /48 is one visitor; an IPv4 address written as IPv6 is its IPv4 network.
    await go('2001:db8:7:1::1');
    await go('2001:db8:7:ffff::2');
    await go('::ffff:203.0.113.99');
    expect(await clicks()).toBe(3);
    // Another network counts.
    await go('192.0.2.77');
    expect(await clicks()).toBe(4);
    // The addresses are not stored: only keyed hashes of the networks.
    const stored = JSON.stringify(await w.db.query('SELECT * FROM clicks'));
    for (const fragment of ['203.0.113', '198.51.100', '192.0.2', '2001:db8']) expect(stored).not.toContain(fragment);
  });
});
