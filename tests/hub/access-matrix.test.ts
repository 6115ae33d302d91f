// The route × role × tenant matrix, generated from the route table: for every /v1 route, no token → 401; the wrong
// role → 403; another organisation's members (CoE and advocate) aimed at this organisation's resources neither read
// nor change anything of it; another member of the same organisation neither reads nor changes a member's personal
// data; and the rightful caller succeeds (so the refusals above are not an accident of a broken request). "Anything"
// is every row of every table the database lists (information_schema), so a new table is in the snapshots at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/app';
import { type GuidelineEngine, loadEngine } from '../../server/policy-validation';
import { createInvite } from '../../server/services/invites';
import { addPolicyVersion } from '../../server/services/policy-versions';
import { type Fixture, fixtures, key, makeResources, pathFor, type Resources } from './route-fixtures';
import { backends, call, enroll, makeWorld, openTestDb, type TestDb, type World } from './support';

/** Routes whose rightful call cannot succeed in this world (documented reasons). */
const ownerMayFail: Record<string, string> = {
  'get /v1/policy': 'needs a published policy (the guideline engine)',
  'post /v1/admin/policy/versions': 'an empty pack is refused by validation (or 503 without the engine)',
  'get /v1/admin/policy/versions/:version': 'needs a policy version',
  'post /v1/admin/policy/versions/:version/publish': 'needs a policy version',
};

/** Columns that change on reads (last seen), left out of snapshots. */
const CHANGES_ON_READ = new Set(['last_seen_at']);

/** Rows of a member in tables without a `member_id` column (the others are found by it). */
const MEMBER_ROWS: Record<string, string> = {
  members: 'id = $2',
  clicks: 'code IN (SELECT code FROM links WHERE org_id = $1 AND member_id = $2)',
  invites: 'created_by = $2',
  policy_versions: 'created_by = $2',
  audit_log: '$2 IN (actor_id, subject_id)',
};

/** What a route changes by design, whoever calls it: following a link (without a browser) counts a bot click. */
const CHANGES_BY_DESIGN: Record<string, string[]> = { 'get /v1/r/:code': ['clicks'] };

/**
 * Ways into an organisation, open to whoever holds them: an invite code, or a sign-in through the organisation's IdP
 * (started, answered, redeemed). Each adds to the organisation by design, and the first caller spends it.
 */
const WAYS_IN = new Set(['post /v1/enroll', 'post /v1/sso/:org/start', 'get /v1/sso/callback', 'post /v1/sso/token']);

/** Routes whose caller acts on themself (erased, token rotated): intruders and the other member are new members. */
const ACTS_ON_CALLER = new Set(['delete /v1/me', 'post /v1/me/token']);

/**
 * Tables of the hub, not of an organisation, that change by design on requests of any tenant: the rate-limit buckets
 * (keyed by member id or a keyed hash of a client address; server/rate-limit.ts). tests/hub/limits.test.ts covers them.
 */
const HUB_WIDE = ['rate_limits'];

/**
 * Every row of the organisation (or of one member) in every table the database lists, without columns that change on
 * reads and without `skip` tables. A table the test cannot scope by organisation fails it.
 */
async function snapshot(w: World, orgId: string, memberId?: string, skip: string[] = []): Promise<string> {
  const columns = await w.db.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
      WHERE table_schema = current_schema()`,
  );
  const tables = [...new Set(columns.map((c) => c.table))]
    .sort()
    .filter((table) => !skip.includes(table) && !HUB_WIDE.includes(table));
  const has = (table: string, column: string) => columns.some((c) => c.table === table && c.column === column);
  const out: unknown[] = [];
  for (const table of tables) {
    let where: string;
    if (has(table, 'org_id')) where = 'org_id = $1';
    else if (table === 'orgs') where = 'id = $1';
    else throw new Error(`The access matrix does not know how to find an organisation's rows of ${table}.`);
    if (memberId) {
      const mine = has(table, 'member_id') ? 'member_id = $2' : MEMBER_ROWS[table];
      if (!mine) continue; // nothing of a member
      where += ` AND ${mine}`;
    }
    const rows = await w.db.query<Record<string, unknown>>(
      `SELECT * FROM "${table}" WHERE ${where}`,
      memberId ? [orgId, memberId] : [orgId],
    );
    for (const row of rows) {
      for (const column of CHANGES_ON_READ) delete row[column];
      out.push([table, row]);
    }
  }
  return JSON.stringify(out.map((x) => JSON.stringify(x)).sort());
}

