// Reports with exact numbers in a fresh organisation: participation rate = members with ≥ 1 share in the period ÷
// active members; shares, clicks (bots and repeats not counted) and views by unit and network; top content; top
// rules from aggregated counts; idle members; the leaderboard (opted-in only, units per capita).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsResponseSchema, LeaderboardResponseSchema } from '../../lib/contract/hub';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

describe.each(backends)('analytics on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let contentId: string;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Report item', url: 'https://example.com/r', variants: { linkedin: { text: 'Read it' } } },
    });
    contentId = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    const sentAt = new Date().toISOString();
    // Alice (Engineering) shares twice on LinkedIn, once on X; rules fired 3 + 2 times; a post with 40 then 90 views.
    await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: {
        sentAt,
        events: [
          makeEvent({ contentId }),
          makeEvent({ contentId }),
          makeEvent({ network: 'x', props: { postKind: 'reply' } }),
          makeEvent({ type: 'rule_triggered', props: { ruleId: 'DISC-001', severity: 'critical', count: 3 } }),
          makeEvent({ type: 'rule_triggered', props: { ruleId: 'DISC-001', severity: 'critical', count: 2 } }),
          makeEvent({ type: 'rule_triggered', props: { ruleId: 'SEC-001', severity: 'warning', count: 1 } }),
          makeEvent({ type: 'reach_snapshot', props: { postRef: 'p1', views: 40 } }),
          makeEvent({ type: 'reach_snapshot', props: { postRef: 'p1', views: 90 } }),
        ],
      },
    });
    // Bob (Sales) only saw suggestions: active, not sharing.
    await call(w.app, 'POST', '/v1/events', {
      token: w.a.bob.token,
      body: { sentAt, events: [makeEvent({ type: 'suggestion_shown', props: { count: 3 } })] },
    });
    // Two human clicks from different visitors, a repeat, and a bot on Alice's link.
    const link = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId, network: 'linkedin' },
    });
    const { code } = (await link.json()) as { code: string };
    for (const ua of [
      'Mozilla/5.0 Firefox/130',
      'Mozilla/5.0 Chrome/130',
      'Mozilla/5.0 Chrome/130',
      'Twitterbot/1.0',
    ]) {
      await w.app.request(`/v1/r/${code}`, { headers: { 'user-agent': ua } });
    }
    await w.app.request(`/v1/r/${code}`, { method: 'HEAD', headers: { 'user-agent': 'Mozilla/5.0 Safari/17' } });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('computes participation, totals, breakdowns, top content and rules, idle members', async () => {
    const res = await call(w.app, 'GET', '/v1/admin/analytics', { token: w.a.coe.token });
    const a = AnalyticsResponseSchema.parse(await res.json());
    expect(a.activeMembers).toBe(3); // CoE, Alice, Bob
    expect(a.sharingMembers).toBe(1);
    expect(a.participationRate).toBeCloseTo(1 / 3);
    expect(a.totals).toEqual({ shares: 3, clicks: 2, views: 90 });
    expect(a.byNetwork).toEqual([
      { network: 'linkedin', shares: 2, clicks: 2, views: 90 },
      { network: 'x', shares: 1, clicks: 0, views: 0 },
    ]);
    const engineering = a.byBusinessUnit.find((u) => u.businessUnitId === w.a.units.Engineering);
    expect(engineering).toMatchObject({
      activeMembers: 1,
      sharingMembers: 1,
      participationRate: 1,
      shares: 3,
      clicks: 2,
      views: 90,
    });
    const sales = a.byBusinessUnit.find((u) => u.businessUnitId === w.a.units.Sales);
    expect(sales).toMatchObject({ activeMembers: 1, sharingMembers: 0, shares: 0 });
    expect(a.topContent[0]).toMatchObject({ contentId, shares: 2, clicks: 2 });
    expect(a.topRules).toEqual([
      { ruleId: 'DISC-001', count: 5 },
      { ruleId: 'SEC-001', count: 1 },
    ]);
    expect(a.idleMembers.map((m) => m.id)).toEqual([w.a.coe.id]);
    // Organisation B sees none of it.
    const b = AnalyticsResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/admin/analytics', { token: w.b.coe.token })).json(),
    );
    expect(b.totals).toEqual({ shares: 0, clicks: 0, views: 0 });
  });

  it('ranks opted-in members and units per capita', async () => {
    await call(w.app, 'PATCH', '/v1/me', { token: w.a.alice.token, body: { leaderboardOptIn: true } });
    const board = LeaderboardResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/leaderboard', { token: w.a.bob.token })).json(),
    );
    expect(board.members).toEqual([
      { rank: 1, displayName: 'Org A Alice', businessUnit: 'Engineering', shares: 3, clicks: 2, isMe: false },
    ]);
    expect(board.businessUnits[0]).toMatchObject({ id: w.a.units.Engineering, sharesPerMember: 3 });
  });
});
