// `GET /v1/me/reach` with exact numbers: shares, human clicks through a real `/v1/r/:code` (repeats, bots and HEAD
// not counted), views gained per bucket from repeated snapshots (the day's latest count; a dip gains nothing), the
// previous period, the posts with their item's title and clicks, and the weekly share streak. Events arrive out of
// order (snapshots before their share) and other members' data never shows. A share is of an item (an own post is
// listed, not counted as one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReachResponse, ReachResponseSchema } from '../../lib/contract/hub';
import {
  backends,
  call,
  dumpRollups,
  expectSameRollups,
  follow,
  makeEvent,
  makeWorld,
  openTestDb,
  rebuildRollupsFromBackfill,
  type TestDb,
  type World,
} from './support';

const DAY_MS = 86_400_000;
const dayAgo = (n: number) => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
/** An instant on the UTC day n days ago. */
const at = (n: number, time = '12:00:00') => `${dayAgo(n)}T${time}.000Z`;
/** The hub corrects event times by the batch's clock skew (here a few milliseconds). */
const near = (instant: string) => ({
  asymmetricMatch: (actual: string) => Math.abs(Date.parse(actual) - Date.parse(instant)) < 5_000,
  toString: () => `about ${instant}`,
});

describe.each(backends)('my reach on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let contentId: string;
  let code: string;
  const from = dayAgo(27);
  const to = dayAgo(0);

  const send = async (token: string, events: Array<Record<string, unknown>>, duplicate = 0) => {
    const res = await call(w.app, 'POST', '/v1/events', {
      token,
      body: { sentAt: new Date().toISOString(), events },
    });
    const out = (await res.json()) as { accepted: number; duplicate: number; rejected: number; results: unknown[] };
    expect(out, JSON.stringify(out.results)).toMatchObject({
      accepted: events.length - duplicate,
      duplicate,
      rejected: 0,
    });
  };
  /** A published item of an organisation, published 80 days ago (before every share of the test). */
  const publishedItem = async (coeToken: string, title: string) => {
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: coeToken,
      body: { title, url: 'https://example.com/report', variants: { linkedin: { text: 'Read it' } } },
    });
    const id = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${id}/publish`, { token: coeToken, body: {} });
    await w.db.query(`UPDATE content_items SET published_at = now() - interval '80 days' WHERE id = $1`, [id]);
    return id;
  };
  const reach = async (token: string, query: string): Promise<ReachResponse> => {
    const res = await call(w.app, 'GET', `/v1/me/reach?${query}`, { token });
    expect(res.status).toBe(200);
    return ReachResponseSchema.parse(await res.json());
  };
  const snapshot = (days: number, postRef: string, views: number, extra: Record<string, unknown> = {}) =>
    makeEvent({
      type: 'reach_snapshot',
      occurredAt: typeof extra.time === 'string' ? at(days, extra.time) : at(days),
      ...(extra.contentId ? { contentId: extra.contentId } : {}),
      props: {
        postRef,
        views,
        ...(extra.reactions !== undefined ? { reactions: extra.reactions } : {}),
        ...(extra.linkCode ? { linkCode: extra.linkCode } : {}),
      },
    });

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    contentId = await publishedItem(w.a.coe.token, 'Our sustainability report');
    code = (
      (await (
        await call(w.app, 'POST', '/v1/links', { token: w.a.alice.token, body: { contentId, network: 'linkedin' } })
      ).json()) as { code: string }
    ).code;

    // Alice's new post: its snapshots reach the hub before the share they came from.
    await send(
      w.a.alice.token,
      [
        snapshot(20, 'p-new', 10, { contentId, linkCode: code, time: '12:00:00' }),
        snapshot(20, 'p-new', 40, { contentId, linkCode: code, time: '18:00:00', reactions: 3 }),
        snapshot(19, 'p-new', 100, { contentId, linkCode: code }),
        snapshot(18, 'p-new', 90, { contentId, linkCode: code }), // a dip (a rounded "1.2K", say): not counted
        snapshot(17, 'p-new', 150, { contentId, linkCode: code, reactions: 9 }),
      ],
      1,
    );
    await send(w.a.alice.token, [
      // The previous period: a share of the same item and a first snapshot of that older post.
      makeEvent({ contentId, occurredAt: at(40), props: { postKind: 'post', linkCode: code } }),
      snapshot(39, 'p-old', 100, { contentId }),
      // This period: the share of p-new, the older post seen again, an own post on X not seen yet, and noise.
      makeEvent({ contentId, occurredAt: at(20, '10:00:00'), props: { postKind: 'post', linkCode: code } }),
      snapshot(10, 'p-old', 160, { contentId }),
      makeEvent({ network: 'x', occurredAt: at(5), props: { postKind: 'post' } }),
      makeEvent({ type: 'suggestion_shown', occurredAt: at(4), props: { count: 3 } }),
      makeEvent({
        type: 'rule_triggered',
        occurredAt: at(4),
        props: { ruleId: 'DISC-001', severity: 'warning', count: 2 },
      }),
    ]);
    // Bob (same organisation) shares the same item; a post with the same reference; Org B's Alice too.
    const bobLink = (await (
      await call(w.app, 'POST', '/v1/links', { token: w.a.bob.token, body: { contentId, network: 'linkedin' } })
    ).json()) as { code: string };
    await send(w.a.bob.token, [
      makeEvent({ contentId, occurredAt: at(15), props: { postKind: 'post', linkCode: bobLink.code } }),
      snapshot(14, 'p-new', 5000, { contentId, linkCode: bobLink.code }),
    ]);
    const otherItem = await publishedItem(w.b.coe.token, 'Org B news');
    await send(w.b.alice.token, [makeEvent({ contentId: otherItem, occurredAt: at(3) }), snapshot(2, 'p-new', 7000)]);
    await follow(w.app, bobLink.code, { ip: '203.0.113.20', headers: { 'user-agent': 'Mozilla/5.0 Firefox/131' } });

    // Clicks on Alice's link: two visitors, a repeat, a bot and a HEAD request (link unfurlers).
    for (const [ua, ip] of [
      ['Mozilla/5.0 Firefox/130', '203.0.113.20'],
      ['Mozilla/5.0 Chrome/130', '2001:db8:1::7'],
      ['Mozilla/5.0 Chrome/130', '2001:db8:1::7'],
      ['LinkedInBot/1.0', '192.0.2.1'],
    ] as const) {
      const res = await follow(w.app, code, { ip, headers: { 'user-agent': ua } });
      expect(res.status).toBe(302);
    }
    await follow(w.app, code, { ip: '192.0.2.9', method: 'HEAD', headers: { 'user-agent': 'Mozilla/5.0 Safari/17' } });
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('sums shares, human clicks and views gained in the period, and the period before', async () => {
    const r = await reach(w.a.alice.token, `from=${from}&to=${to}&bucket=day`);
    // p-new gains 40 (its day's latest), 60, then 50 (the dip was not counted, so 150 in all, its latest count);
    // p-old 60 over its 100 of the previous period. The own post on X is no share.
    expect(r.totals).toEqual({ shares: 1, clicks: 2, views: 210 });
    expect(r.previousTotals).toEqual({ shares: 1, clicks: 0, views: 100 });
    expect(r.series).toEqual([
      { start: dayAgo(20), network: 'linkedin', shares: 1, clicks: 0, views: 40 },
      { start: dayAgo(19), network: 'linkedin', shares: 0, clicks: 0, views: 60 },
      { start: dayAgo(17), network: 'linkedin', shares: 0, clicks: 0, views: 50 },
      { start: dayAgo(10), network: 'linkedin', shares: 0, clicks: 0, views: 60 },
      { start: dayAgo(0), network: 'linkedin', shares: 0, clicks: 2, views: 0 },
    ]);
  });

  it('buckets by week from the first day of the period, with the same totals', async () => {
    const r = await reach(w.a.alice.token, `from=${from}&to=${to}&bucket=week`);
    expect(r.totals).toEqual({ shares: 1, clicks: 2, views: 210 });
    const starts = [...new Set(r.series.map((s) => s.start))];
    expect((starts[0] ?? '') >= from).toBe(true);
    for (const start of starts.slice(1)) expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1);
    const sum = (k: 'shares' | 'clicks' | 'views') => r.series.reduce((s, x) => s + x[k], 0);
    expect({ shares: sum('shares'), clicks: sum('clicks'), views: sum('views') }).toEqual(r.totals);
  });

  it('lists my posts newest first, with the shared item, its clicks and the latest counts', async () => {
    const r = await reach(w.a.alice.token, `from=${from}&to=${to}`);
    expect(r.posts.map((p) => [p.network, p.postRef.startsWith('share-') ? 'share' : p.postRef])).toEqual([
      ['x', 'share'],
      ['linkedin', 'p-new'],
      ['linkedin', 'p-old'],
    ]);
    const [own, fresh, old] = r.posts;
    expect(own).toMatchObject({ contentId: null, contentTitle: null, clicks: 0, views: 0, publishedAt: near(at(5)) });
    expect(fresh).toMatchObject({
      contentId,
      contentTitle: 'Our sustainability report',
      clicks: 2,
      views: 150,
      reactions: 9,
      comments: null,
      publishedAt: near(at(20, '10:00:00')), // the share, which arrived after the snapshots
      lastSeenAt: near(at(17)),
    });
    // No link code on its snapshots: the clicks of Alice's link for the same item and network.
    expect(old).toMatchObject({
      contentTitle: 'Our sustainability report',
      clicks: 2,
      views: 160,
      publishedAt: near(at(40)),
    });
  });

  it('shows nothing of other members', async () => {
    const bob = await reach(w.a.bob.token, `from=${from}&to=${to}`);
    expect(bob.totals).toEqual({ shares: 1, clicks: 1, views: 5000 });
    expect(bob.posts.map((p) => [p.postRef, p.views, p.clicks])).toEqual([['p-new', 5000, 1]]);
    const other = await reach(w.b.alice.token, `from=${from}&to=${to}`);
    expect(other.totals).toEqual({ shares: 1, clicks: 0, views: 7000 });
    const coe = await reach(w.a.coe.token, `from=${from}&to=${to}`);
    expect(coe.totals).toEqual({ shares: 0, clicks: 0, views: 0 });
    expect(coe.posts).toEqual([]);
    expect(coe.streak).toEqual({ currentWeeks: 0, longestWeeks: 0, sharesThisWeek: 0 });
  });

  it('counts consecutive weeks with a share, ending this week or last week', async () => {
    const now = Date.now();
    const weeksAgo = (k: number) => new Date(now - k * 7 * DAY_MS - 60_000).toISOString();
    const [item] = await w.db.query<{ id: string }>("SELECT id FROM content_items WHERE title = 'Org B news'");
    const contentId = item?.id;
    // Org B's Bob: a run of four weeks long ago, then the last three weeks including this one (twice this week: on
    // both networks, as one item counts once a day on each); an own post counts for nothing.
    await send(w.b.bob.token, [
      ...[9, 8, 7, 6, 2, 1, 0].map((k) => makeEvent({ network: 'x', contentId, occurredAt: weeksAgo(k) })),
      makeEvent({ network: 'linkedin', contentId, occurredAt: weeksAgo(0) }),
      makeEvent({ network: 'linkedin', occurredAt: weeksAgo(3) }),
    ]);
    const bob = await reach(w.b.bob.token, 'bucket=week');
    expect(bob.streak).toEqual({ currentWeeks: 3, longestWeeks: 4, sharesThisWeek: 2 });
    // Org B's CoE: last week and the week before, none yet this week: the streak still stands.
    await send(
      w.b.coe.token,
      [1, 2].map((k) => makeEvent({ contentId, occurredAt: weeksAgo(k) })),
    );
    const coe = await reach(w.b.coe.token, 'bucket=week');
    expect(coe.streak).toEqual({ currentWeeks: 2, longestWeeks: 2, sharesThisWeek: 0 });
  });

  it('the migration’s backfill rebuilds the same roll-ups from the events and clicks', async () => {
    const kept = await dumpRollups(w.db);
    expect(kept.member_months?.length).toBeGreaterThan(0);
    await rebuildRollupsFromBackfill(w.db);
    expectSameRollups(await dumpRollups(w.db), kept);
  });

  it('forgets an erased member’s roll-ups', async () => {
    const erased = await call(w.app, 'DELETE', '/v1/me', { token: w.a.alice.token });
    expect(erased.status).toBe(200);
    for (const table of ['daily_rollups', 'member_months', 'reach_snapshots', 'reach_posts', 'shares']) {
      const rows = await w.db.query(`SELECT 1 FROM ${table} WHERE member_id = $1`, [w.a.alice.id]);
      expect(rows, table).toEqual([]);
    }
  });
});