/** A new member of an organisation, for routes that act on their caller. */
async function newMember(w: World, tenant: World['a'], role: 'advocate' | 'coe', name: string) {
  const { code } = await createInvite(w.db, {
    orgId: tenant.orgId,
    businessUnitId: tenant.rootId,
    role,
    maxUses: 1,
    expiresInHours: 1,
  });
  return enroll(w.app, code, name);
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
      if (route.access === 'scim') {
        // The IdP's secret only: no device token, not even the CoE's; refused requests change nothing.
        const before = await snapshot(w, w.a.orgId);
        expect((await send('scim_forgedforgedforgedforgedforged')).status, 'forged SCIM secret').toBe(401);
        expect((await send(w.a.coe.token)).status, 'a CoE device token on a SCIM route').toBe(401);
        expect(await snapshot(w, w.a.orgId)).toBe(before);
      }
      if (route.access === 'coe') {
        const before = await snapshot(w, w.a.orgId);
        expect((await send(w.a.alice.token)).status, 'advocate on a CoE route').toBe(403);
        expect(await snapshot(w, w.a.orgId)).toBe(before);
      }

      const skip = CHANGES_BY_DESIGN[key(route)] ?? [];
      const own = ACTS_ON_CALLER.has(key(route));
      // Another organisation, both roles, aimed at A's resources.
      // SCIM routes: another organisation's IdP, with its own secret.
      const intruders =
        route.access === 'scim'
          ? (req.intruders ?? []).map((token) => ({ token }))
          : own
            ? [await newMember(w, w.b, 'coe', 'Intruder CoE'), await newMember(w, w.b, 'advocate', 'Intruder')]
            : [w.b.coe, w.b.alice];
      if (route.access === 'scim') expect(intruders.length, 'a SCIM fixture names its intruders').toBeGreaterThan(0);
      for (const intruder of intruders) {
        const before = await snapshot(w, w.a.orgId, undefined, skip);
        const response = await send(intruder.token);
        const text = await response.text();
        expect(response.status, text).toBeLessThan(500);
        if (route.access !== 'public') {
          for (const secret of secretsOfA) expect(text, `leaks ${secret}`).not.toContain(secret);
        }
        // A way in (A's invite code, a sign-in through A's IdP) adds to A, by design.
        if (!WAYS_IN.has(key(route))) {
          expect(await snapshot(w, w.a.orgId, undefined, skip), 'changed org A').toBe(before);
        }
      }

      // Another member of the same organisation: Alice's personal data stays hers.
      if (route.access !== 'coe' && route.access !== 'scim') {
        const before = await snapshot(w, w.a.orgId, w.a.alice.id, skip);
        const bob = own ? await newMember(w, w.a, 'advocate', 'Another Bob') : w.a.bob;
        const response = await send(bob.token);
        const text = await response.text();
        expect(response.status).toBeLessThan(500);
        expect(text).not.toContain(w.a.alice.id);
        expect(text).not.toContain('Org A Alice');
        expect(await snapshot(w, w.a.orgId, w.a.alice.id, skip), "changed Alice's data").toBe(before);
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
      if (route.access === 'scim') expect(req.owner, 'a SCIM fixture names its owner').toBeTruthy();
      const fresh = WAYS_IN.has(key(route)) ? await fixture.prepare(w, res) : req;
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
