// What the CoE console needs beyond plain CRUD: changing a member's role and unit, participation over time, and
// members without activity for 30 / 90 days. Exact numbers in a fresh organisation.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsResponseSchema, MemberSchema, MeSchema } from '../../lib/contract/hub';
import { createInvite } from '../../server/services/invites';
import {
  backends,
  backfillMemberActivity,
  call,
  enroll,
  makeEvent,
  makeWorld,
  openTestDb,
  type TestDb,
  type World,
} from './support';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

describe.each(backends)('CoE console routes on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('moves a member to another unit and makes them CoE; their own token sees it at once', async () => {
    const moved = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.bob.id}`, {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Engineering, role: 'coe' },
    });
    expect(moved.status).toBe(200);
    expect(MemberSchema.parse(await moved.json())).toMatchObject({
      businessUnitId: w.a.units.Engineering,
      role: 'coe',
    });
    const me = MeSchema.parse(await (await call(w.app, 'GET', '/v1/me', { token: w.a.bob.token })).json());
    expect(me.role).toBe('coe');
    expect(me.businessUnit.id).toBe(w.a.units.Engineering);
    // …and back, so the analytics below count Bob in Sales as an advocate.
    const back = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.bob.id}`, {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Sales, role: 'advocate' },
    });
    expect(back.status).toBe(200);
    expect((await call(w.app, 'GET', '/v1/admin/members', { token: w.a.bob.token })).status).toBe(403);
  });

  it('refuses to take the CoE role from oneself, an unknown unit, another organisation’s member', async () => {
    const self = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.coe.id}`, {
      token: w.a.coe.token,
      body: { role: 'advocate' },
    });
    expect(self.status).toBe(409);
    const unknownUnit = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.alice.id}`, {
      token: w.a.coe.token,
      body: { businessUnitId: w.b.units.Sales },
    });
    expect(unknownUnit.status).toBe(400);
    expect(JSON.stringify(await unknownUnit.json())).toContain('body.businessUnitId');
    const otherOrg = await call(w.app, 'PATCH', `/v1/admin/members/${w.b.alice.id}`, {
      token: w.a.coe.token,
      body: { role: 'coe' },
    });
    expect(otherOrg.status).toBe(404);
    const empty = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.alice.id}`, { token: w.a.coe.token, body: {} });
    expect(empty.status).toBe(400);
  });

  it('refuses a CoE member deactivating or demoting themself: 409, code conflict, a sentence saying who can', async () => {
    const off = await call(w.app, 'POST', `/v1/admin/members/${w.a.coe.id}/deactivate`, {
      token: w.a.coe.token,
      body: {},
    });
    expect(off.status).toBe(409);
    expect(await off.json()).toMatchObject({
      status: 409,
      code: 'conflict',
      detail: expect.stringMatching(/another CoE member/),
    });
    const demote = await call(w.app, 'PATCH', `/v1/admin/members/${w.a.coe.id}`, {
      token: w.a.coe.token,
      body: { role: 'advocate' },
    });
    expect(demote.status).toBe(409);
    expect(await demote.json()).toMatchObject({
      code: 'conflict',
      detail: expect.stringMatching(/another CoE member/),
    });
    // Still CoE, still active: the console stays open.
    const me = MeSchema.parse(await (await call(w.app, 'GET', '/v1/me', { token: w.a.coe.token })).json());
    expect(me.role).toBe('coe');
  });

  it('gives participation per week and per day, and members idle for 30 and 90 days', async () => {
    // Organisation A's members joined 200 days ago. Alice shares today; Bob's last event was 45 days ago; the CoE
    // member's 120 days ago (written directly, as the ingest refuses events that old).
    await w.db.db.execute(sql`UPDATE members SET created_at = now() - interval '200 days' WHERE org_id = ${w.a.orgId}`);
    // Dana joined 40 days ago and never did anything.
    const { code } = await createInvite(w.db, {
      orgId: w.a.orgId,
      businessUnitId: w.a.units.Sales as string,
      role: 'advocate',
      maxUses: 1,
      expiresInHours: 1,
    });
    const dana = await enroll(w.app, code, 'Org A Dana');
    await w.db.db.execute(sql`UPDATE members SET created_at = now() - interval '40 days' WHERE id = ${dana.id}`);
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'News', url: 'https://example.com/n', variants: { linkedin: { text: 'Read' } } },
    });
    const contentId = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    const sent = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: { sentAt: new Date().toISOString(), events: [makeEvent({ contentId })] },
    });
    expect(await sent.json()).toMatchObject({ accepted: 1 });
    const old = (memberId: string, unit: string, daysAgo: number) => sql`
      INSERT INTO events (org_id, client_event_id, member_id, device_id, business_unit_id, seq, type, network,
                          occurred_at, received_at, props)
      VALUES (${w.a.orgId}, ${crypto.randomUUID()}, ${memberId}, ${crypto.randomUUID()}, ${unit}, 1,
              'suggestion_shown', 'linkedin', now() - make_interval(days => ${daysAgo}), now(), '{"count":1}')`;
    await w.db.db.execute(old(w.a.bob.id, w.a.units.Sales as string, 45));
    await w.db.db.execute(old(w.a.coe.id, w.a.rootId, 120));
    // Written past ingest, so their roll-up too (as the migration's backfill builds it).
    await backfillMemberActivity(w.db);

    const weekly = AnalyticsResponseSchema.parse(
      await (
        await call(w.app, 'GET', `/v1/admin/analytics?from=${day(-13)}&to=${day(0)}`, { token: w.a.coe.token })
      ).json(),
    );
    expect(weekly.participationSeries).toEqual([
      // Advocates only: Alice, Bob and Dana (the CoE member is not counted).
      { from: day(-13), to: day(-7), activeMembers: 3, sharingMembers: 0, participationRate: 0 },
      { from: day(-6), to: day(0), activeMembers: 3, sharingMembers: 1, participationRate: 1 / 3 },
    ]);
    expect(weekly.inactive.over30Days).toBe(3);
    expect(weekly.inactive.over90Days).toBe(1);
    // Never active first, then the longest idle, with when they were last active.
    expect(weekly.inactive.members.map((m) => m.id)).toEqual([dana.id, w.a.coe.id, w.a.bob.id]);
    expect(weekly.inactive.members[0]?.lastActiveAt).toBeNull();
    const bob = weekly.inactive.members[2];
    expect(Date.now() - Date.parse(bob?.lastActiveAt ?? '')).toBeGreaterThan(44 * DAY);

    const daily = AnalyticsResponseSchema.parse(
      await (
        await call(w.app, 'GET', `/v1/admin/analytics?from=${day(-2)}&to=${day(0)}&bucket=day`, {
          token: w.a.coe.token,
        })
      ).json(),
    );
    expect(daily.participationSeries.map((p) => [p.from, p.sharingMembers])).toEqual([
      [day(-2), 0],
      [day(-1), 0],
      [day(0), 1],
    ]);
    // Organisation B: its members joined today (so only the last week counts them), nobody shared, and nobody is
    // idle yet: none has had an event, but they joined less than 30 days ago.
    const b = AnalyticsResponseSchema.parse(
      await (
        await call(w.app, 'GET', `/v1/admin/analytics?from=${day(-13)}&to=${day(0)}`, { token: w.b.coe.token })
      ).json(),
    );
    expect(b.participationSeries.map((p) => [p.activeMembers, p.sharingMembers])).toEqual([
      [0, 0],
      [2, 0],
    ]);
    expect(b.inactive.over30Days).toBe(0);
  });
});
