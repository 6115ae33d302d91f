import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createReachService, postRefOf, SNAPSHOT_INTERVAL_MS } from '@/lib/background/reach';
import type { Me } from '@/lib/contract/hub-member';
import type { ReachSeenRequest } from '@/lib/contract/messages';
import { SpokeDatabase } from '@/lib/db';
import { giveConsent } from '@/lib/sync/sync';

const ORG = '0190a6a0-0000-7000-8000-000000000001';
const CONTENT = '0190a6a0-0000-7000-8000-0000000000c1';
const me = { organisation: { id: ORG, name: 'Acme' } } as Me;
const seen = (views: number, postId = '1890000000000000001'): ReachSeenRequest => ({
  type: 'reach-seen',
  network: 'x',
  posts: [{ postId, views, reactions: 4 }],
});

let db: SpokeDatabase;
let now: number;
beforeEach(async () => {
  db = new SpokeDatabase(`test-${crypto.randomUUID()}`);
  now = Date.UTC(2026, 10, 23, 12);
  await db.setSetting('enrolment', { hubUrl: 'http://127.0.0.1:1', token: 't', me });
});
afterEach(async () => {
  await db.delete();
});

const snapshots = async () =>
  (await db.outbox.orderBy('seq').toArray()).map((row) => row.event).filter((event) => event.type === 'reach_snapshot');

describe('own-post reach', () => {
  it('keeps and records nothing before consent', async () => {
    const reach = createReachService(db, () => now);
    await reach.seen(seen(1234));
    expect(await db.reach.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('records a snapshot under a hashed post reference, never the post id', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    await reach.seen(seen(1234));
    const [event] = await snapshots();
    const postRef = await postRefOf(ORG, 'x', '1890000000000000001');
    expect(postRef).toMatch(/^[0-9a-f]{32}$/);
    expect(event).toMatchObject({ network: 'x', props: { postRef, views: 1234, reactions: 4 } });
    expect(JSON.stringify(event)).not.toContain('1890000000000000001');
  });

  it('throttles: unchanged counts never, changed counts once the interval has passed', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    await reach.seen(seen(100));
    await reach.seen(seen(100));
    now += 60_000;
    await reach.seen(seen(150)); // changed, but too soon
    expect((await snapshots()).map((e) => e.type === 'reach_snapshot' && e.props.views)).toEqual([100]);
    now += SNAPSHOT_INTERVAL_MS;
    await reach.seen(seen(150));
    await reach.seen(seen(150));
    expect((await snapshots()).map((e) => e.type === 'reach_snapshot' && e.props.views)).toEqual([100, 150]);
    expect((await db.reach.toArray())[0]).toMatchObject({ views: 150, postId: '1890000000000000001' });
  });

  it('attaches a post to the share published from the same tab, and re-sends it linked', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    await reach.seen(seen(12, '77'));
    reach.published(5, { contentId: CONTENT, linkCode: 'abc123XY' });
    await reach.linked({ type: 'post-linked', network: 'x', postId: '88' }, 6); // another tab: not this share
    await reach.linked({ type: 'post-linked', network: 'x', postId: '77' }, 5);
    const events = await snapshots();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ contentId: CONTENT, props: { linkCode: 'abc123XY', views: 12 } });
    expect(await db.reach.get(await postRefOf(ORG, 'x', '88'))).toBeUndefined();
  });

  it('keeps the link of a post announced before it shows up, for its first snapshot', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    reach.published(5, { contentId: CONTENT });
    await reach.linked({ type: 'post-linked', network: 'x', postId: '99' }, 5);
    expect(await snapshots()).toHaveLength(0); // no counts yet
    await reach.seen(seen(3, '99'));
    expect(await snapshots()).toEqual([expect.objectContaining({ contentId: CONTENT })]);
  });

  it('links a new post whose counts and id arrive at the same time', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    reach.published(5, { contentId: CONTENT, linkCode: 'abc123XY' });
    await Promise.all([
      reach.seen(seen(12, '99')),
      reach.linked({ type: 'post-linked', network: 'x', postId: '99' }, 5),
    ]);
    const events = await snapshots();
    expect(events.at(-1)).toMatchObject({ contentId: CONTENT, props: { linkCode: 'abc123XY', views: 12 } });
  });

  it('forgets a share when no post id comes within two minutes', async () => {
    await giveConsent(db, false);
    const reach = createReachService(db, () => now);
    reach.published(5, { contentId: CONTENT });
    now += 3 * 60_000;
    await reach.linked({ type: 'post-linked', network: 'x', postId: '99' }, 5);
    expect(await db.reach.count()).toBe(0);
  });

  it('says offline and revoked in words, never the hub’s sentence, and keeps the last report', async () => {
    const report = { totals: { shares: 1, clicks: 0, views: 0 } } as never;
    await db.setSetting('reach', { days: 30, fetchedAt: now, report, leaderboard: null });
    const reach = createReachService(db, () => now);
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    await expect(reach.refresh(30)).rejects.toThrow("Offline: the hub can't be reached right now.");
    const problem = { type: 'about:blank', title: 'Not signed in', status: 401, detail: 'Token revoked.' };
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response(JSON.stringify(problem), { status: 401 }));
    await expect(reach.refresh(30)).rejects.toThrow(/no longer connected/);
    const cached = await db.getSetting('reach');
    expect(cached?.report).toEqual(report);
    expect(cached?.error).not.toContain('Token revoked');
  });
});
