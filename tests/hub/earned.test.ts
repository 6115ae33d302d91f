// Participation must be earned (issue 20), seen through the routes people read: a member forging shares and reach
// (items not in their library or never shared, another member's link, a hundred shares of one item a day, own posts
// passed off as shares, views jumping to 10⁹ or dipping to climb again, a clock set 80 days back) moves no figure of
// the leaderboard, the CoE's analytics or their own reach, and each refused event says why; legitimate shares (with a
// tracked link or offline, of an item archived since) and readings still count. Clicks: tests/hub/clicks.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventBatchResponse, EventBatchResponseSchema } from '../../lib/contract/hub';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const ago = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
const period = `from=${day(-89)}&to=${day(0)}`;

describe.each(backends)('earned participation on %s', (backend) => {
  let t: TestDb;
  let w: World;
  /** Items of organisation A: for everyone; for Engineering only; a draft; archived two days ago; never shared by Bob;
   * expired yesterday. */
  const item = { all: '', engineering: '', draft: '', archived: '', unshared: '', expired: '' };
  const links = { alice: '', bob: '' };

  const send = async (token: string, events: unknown[], sentAt = new Date().toISOString()) => {
    const res = await call(w.app, 'POST', '/v1/events', { token, body: { sentAt, events } });
    expect(res.status).toBe(200);
    return EventBatchResponseSchema.parse(await res.json());
  };
  const read = async (path: string, token: string) => {
    const res = await call(w.app, 'GET', path, { token });
    expect(res.status, path).toBe(200);
    return res.json();
  };
  /** A member's figures in their reach: not the list of their posts, which shows what they sent (each as it stands). */
  const reachFigures = async (token: string) => {
    const { posts: _, ...figures } = (await read(`/v1/me/reach?${period}&bucket=day`, token)) as { posts: unknown };
    return figures;
  };
  /** Every figure a forger would want to move. */
  const figures = async () => ({
    leaderboard: await read(`/v1/leaderboard?${period}`, w.a.alice.token),
    analytics: await read(`/v1/admin/analytics?${period}&bucket=day`, w.a.coe.token),
    bobReach: await reachFigures(w.a.bob.token),
    aliceReach: await reachFigures(w.a.alice.token),
  });
  const content = async (title: string, extra: Record<string, unknown> = {}) => {
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title, url: 'https://example.com/item', variants: { linkedin: { text: 'Read' } }, ...extra },
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  };
  const publish = async (id: string, daysAgo: number) => {
    await call(w.app, 'POST', `/v1/admin/content/${id}/publish`, { token: w.a.coe.token, body: {} });
    await w.db.query(`UPDATE content_items SET published_at = now() - make_interval(days => $2) WHERE id = $1`, [
      id,
      daysAgo,
    ]);
  };
  const linkOf = async (token: string, contentId: string) =>
    (
      (await (await call(w.app, 'POST', '/v1/links', { token, body: { contentId, network: 'linkedin' } })).json()) as {
        code: string;
      }
    ).code;
  const share = (contentId: string | undefined, extra: Record<string, unknown> = {}) =>
    makeEvent({ ...(contentId ? { contentId } : {}), ...extra });
  const snapshot = (postRef: string, views: number, extra: Record<string, unknown> = {}) => {
    const { linkCode, ...base } = extra;
    return makeEvent({ type: 'reach_snapshot', ...base, props: { postRef, views, ...(linkCode ? { linkCode } : {}) } });
  };
  const statuses = (answer: EventBatchResponse) => answer.results.map((r) => r.status);

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    item.all = await content('For everyone');
    await publish(item.all, 30);
    item.engineering = await content('Engineering only', { businessUnitIds: [w.a.units.Engineering] });
    await publish(item.engineering, 30);
    item.draft = await content('A draft');
    item.archived = await content('Archived since');
    await publish(item.archived, 30);
    await call(w.app, 'POST', `/v1/admin/content/${item.archived}/archive`, { token: w.a.coe.token, body: {} });
    await w.db.query(`UPDATE content_items SET withdrawn_at = now() - interval '2 days' WHERE id = $1`, [
      item.archived,
    ]);
    item.unshared = await content('Never shared by Bob');
    await publish(item.unshared, 30);
    item.expired = await content('Expired');
    await publish(item.expired, 30);
    await w.db.query(`UPDATE content_items SET expires_at = now() - interval '1 day' WHERE id = $1`, [item.expired]);
    links.alice = await linkOf(w.a.alice.token, item.all);
    links.bob = await linkOf(w.a.bob.token, item.all);
    for (const m of [w.a.alice, w.a.bob]) {
      await call(w.app, 'PATCH', '/v1/me', { token: m.token, body: { leaderboardOptIn: true } });
    }
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('counts legitimate shares and readings: with a link, offline, of an item archived since', async () => {
    const alice = await send(w.a.alice.token, [
      share(item.all, { props: { postKind: 'post', linkCode: links.alice } }),
      share(item.all, { network: 'x' }), // offline: no tracked link
      share(item.archived, { occurredAt: ago(3) }), // shared while it was in the library, synced after it left
      snapshot('alice-1', 100, { contentId: item.all, linkCode: links.alice }),
      snapshot('alice-1', 150, { contentId: item.all, linkCode: links.alice }),
    ]);
    expect(statuses(alice)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'accepted']);
    const bob = await send(w.a.bob.token, [
      share(item.all, { props: { postKind: 'post', linkCode: links.bob } }),
      snapshot('bob-1', 100, { contentId: item.all, linkCode: links.bob }),
    ]);
    expect(statuses(bob)).toEqual(['accepted', 'accepted']);

    const { leaderboard, analytics, aliceReach, bobReach } = (await figures()) as {
      leaderboard: { members: Array<{ displayName: string; shares: number }> };
      analytics: { totals: unknown; topContent: Array<{ contentId: string; shares: number }> };
      aliceReach: { totals: unknown };
      bobReach: { totals: unknown };
    };
    expect(leaderboard.members.map((m) => [m.displayName, m.shares])).toEqual([
      ['Org A Alice', 3],
      ['Org A Bob', 1],
    ]);
    expect(analytics.totals).toEqual({ shares: 4, clicks: 0, views: 250 });
    expect(analytics.topContent.find((c) => c.contentId === item.all)?.shares).toBe(3);
    expect(aliceReach.totals).toEqual({ shares: 3, clicks: 0, views: 150 });
    expect(bobReach.totals).toEqual({ shares: 1, clicks: 0, views: 100 });
  });

  it('moves no figure for forged shares and readings, and says why each one does not count', async () => {
    const before = await figures();
    const elsewhere = crypto.randomUUID();
    const forged = await send(w.a.bob.token, [
      share(elsewhere), // 0: no such item
      share(item.engineering), // 1: not offered to Bob's unit
      share(item.draft), // 2: never published
      share(item.archived), // 3: archived two days ago
      share(item.all, { occurredAt: ago(40) }), // 4: before it was published
      share(item.all, { props: { postKind: 'post', linkCode: links.alice } }), // 5: Alice's link
      ...Array.from({ length: 100 }, () => share(item.all, { props: { postKind: 'post', linkCode: links.bob } })),
      ...Array.from({ length: 50 }, () => share(undefined)), // own posts: no shares
      snapshot('forged-1', 1_000_000, { contentId: item.unshared }), // kept, but Bob never shared that item
      snapshot('forged-2', 1_000_000, { contentId: item.engineering }), // not his library
      snapshot('forged-3', 1_000_000, { contentId: item.all, linkCode: links.alice }), // Alice's link
      snapshot('bob-1', 1_000_000_000, { contentId: item.all, linkCode: links.bob }), // a jump to 10⁹
      snapshot('bob-1', 0, { contentId: item.all, linkCode: links.bob }), // a dip to climb again
      snapshot('bob-1', 100, { contentId: item.all, linkCode: links.bob }),
    ]);
    const at = (index: number) => forged.results[index];
    for (const index of [0, 1, 2, 3, 4]) {
      expect(at(index)).toMatchObject({ status: 'rejected', path: `events.${index}.contentId` });
      expect(at(index)).toHaveProperty('reason', expect.stringContaining('not an item of your library'));
    }
    expect(at(5)).toMatchObject({ status: 'rejected', path: 'events.5.props.linkCode' });
    expect(at(5)).toHaveProperty('reason', expect.stringContaining('not your tracked link'));
    for (let index = 6; index < 106; index++) {
      expect(at(index)).toMatchObject({ status: 'duplicate', reason: expect.stringContaining('one a day counts') });
    }
    expect(forged.results.slice(106, 156).every((r) => r.status === 'accepted')).toBe(true);
    expect(at(156)).toMatchObject({ status: 'accepted' });
    expect(at(157)).toMatchObject({ status: 'rejected', path: 'events.157.contentId' });
    expect(at(158)).toMatchObject({ status: 'rejected', path: 'events.158.props.linkCode' });
    expect(at(159)).toMatchObject({ status: 'rejected', path: 'events.159.props.views' });
    expect(at(159)).toHaveProperty('reason', expect.stringContaining('10,000,000'));
    expect(at(160)).toMatchObject({ status: 'duplicate', reason: expect.stringContaining('go down') });
    expect(at(161)).toMatchObject({ status: 'accepted' });
    // An item that expired yesterday, and choosing to share an item Bob cannot see.
    const more = await send(w.a.bob.token, [
      share(item.expired),
      makeEvent({ type: 'share_started', contentId: item.engineering, props: { via: 'sidepanel' } }),
    ]);
    expect(more.results.map((r) => [r.status, r.status === 'rejected' ? r.path : undefined])).toEqual([
      ['rejected', 'events.0.contentId'],
      ['rejected', 'events.1.contentId'],
    ]);
    // The same share with the device's clock set 80 days back: taken at the hub's time, today's share again.
    const skewed = await send(
      w.a.bob.token,
      [share(item.all, { occurredAt: ago(80), props: { postKind: 'post', linkCode: links.bob } })],
      ago(80),
    );
    expect(statuses(skewed)).toEqual(['duplicate']);

    expect(await figures()).toEqual(before);
  });

  it('stores a batch from a clock more than a day off at the hub’s time, flagged, on the hub’s day', async () => {
    const before = (await read(`/v1/admin/analytics?${period}&bucket=day`, w.a.coe.token)) as {
      byNetwork: Array<{ network: string; shares: number }>;
    };
    const event = share(item.unshared, { network: 'x', occurredAt: ago(80) });
    expect(statuses(await send(w.a.bob.token, [event], ago(80)))).toEqual(['accepted']);
    // 20 hours off: still corrected (and not flagged).
    const fast = new Date(Date.now() + 20 * 3_600_000).toISOString();
    const corrected = share(item.unshared, { network: 'linkedin', occurredAt: fast });
    expect(statuses(await send(w.a.bob.token, [corrected], fast))).toEqual(['accepted']);
    const stored = await w.db.query<{ id: string; occurred_at: Date | string; clock_skew: boolean }>(
      'SELECT client_event_id::text AS id, occurred_at, clock_skew FROM events WHERE client_event_id = ANY($1::uuid[])',
      [[event.id, corrected.id]],
    );
    for (const row of stored) {
      expect(Math.abs(new Date(row.occurred_at).getTime() - Date.now())).toBeLessThan(60_000);
      expect(row.clock_skew).toBe(row.id === event.id);
    }
    const after = (await read(`/v1/admin/analytics?${period}&bucket=day`, w.a.coe.token)) as typeof before;
    const shares = (report: typeof before, network: string) =>
      report.byNetwork.find((n) => n.network === network)?.shares;
    expect(shares(after, 'x')).toBe((shares(before, 'x') ?? 0) + 1);
    expect(shares(after, 'linkedin')).toBe((shares(before, 'linkedin') ?? 0) + 1);
    // Nothing landed 80 days back: the day's participation is still empty.
    const daily = (await read(`/v1/admin/analytics?from=${day(-81)}&to=${day(-79)}&bucket=day`, w.a.coe.token)) as {
      totals: { shares: number };
    };
    expect(daily.totals.shares).toBe(0);
  });

  it('keeps a post’s views rising: a dip is not counted, and the count after it gains only what is new', async () => {
    const answer = await send(w.a.alice.token, [
      snapshot('alice-2', 500, { contentId: item.all }),
      snapshot('alice-2', 400, { contentId: item.all }), // a dip, read before a recount
      snapshot('alice-2', 600, { contentId: item.all }),
    ]);
    expect(statuses(answer)).toEqual(['accepted', 'duplicate', 'accepted']);
    const reach = (await read(`/v1/me/reach?${period}`, w.a.alice.token)) as {
      totals: { views: number };
      posts: Array<{ postRef: string; views: number }>;
    };
    expect(reach.posts.find((p) => p.postRef === 'alice-2')?.views).toBe(600);
    expect(reach.totals.views).toBe(150 + 600);
  });
});
