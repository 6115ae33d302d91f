// Coverage signals: `coverage` events (counts per surface, kind and site-pack version, never text) are kept at ingest
// in an organisation-wide roll-up, read into the analytics answer, refused when a field could carry text, and an
// erased member's share leaves the roll-up as the backfill would rebuild it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsResponseSchema } from '../../lib/contract/hub';
import {
  backends,
  call,
  dumpRollups,
  expectSameRollups,
  makeEvent,
  makeWorld,
  openTestDb,
  rebuildRollupsFromBackfill,
  type TestDb,
  type World,
} from './support';

const coverage = (props: Record<string, unknown>, network = 'linkedin') =>
  makeEvent({ type: 'coverage', network, props: { sitePack: 'builtin-1', count: 1, ...props } });

describe.each(backends)('coverage on %s', (backend) => {
  let t: TestDb;
  let w: World;
  const send = async (token: string, events: Array<Record<string, unknown>>) => {
    const res = await call(w.app, 'POST', '/v1/events', { token, body: { sentAt: new Date().toISOString(), events } });
    return (await res.json()) as { accepted: number; rejected: number };
  };
  const analytics = async (token: string) =>
    AnalyticsResponseSchema.parse(await (await call(w.app, 'GET', '/v1/admin/analytics', { token })).json());

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('sums the signals of the period per network, surface, kind and site pack', async () => {
    expect((await analytics(w.a.coe.token)).coverage).toEqual([]);
    expect(
      await send(w.a.alice.token, [
        coverage({ kind: 'editor_unrecognised', surface: 'unknown', count: 2 }),
        coverage({ kind: 'post_button_missing', surface: 'feed-post' }),
        coverage({ kind: 'editor_unrecognised', surface: 'unknown' }, 'x'),
      ]),
    ).toMatchObject({ accepted: 3, rejected: 0 });
    expect(
      await send(w.a.bob.token, [coverage({ kind: 'editor_unrecognised', surface: 'unknown', count: 3 })]),
    ).toMatchObject({ accepted: 1 });

    expect((await analytics(w.a.coe.token)).coverage).toEqual([
      { network: 'linkedin', surface: 'unknown', kind: 'editor_unrecognised', sitePack: 'builtin-1', count: 5 },
      { network: 'linkedin', surface: 'feed-post', kind: 'post_button_missing', sitePack: 'builtin-1', count: 1 },
      { network: 'x', surface: 'unknown', kind: 'editor_unrecognised', sitePack: 'builtin-1', count: 1 },
    ]);
    // Organisation B sees none of it.
    expect((await analytics(w.b.coe.token)).coverage).toEqual([]);
  });

  it('refuses a coverage event whose fields could carry text', async () => {
    const answer = await send(w.a.alice.token, [
      coverage({ kind: 'editor_unrecognised', surface: 'Hello, this is my draft' }),
      coverage({ kind: 'editor_unrecognised', surface: 'unknown', text: 'my draft' }),
      coverage({ kind: 'something_else', surface: 'unknown' }),
      coverage({ kind: 'editor_unrecognised', surface: 'unknown', sitePack: 'https://x.com/i/status/1' }),
    ]);
    expect(answer).toMatchObject({ accepted: 0, rejected: 4 });
  });

  it('equals the backfill, also once a member is erased', async () => {
    let kept = await dumpRollups(w.db);
    expect(kept.coverage_rollups?.length).toBe(3);
    await rebuildRollupsFromBackfill(w.db);
    expectSameRollups(await dumpRollups(w.db), kept);

    expect((await call(w.app, 'DELETE', '/v1/me', { token: w.a.bob.token })).status).toBe(200);
    kept = await dumpRollups(w.db);
    await rebuildRollupsFromBackfill(w.db);
    expectSameRollups(await dumpRollups(w.db), kept);
    const rows = (await analytics(w.a.coe.token)).coverage;
    expect(rows[0]).toMatchObject({ surface: 'unknown', kind: 'editor_unrecognised', count: 2 });
  });
});
