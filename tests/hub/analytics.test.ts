// Reports with exact numbers in a fresh organisation: participation rate = members with ≥ 1 share in the period ÷
// active members; shares, clicks (bots and repeats not counted) and views by unit and network; top content; top
// rules from aggregated counts; the noisiest rules (Not helpful and dismissals per rule, kept at ingest); idle
// members; the leaderboard (opted-in only, units per capita).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsResponseSchema, LeaderboardResponseSchema } from '../../lib/contract/hub';
import {
  backends,
  call,
  follow,
  followAsVisitors,
  makeEvent,
  makeWorld,
  openTestDb,
  type TestDb,
  type World,
} from './support';

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
    // Alice (Engineering) shares the item on LinkedIn (twice: once a day counts) and on X, and posts a reply of her
    // own (no share); rules fired 3 + 2 times; a post with 40 then 90 views.
    await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: {
        sentAt,
        events: [
          makeEvent({ contentId }),
          makeEvent({ contentId }),
          makeEvent({ contentId, network: 'x' }),
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
    // Two human clicks from different networks, a repeat, and a bot on Alice's link.
    const link = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId, network: 'linkedin' },
    });
    const { code } = (await link.json()) as { code: string };
    await followAsVisitors(w.app, code);
    await follow(w.app, code, { ip: '192.0.2.9', method: 'HEAD', headers: { 'user-agent': 'Mozilla/5.0 Safari/17' } });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('computes participation, totals, breakdowns, top content and rules, idle members', async () => {
    const res = await call(w.app, 'GET', '/v1/admin/analytics', { token: w.a.coe.token });
    const a = AnalyticsResponseSchema.parse(await res.json());
    // Participation counts advocates (Alice, Bob), not the CoE member who runs the programme.
    expect(a.activeMembers).toBe(2);
    expect(a.sharingMembers).toBe(1);
    expect(a.participationRate).toBeCloseTo(1 / 2);
    expect(a.totals).toEqual({ shares: 2, clicks: 2, views: 90 });
    expect(a.byNetwork).toEqual([
      { network: 'linkedin', shares: 1, clicks: 2, views: 90 },
      { network: 'x', shares: 1, clicks: 0, views: 0 },
    ]);
    const engineering = a.byBusinessUnit.find((u) => u.businessUnitId === w.a.units.Engineering);
    expect(engineering).toMatchObject({
      activeMembers: 1,
      sharingMembers: 1,
      participationRate: 1,
      shares: 2,
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
    expect(b.topRules).toEqual([]);
    expect(b.noisyRules).toEqual([]);
  });

  it('ranks opted-in members and units per capita', async () => {
    await call(w.app, 'PATCH', '/v1/me', { token: w.a.alice.token, body: { leaderboardOptIn: true } });
    const board = LeaderboardResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/leaderboard', { token: w.a.bob.token })).json(),
    );
    expect(board.members).toEqual([
      { rank: 1, displayName: 'Org A Alice', businessUnit: 'Engineering', shares: 2, clicks: 2, isMe: false },
    ]);
    expect(board.businessUnits[0]).toMatchObject({ id: w.a.units.Engineering, sharesPerMember: 2 });
  });

  describe('rule feedback', () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const period = `from=${day(29)}&to=${day(0)}`;
    const report = async () =>
      AnalyticsResponseSchema.parse(
        await (await call(w.app, 'GET', `/v1/admin/analytics?${period}`, { token: w.a.coe.token })).json(),
      );
    const triggered = (ruleId: string, count: number, dismissed?: number, occurredAt?: string) =>
      makeEvent({
        type: 'rule_triggered',
        ...(occurredAt ? { occurredAt } : {}),
        props: { ruleId, severity: 'warning', count, ...(dismissed ? { dismissed } : {}) },
      });
    const feedback = (ruleId: string, verdict: 'not_helpful' | 'wrong' = 'not_helpful') =>
      makeEvent({ type: 'guideline_feedback', props: { ruleId, verdict } });

    it('counts Not helpful and dismissals per rule at ingest and ranks the noisiest rules', async () => {
      const sentAt = new Date().toISOString();
      const alice = [
        triggered('DISC-001', 4, 1),
        feedback('DISC-001'),
        feedback('DISC-001'),
        triggered('COND-001', 2, 2),
        feedback('TONE-002', 'wrong'), // never fired in a published post
        // Outside the period: not counted.
        triggered('COND-001', 10, 10, new Date(Date.now() - 60 * 86_400_000).toISOString()),
      ];
      for (let attempt = 0; attempt < 2; attempt++) {
        // The second time, every event is a duplicate: nothing is counted twice.
        const res = await call(w.app, 'POST', '/v1/events', {
          token: w.a.alice.token,
          body: { sentAt, events: alice },
        });
        expect(await res.json()).toMatchObject(attempt === 0 ? { accepted: 6 } : { duplicate: 6 });
      }
      await call(w.app, 'POST', '/v1/events', {
        token: w.a.bob.token,
        body: { sentAt, events: [triggered('COND-001', 2, 1), feedback('COND-001')] },
      });

      const a = await report();
      expect(a.topRules).toEqual([
        { ruleId: 'DISC-001', count: 9 },
        { ruleId: 'COND-001', count: 4 },
        { ruleId: 'SEC-001', count: 1 },
      ]);
      expect(a.noisyRules).toEqual([
        { ruleId: 'COND-001', triggered: 4, dismissed: 3, notHelpful: 1, ratio: 1 },
        { ruleId: 'DISC-001', triggered: 9, dismissed: 1, notHelpful: 2, ratio: 3 / 9 },
        { ruleId: 'TONE-002', triggered: 0, dismissed: 0, notHelpful: 1, ratio: null },
      ]);
      // Kept per unit (the member's at ingest) and day.
      const rows = await w.db.query<{ business_unit_id: string; triggered: number; dismissed: number }>(
        `SELECT business_unit_id, triggered, dismissed, not_helpful FROM rule_rollups
          WHERE org_id = $1 AND rule_id = 'COND-001' AND day = $2 ORDER BY triggered, dismissed`,
        [w.a.orgId, day(0)],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { business_unit_id: w.a.units.Sales, triggered: 2, dismissed: 1, not_helpful: 1 },
          { business_unit_id: w.a.units.Engineering, triggered: 2, dismissed: 2, not_helpful: 0 },
        ]),
      );
      // Organisation B sees none of it.
      const b = AnalyticsResponseSchema.parse(
        await (await call(w.app, 'GET', `/v1/admin/analytics?${period}`, { token: w.b.coe.token })).json(),
      );
      expect(b.noisyRules).toEqual([]);
    });

    it('takes an erased member’s counts out of the rule roll-up', async () => {
      const erased = await call(w.app, 'DELETE', '/v1/me', { token: w.a.bob.token });
      expect(erased.status).toBe(200);
      const a = await report();
      expect(a.noisyRules.find((r) => r.ruleId === 'COND-001')).toEqual({
        ruleId: 'COND-001',
        triggered: 2,
        dismissed: 2,
        notHelpful: 0,
        ratio: 1,
      });
      const sales = await w.db.query('SELECT 1 FROM rule_rollups WHERE org_id = $1 AND business_unit_id = $2', [
        w.a.orgId,
        w.a.units.Sales,
      ]);
      expect(sales).toEqual([]);
    });

    it('reads the roll-up, never the events table', async () => {
      const before = await report();
      await w.db.query(`DELETE FROM events WHERE org_id = $1 AND type IN ('rule_triggered', 'guideline_feedback')`, [
        w.a.orgId,
      ]);
      const after = await report();
      expect(after.topRules).toEqual(before.topRules);
      expect(after.noisyRules).toEqual(before.noisyRules);
    });
  });
});
