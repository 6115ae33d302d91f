// The route × role × tenant matrix, generated from the route table: for every /v1 route, no token → 401; the wrong
// role → 403; another organisation's members (CoE and advocate) aimed at this organisation's resources neither read
// nor change anything of it; another member of the same organisation neither reads nor changes a member's personal
// data; and the rightful caller succeeds (so the refusals above are not an accident of a broken request).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/app';
import { type GuidelineEngine, loadEngine } from '../../server/policy-validation';
import { addPolicyVersion } from '../../server/services/policy-versions';
import { type Fixture, fixtures, key, makeResources, pathFor, type Resources } from './route-fixtures';
import { backends, call, makeWorld, openTestDb, type TestDb, type World } from './support';

/** Routes whose rightful call cannot succeed in this world (documented reasons). */
const ownerMayFail: Record<string, string> = {
  'get /v1/policy': 'needs a published policy (the guideline engine)',
  'post /v1/admin/policy/versions': 'an empty pack is refused by validation (or 503 without the engine)',
  'get /v1/admin/policy/versions/:version': 'needs a policy version',
  'post /v1/admin/policy/versions/:version/publish': 'needs a policy version',
};

/** Every row of the organisation (or of one member), without columns that change on reads (last seen). */
async function snapshot(w: World, orgId: string, memberId?: string): Promise<string> {
  const tables: Array<[string, string]> = [
    ['orgs', 'id'],
    ['business_units', 'org_id'],
    ['members', 'org_id'],
    ['invites', 'org_id'],
    ['devices', 'org_id'],
    ['content_items', 'org_id'],
    ['policy_versions', 'org_id'],
    ['site_packs', 'org_id'],
    ['events', 'org_id'],
    ['idempotency_keys', 'org_id'],
    ['links', 'org_id'],
    ['reach_snapshots', 'org_id'],
    ['reach_posts', 'org_id'],
    ['shares', 'org_id'],
    ['daily_rollups', 'org_id'],
    ['rule_rollups', 'org_id'],
  ];
  const out: unknown[] = [];
  for (const [table, column] of tables) {
    let where = `${column} = $1`;
    if (memberId) {
      if (table === 'members') where += ' AND id = $2';
      else if (
        [
          'devices',
          'events',
          'idempotency_keys',
          'links',
          'reach_snapshots',
          'reach_posts',
          'shares',
          'daily_rollups',
        ].includes(table)
      )
        where += ' AND member_id = $2';
      else continue;
    }
    const rows = await w.db.query<Record<string, unknown>>(
      `SELECT * FROM ${table} WHERE ${where}`,
      memberId ? [orgId, memberId] : [orgId],
    );
    for (const row of rows) {
      delete row.last_seen_at;
      out.push([table, row]);
    }
  }
  return JSON.stringify(out.map((x) => JSON.stringify(x)).sort());
}

describe.each(backends)('route × role × tenant matrix on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let res: Resources;
  let engine: GuidelineEngine | null;
  /** Strings that identify organisation A and its members. */
  let secretsOfA: string[];
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    res = await makeResources(w);
    const { draftId, inviteId, linkCode } = res;
    engine = await loadEngine();
    if (engine) await addPolicyVersion(w.db, w.a.orgId, engine.defaultPacks.core, {}, true);
    secretsOfA = [
      w.a.orgId,
      w.a.coe.id,
      w.a.alice.id,
      w.a.bob.id,
      ...Object.values(w.a.units),
      w.a.rootId,
      draftId,
      inviteId,
      linkCode,
      'Org A',
    ];
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('has a fixture for every route of the table', () => {
    expect(routeTable.map(key).filter((k) => !fixtures[k])).toEqual([]);
  });

  for (const route of routeTable) {
    it(`${route.method.toUpperCase()} ${route.path} (${route.access})`, async () => {
      const fixture = fixtures[key(route)] as Fixture;
      const req = await fixture.prepare(w, res);
      const path = pathFor(route, req);
      const send = (token?: string) => call(w.app, route.method.toUpperCase(), path, { token, body: req.body });

      if (route.access !== 'public') {
        expect((await send()).status, 'no token').toBe(401);
        expect((await send('spk_forgedforgedforgedforgedforged')).status, 'forged token').toBe(401);
      }
      if (route.access === 'coe') {
        const before = await snapshot(w, w.a.orgId);
        expect((await send(w.a.alice.token)).status, 'advocate on a CoE route').toBe(403);
        expect(await snapshot(w, w.a.orgId)).toBe(before);
      }

      // Another organisation, both roles, aimed at A's resources.
      for (const intruder of [w.b.coe, w.b.alice]) {
        const before = await snapshot(w, w.a.orgId);
        const response = await send(intruder.token);
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        if (route.access !== 'public') {
          for (const secret of secretsOfA) expect(text, `leaks ${secret}`).not.toContain(secret);
        }
        // Enrolment with A's invite code is the one way in: it adds a member to A, by design.
        if (key(route) !== 'post /v1/enroll') expect(await snapshot(w, w.a.orgId), 'changed org A').toBe(before);
      }

      // Another member of the same organisation: Alice's personal data stays hers.
      if (route.access !== 'coe') {
        const before = await snapshot(w, w.a.orgId, w.a.alice.id);
        const response = await send(w.a.bob.token);
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toContain(w.a.alice.id);
        expect(text).not.toContain('Org A Alice');
        expect(await snapshot(w, w.a.orgId, w.a.alice.id), "changed Alice's data").toBe(before);
      }
      // A public route never says who shared.
      if (route.access === 'public') {
        const response = await send();
        const text = `${await response.text()} ${[...response.headers.values()].join(' ')}`;
        expect(text).not.toContain(w.a.alice.id);
        expect(text).not.toContain('Alice');
      }

      // The rightful caller succeeds.
      const owner = req.owner ?? (route.access === 'coe' ? w.a.coe.token : w.a.alice.token);
      const fresh = key(route) === 'post /v1/enroll' ? await fixture.prepare(w, res) : req;
      const ok = await call(w.app, route.method.toUpperCase(), pathFor(route, fresh), {
        token: route.access === 'public' ? undefined : owner,
        body: fresh.body,
        headers: { 'user-agent': 'Mozilla/5.0 Firefox/130.0' },
      });
      if (!ownerMayFail[key(route)] || (engine && key(route) !== 'post /v1/admin/policy/versions')) {
        expect(ok.status, await ok.clone().text()).toBeLessThan(400);
      } else if (engine) {
        expect(ok.status).toBe(422);
      } else {
        expect([404, 503]).toContain(ok.status);
      }
    });
  }
});
