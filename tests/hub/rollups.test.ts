// The roll-ups kept at ingest equal what the migrations' backfills rebuild from the events, when a member's post
// curves arrive over many batches, out of order, with repeats within a day, dips (not counted) and concurrent batches,
// with shares of an item (once a day counts) and own posts, posts of the item seen before their share; and the
// per-rule counts (fired, dismissed, not helpful) of members of two units, also after one of them is erased.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../seeded-random';
import {
  backends,
  call,
  dumpRollups,
  expectSameRollups,
  followAsVisitors,
  makeEvent,
  makeWorld,
  openTestDb,
  rebuildRollupsFromBackfill,
  type TestDb,
  type World,
} from './support';

const DAY_MS = 86_400_000;

describe.each(backends)('roll-ups kept at ingest on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let contentId: string;

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Curves', url: 'https://example.com/c', variants: { linkedin: { text: 'Read' } } },
    });
    contentId = ((await created.json()) as { id: string }).id;
    await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    // Published before the first event of the test.
    await w.db.query(`UPDATE content_items SET published_at = now() - interval '60 days' WHERE id = $1`, [contentId]);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('equal the backfill after curves sent in scattered batches', async () => {
    const next = rng(7); // seeded, so a failure can be replayed
    const pick = <T>(values: T[]) => values[Math.floor(next() * values.length)] as T;
    const events: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 240; i++) {
      const days = 1 + Math.floor(next() * 45);
      const occurredAt = new Date(Date.now() - days * DAY_MS - Math.floor(next() * DAY_MS)).toISOString();
      const network = pick(['linkedin', 'x']);
      const kind = next();
      if (kind < 0.05) {
        // Coverage signals: organisation-wide counts per surface, kind and site pack.
        events.push(
          makeEvent({
            type: 'coverage',
            network,
            occurredAt,
            props: {
              kind: pick(['editor_unrecognised', 'post_button_missing']),
              surface: pick(['unknown', 'feed-post']),
              count: 1 + Math.floor(next() * 3),
              sitePack: 'builtin-1',
            },
          }),
        );
        continue;
      }
      if (kind < 0.15) {
        // Guideline rules: fired (some dismissed) in a published post, or a "Not helpful".
        const ruleId = pick(['DISC-001', 'COND-001', 'SEC-004']);
        const count = 1 + Math.floor(next() * 5);
        const dismissed = Math.floor(next() * (count + 1));
        events.push(
          next() < 0.6
            ? makeEvent({
                type: 'rule_triggered',
                network,
                occurredAt,
                props: { ruleId, severity: 'warning', count, ...(dismissed ? { dismissed } : {}) },
              })
            : makeEvent({
                type: 'guideline_feedback',
                network,
                occurredAt,
                props: { ruleId, verdict: pick(['not_helpful', 'wrong']) },
              }),
        );
        continue;
      }
      // Posts p3 and p4 are of the item (some of their readings come before any share of it); p1 and p2 own posts;
      // p5's readings name the item only sometimes (read before Spoke linked it to its share, then after).
      const postRef = pick(['p1', 'p2', 'p3', 'p4', 'p5']);
      const item = postRef === 'p3' || postRef === 'p4' || (postRef === 'p5' && next() < 0.5) ? { contentId } : {};
      events.push(
        kind < 0.7
          ? makeEvent({
              type: 'reach_snapshot',
              network,
              occurredAt,
              ...item,
              // Counts that mostly grow with time, and sometimes dip.
              props: { postRef, views: Math.floor((50 - days) * 20 + next() * 200) },
            })
          : makeEvent({ network, occurredAt, ...(next() < 0.7 ? { contentId } : {}), props: { postKind: 'post' } }),
      );
    }
    const tally = { duplicate: 0 };
    // Members a and b of one organisation, batches of 1 to 30 events, two batches of a member at a time.
    const batches: Array<{ token: string; events: Array<Record<string, unknown>> }> = [];
    for (let i = 0; i < events.length; ) {
      const size = 1 + Math.floor(next() * 30);
      batches.push({ token: pick([w.a.alice.token, w.a.bob.token]), events: events.slice(i, i + size) });
      i += size;
    }
    for (let i = 0; i < batches.length; i += 2) {
      await Promise.all(
        batches.slice(i, i + 2).map(async ({ token, events: batch }) => {
          const res = await call(w.app, 'POST', '/v1/events', {
            token,
            body: { sentAt: new Date().toISOString(), events: batch },
          });
          // Dips and a second share of the item on a day are nothing new: not stored, not counted.
          const answer = (await res.json()) as { accepted: number; duplicate: number; rejected: number };
          expect(answer.rejected).toBe(0);
          expect(answer.accepted + answer.duplicate).toBe(batch.length);
          tally.duplicate += answer.duplicate;
        }),
      );
    }

    // Clicks on both members' links to the item: human visitors (a repeat is one) and a bot (not counted).
    for (const token of [w.a.alice.token, w.a.bob.token]) {
      const link = await call(w.app, 'POST', '/v1/links', { token, body: { contentId, network: 'linkedin' } });
      const { code } = (await link.json()) as { code: string };
      await followAsVisitors(w.app, code);
    }

    const kept = await dumpRollups(w.db);
    expect(kept.reach_snapshots?.length).toBeGreaterThan(40);
    expect(kept.content_rollups).toContainEqual(expect.objectContaining({ clicks: 4 }));
    expect(kept.member_days?.length).toBeGreaterThan(1);
    expect(kept.rule_rollups?.length).toBeGreaterThan(10);
    expect(tally.duplicate).toBeGreaterThan(5);
    const counted = await w.db.query<{ shares: number; views: number }>(
      'SELECT sum(shares)::int AS shares, sum(views)::int AS views FROM daily_rollups',
    );
    expect(counted[0]?.shares).toBeGreaterThan(10);
    expect(counted[0]?.views).toBeGreaterThan(1000);
    await rebuildRollupsFromBackfill(w.db);
    expectSameRollups(await dumpRollups(w.db), kept);
  }, 60_000);

  it('still equal the backfill once a member is erased', async () => {
    const erased = await call(w.app, 'DELETE', '/v1/me', { token: w.a.bob.token });
    expect(erased.status).toBe(200);
    const kept = await dumpRollups(w.db);
    await rebuildRollupsFromBackfill(w.db);
    expectSameRollups(await dumpRollups(w.db), kept);
  });
});
