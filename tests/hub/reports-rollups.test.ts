// Reports read the roll-ups kept at ingest, never the events table (README): with every event row gone, the CoE's
// analytics, the leaderboard and a member's reach say exactly what they said before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(backends)('reports from roll-ups on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('answer the same without the events table', async () => {
    const send = async (token: string, events: unknown[]) => {
      const res = await call(w.app, 'POST', '/v1/events', {
        token,
        body: { sentAt: new Date().toISOString(), events },
      });
      expect(await res.json()).toMatchObject({ accepted: events.length });
    };
    const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
    // Shares count for an item of the library at the time: one published 60 days ago.
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Item', url: 'https://example.com/i', variants: { linkedin: { text: 'Read' } } },
    });
    const contentId = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    await w.db.query(`UPDATE content_items SET published_at = now() - interval '60 days' WHERE id = $1`, [contentId]);
    await send(w.a.alice.token, [
      makeEvent({ contentId }),
      makeEvent({ contentId, occurredAt: ago(8) }),
      makeEvent({ type: 'reach_snapshot', contentId, props: { postRef: 'p1', views: 120 } }),
    ]);
    await send(w.a.bob.token, [makeEvent({ type: 'suggestion_shown', props: { count: 1 } })]);
    await send(w.a.coe.token, [makeEvent({ contentId, occurredAt: ago(45) })]);
    await call(w.app, 'PATCH', '/v1/me', { token: w.a.alice.token, body: { leaderboardOptIn: true } });

    const read = async () => {
      const out: unknown[] = [];
      for (const [path, token] of [
        [`/v1/admin/analytics?from=${day(-60)}&to=${day(0)}`, w.a.coe.token],
        [`/v1/admin/analytics?from=${day(-13)}&to=${day(0)}&bucket=day`, w.a.coe.token],
        [`/v1/leaderboard?from=${day(-60)}&to=${day(0)}`, w.a.alice.token],
        [`/v1/me/reach?from=${day(-60)}&to=${day(0)}&bucket=week`, w.a.alice.token],
      ] as const) {
        const response = await call(w.app, 'GET', path, { token });
        expect(response.status, path).toBe(200);
        out.push(await response.json());
      }
      return out;
    };
    const before = await read();
    expect((before[0] as { totals: unknown }).totals).toEqual({ shares: 3, clicks: 0, views: 120 });
    await w.db.query('DELETE FROM events');
    expect(await read()).toEqual(before);
  });
});
