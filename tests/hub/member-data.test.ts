// Export and erasure cover every table that holds a member's data, read from the database's own catalogue
// (information_schema) on each backend: the explicit list in server/services/member-data.ts must name every table with
// a `member_id` column and account for every column of the tables it names. A member with rows in each of those
// tables gets all of them back, page by page; after erasure (by themself, or by a CoE member once they left) no table
// holds their id, name or link code, except the audit log's record that the erasure happened. A batch, a new link or
// a click in flight during the erasure leaves nothing behind either.
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_TABLES, type MeExportPage, MeExportPageSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';
import type { Database } from '../../server/db';
import { MEMBER_LOCK_CLASS } from '../../server/member-lock';
import { loadEngine } from '../../server/policy-validation';
import { createInvite } from '../../server/services/invites';
import { MEMBER_TABLES, type MemberTable, TABLES_WITHOUT_MEMBER_DATA } from '../../server/services/member-data';
import { addPolicyVersion } from '../../server/services/policy-versions';
import {
  backends,
  call,
  enroll,
  type Member,
  makeEvent,
  makeWorld,
  openTestDb,
  type TestDb,
  type World,
} from './support';

interface Column {
  table: string;
  column: string;
  type: string;
}

/** Every column of every table, as the database itself lists them. */
async function catalogue(db: Database): Promise<Column[]> {
  return db.query<Column>(
    `SELECT table_name AS table, column_name AS column, data_type AS type FROM information_schema.columns
      WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0' };

/** Where a value appears: `table.column` for every column (ids, text, JSON, arrays) holding it. */
async function whereItAppears(db: Database, value: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column, type } of await catalogue(db)) {
    const holds =
      type === 'uuid' || type === 'text'
        ? `"${column}"::text = $1`
        : type === 'jsonb' || type === 'ARRAY'
          ? `strpos("${column}"::text, $1) > 0`
          : null;
    if (!holds) continue;
    const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${holds}`, [value]);
    if (Number(row?.n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

/** The member's rows per export table, counted straight from the tables (not through the export's own queries). */
async function countsOf(db: Database, memberId: string): Promise<Record<string, number>> {
  const withMemberId = new Set((await catalogue(db)).filter((c) => c.column === 'member_id').map((c) => c.table));
  const other: Record<string, string> = {
    members: 'SELECT count(*)::int AS n FROM members WHERE id = $1',
    clicks: `SELECT count(DISTINCT (c.code, c.day, c.bot))::int AS n FROM clicks c
              WHERE c.code IN (SELECT code FROM links WHERE member_id = $1)`,
    invites: 'SELECT count(*)::int AS n FROM invites WHERE created_by = $1',
    policy_versions: 'SELECT count(*)::int AS n FROM policy_versions WHERE created_by = $1',
  };
  const counts: Record<string, number> = {};
  for (const name of EXPORT_TABLES) {
    const { table } = MEMBER_TABLES[name] as MemberTable;
    const query = withMemberId.has(table)
      ? `SELECT count(*)::int AS n FROM ${table} WHERE member_id = $1`
      : other[table];
    if (!query) throw new Error(`Say here how to count a member's rows of ${table}.`);
    const [row] = await db.query<{ n: number }>(query, [memberId]);
    counts[name] = Number(row?.n);
  }
  return counts;
}

/** Every page of the member's export, through the API, and its rows per table. */
async function exportAll(app: World['app'], token: string) {
  const pages: MeExportPage[] = [];
  let cursor: string | null = null;
  do {
    const response = await call(app, 'GET', `/v1/me/export${cursor ? `?cursor=${cursor}` : ''}`, { token });
    expect(response.status, await response.clone().text()).toBe(200);
    const page = MeExportPageSchema.parse(await response.json());
    pages.push(page);
    cursor = page.next;
  } while (cursor);
  const tables: Record<string, Array<Record<string, unknown>>> = {};
  for (const page of pages) {
    for (const t of page.tables) tables[t.table] = [...(tables[t.table] ?? []), ...t.rows];
  }
  return { pages, tables };
}

interface Seeded extends Member {
  name: string;
  code: string;
}

/**
 * A CoE member with rows in every table of the export: an identity at the IdP, an invite and a policy version they made, a tracked link
 * with a click, a share with its reach, a rule fired and judged, a coverage signal (under an idempotency key), and
 * 1,100 more events so that the export takes several pages.
 */
async function memberWithEverything(w: World, name: string): Promise<Seeded> {
  const { code: invite } = await createInvite(w.db, {
    orgId: w.a.orgId,
    businessUnitId: w.a.rootId,
    role: 'coe',
    maxUses: 1,
    expiresInHours: 1,
  });
  const member = await enroll(w.app, invite, name);
  const token = member.token;
  // Who they are at the organisation's IdP, as a sign-in (tests/hub/sso.test.ts) or provisioning leaves it.
  await w.db.query(
    `INSERT INTO member_identities (id, org_id, member_id, issuer, subject, user_name, last_sign_in_at)
     VALUES (gen_random_uuid(), $1, $2, 'https://idp.example.test', $3, $4, now())`,
    [w.a.orgId, member.id, `subject-of-${member.id}`, `${name.replace(/\W+/g, '.')}@a.test`],
  );
  const ok = async (response: Promise<Response>) => {
    const answer = await response;
    expect(answer.status, await answer.clone().text()).toBeLessThan(300);
    return (await answer.json()) as Record<string, unknown>;
  };
  await ok(call(w.app, 'POST', '/v1/admin/invites', { token, body: { businessUnitId: w.a.units.Sales } }));
  const engine = await loadEngine();
  if (!engine) throw new Error('The guideline engine is needed to store a policy version.');
  await addPolicyVersion(w.db, w.a.orgId, engine.defaultPacks.core, {}, false, member.id);
  const item = await ok(
    call(w.app, 'POST', '/v1/admin/content', {
      token,
      body: { title: 'Launch', url: 'https://example.com/launch', variants: { linkedin: { text: 'We launched.' } } },
    }),
  );
  const contentId = item.id as string;
  await ok(call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token, body: {} }));
  const link = await ok(call(w.app, 'POST', '/v1/links', { token, body: { contentId, network: 'linkedin' } }));
  const code = link.code as string;
  expect((await call(w.app, 'GET', `/v1/r/${code}`, { headers: BROWSER })).status).toBe(302);
  const postRef = `urn:li:activity:${member.id.slice(0, 8)}`;
  await ok(
    call(w.app, 'POST', '/v1/events', {
      token,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: {
        sentAt: new Date().toISOString(),
        events: [
          makeEvent({ contentId, props: { postKind: 'post', postRef, linkCode: code } }),
          makeEvent({ type: 'reach_snapshot', contentId, props: { postRef, linkCode: code, views: 40, reactions: 2 } }),
          makeEvent({ type: 'rule_triggered', props: { ruleId: 'erasure.rule', severity: 'warning', count: 2 } }),
          makeEvent({ type: 'guideline_feedback', props: { ruleId: 'erasure.rule', verdict: 'not_helpful' } }),
          makeEvent({
            type: 'coverage',
            props: { kind: 'editor_unrecognised', surface: 'unknown', count: 1, sitePack: 'builtin-1' },
          }),
        ],
      },
    }),
  );
  for (let batch = 0; batch < 3; batch++) {
    const events = Array.from({ length: batch < 2 ? 500 : 100 }, () =>
      makeEvent({ type: 'suggestion_shown', props: { count: 1 } }),
    );
    await ok(call(w.app, 'POST', '/v1/events', { token, body: { sentAt: new Date().toISOString(), events } }));
  }
  return { ...member, name, code };
}

/** What of the member is left anywhere: their id, name and link code, outside the audit log. */
async function leftOf(db: Database, member: Seeded): Promise<string[]> {
  const found = [
    ...(await whereItAppears(db, member.id)),
    ...(await whereItAppears(db, member.name)),
    ...(await whereItAppears(db, member.code)),
  ];
  return found.filter((place) => !place.startsWith('audit_log.'));
}

describe.each(backends)('member data on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('lists every table with a member_id column, and every column of the tables it lists', async () => {
    const columns = await catalogue(w.db);
    const tables = [...new Set(columns.map((c) => c.table))].sort();
    const listed = Object.values(MEMBER_TABLES).map((spec: MemberTable) => spec.table);
    // Every table is in one list or the other, and a table with member_id in the member list.
    expect(tables.filter((table) => !listed.includes(table) && !(table in TABLES_WITHOUT_MEMBER_DATA))).toEqual([]);
    const withMemberId = columns.filter((c) => c.column === 'member_id').map((c) => c.table);
    expect(withMemberId.filter((table) => !listed.includes(table))).toEqual([]);
    expect(listed.filter((table) => !tables.includes(table))).toEqual([]);
    // Every column of a listed table is exported or withheld with a reason, and nothing else is named.
    for (const spec of Object.values(MEMBER_TABLES) as MemberTable[]) {
      const actual = columns.filter((c) => c.table === spec.table).map((c) => c.column);
      const named = [...spec.exported, ...Object.keys(spec.withheld)];
      expect(named.sort(), spec.table).toEqual([...actual].sort());
      expect(new Set(named).size, `${spec.table} names a column twice`).toBe(named.length);
      for (const reason of Object.values(spec.withheld)) expect(reason.length).toBeGreaterThan(2);
      for (const [column] of spec.key)
        expect(spec.exported, `${spec.table} pages by an exported column`).toContain(column);
    }
  });

  it('exports every row of every table that holds the member, page by page, and nothing withheld', async () => {
    const cora = await memberWithEverything(w, 'Cora Everything');
    const counts = await countsOf(w.db, cora.id);
    // The member has rows in every table (so that each is really exported, not just listed).
    expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
    const { pages, tables } = await exportAll(w.app, cora.token);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)?.next).toBeNull();
    expect(Object.keys(tables)).toEqual(EXPORT_TABLES);
    for (const name of EXPORT_TABLES) {
      const spec = MEMBER_TABLES[name] as MemberTable;
      const rows = tables[name] ?? [];
      expect(rows.length, name).toBe(counts[name]);
      // Each row once, in key order across pages.
      const keys = rows.map((row) => JSON.stringify(spec.key.map(([column]) => row[camel(column)])));
      expect(new Set(keys).size, `${name}: a row twice`).toBe(rows.length);
      for (const row of rows) {
        for (const column of spec.exported) expect(row, `${name}.${column}`).toHaveProperty(camel(column));
        for (const column of Object.keys(spec.withheld)) expect(row).not.toHaveProperty(camel(column));
      }
    }
    const events = tables.events ?? [];
    const times = events.map((e) => `${e.occurredAt}`);
    expect(times).toEqual([...times].sort((a, b) => Date.parse(a) - Date.parse(b)));
    const text = JSON.stringify(pages);
    expect(text).not.toContain(cora.token);
    const [device] = await w.db.query<{ token_hash: string }>('SELECT token_hash FROM devices WHERE member_id = $1', [
      cora.id,
    ]);
    expect(text).not.toContain(device?.token_hash);
  }, 120_000);

  it('refuses a cursor it did not give out', async () => {
    const forged = Buffer.from(JSON.stringify({ table: 'events', after: ['yesterday', 'x'] })).toString('base64url');
    for (const cursor of [
      forged,
      'bm90IGpzb24',
      Buffer.from('{"table":"secrets","after":null}').toString('base64url'),
    ]) {
      const response = await call(w.app, 'GET', `/v1/me/export?cursor=${cursor}`, { token: w.a.alice.token });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('query.cursor');
    }
  });

  it('erases the member from every table; the audit log says only that it happened', async () => {
    const erin = await memberWithEverything(w, 'Erin Erased');
    const before = await countsOf(w.db, erin.id);
    expect(await leftOf(w.db, erin)).not.toEqual([]);
    // Postgres keeps the rate buckets in the database, named by the member (PGlite keeps them in memory).
    const buckets = () =>
      w.db.kind === 'postgres'
        ? w.db.query<{ key: string }>('SELECT key FROM rate_limits WHERE key LIKE $1', [`%${erin.id}`])
        : Promise.resolve([{ key: 'in memory' }]);
    expect((await buckets()).length).toBeGreaterThan(0);
    const erased = await call(w.app, 'DELETE', '/v1/me', { token: erin.token });
    expect(await erased.json()).toEqual({ erased: true, events: before.events, links: before.links });
    expect(await leftOf(w.db, erin)).toEqual([]);
    if (w.db.kind === 'postgres') expect(await buckets()).toEqual([]);
    expect(Object.values(await countsOf(w.db, erin.id)).every((n) => n === 0)).toBe(true);
    expect((await call(w.app, 'GET', '/v1/me/export', { token: erin.token })).status).toBe(401);
    const audit = await w.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE subject_id = $1', [erin.id]);
    expect(audit).toHaveLength(1);
    expect(Object.keys(audit[0] ?? {}).sort()).toEqual(['action', 'actor_id', 'at', 'id', 'org_id', 'subject_id']);
    expect(audit[0]).toMatchObject({ action: 'member_erased', actor_id: erin.id, org_id: w.a.orgId });
  }, 120_000);

  it('lets a CoE member erase a leaver, who can no longer export or erase themself', async () => {
    const lee = await memberWithEverything(w, 'Lee Leaver');
    const coe = w.a.coe.token;
    const off = await call(w.app, 'POST', `/v1/admin/members/${lee.id}/deactivate`, { token: coe, body: {} });
    expect(off.status).toBe(200);
    expect((await call(w.app, 'GET', '/v1/me/export', { token: lee.token })).status).toBe(401);
    expect((await call(w.app, 'DELETE', '/v1/me', { token: lee.token })).status).toBe(401);
    // Another organisation's CoE cannot; nor can a CoE member erase themself this way.
    const path = `/v1/admin/members/${lee.id}/erase`;
    expect((await call(w.app, 'POST', path, { token: w.b.coe.token, body: {} })).status).toBe(404);
    const self = await call(w.app, 'POST', `/v1/admin/members/${w.a.coe.id}/erase`, { token: coe, body: {} });
    expect(self.status).toBe(409);
    const before = await countsOf(w.db, lee.id);
    const erased = await call(w.app, 'POST', path, { token: coe, body: {} });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ erased: true, events: before.events, links: before.links });
    expect(await leftOf(w.db, lee)).toEqual([]);
    const audit = await w.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE subject_id = $1', [lee.id]);
    expect(audit).toEqual([
      {
        id: expect.any(String),
        org_id: w.a.orgId,
        action: 'member_erased',
        actor_id: w.a.coe.id,
        subject_id: lee.id,
        at: expect.anything(),
      },
    ]);
    expect((await call(w.app, 'POST', path, { token: coe, body: {} })).status).toBe(404);
  }, 120_000);

  it('refuses a write with a token another hub instance still has cached, once the member is erased', async () => {
    const cached = createHubApp({ version: 'test', db: w.db, config: { ...w.config, authCacheSeconds: 3600 } });
    const fay = await memberWithEverything(w, 'Fay Cached');
    const batch = () => ({ sentAt: new Date().toISOString(), events: [makeEvent()] });
    expect((await call(cached, 'POST', '/v1/events', { token: fay.token, body: batch() })).status).toBe(200);
    expect((await call(w.app, 'DELETE', '/v1/me', { token: fay.token })).status).toBe(200);
    const late = await call(cached, 'POST', '/v1/events', { token: fay.token, body: batch() });
    expect(late.status).toBe(401);
    expect((await call(cached, 'GET', '/v1/me', { token: fay.token })).status).toBe(401);
    expect(await leftOf(w.db, fay)).toEqual([]);
  }, 120_000);

  it('leaves nothing of a batch sent while the member is being erased', async () => {
    for (const first of ['batch', 'erasure'] as const) {
      const gus = await memberWithEverything(w, `Gus ${first} first`);
      const send = () =>
        call(w.app, 'POST', '/v1/events', {
          token: gus.token,
          body: { sentAt: new Date().toISOString(), events: [makeEvent(), makeEvent({ type: 'share_cancelled' })] },
        });
      const erase = () => call(w.app, 'DELETE', '/v1/me', { token: gus.token });
      const [batch, erased] =
        first === 'batch' ? await Promise.all([send(), erase()]) : (await Promise.all([erase(), send()])).reverse();
      expect(erased?.status).toBe(200);
      // Stored before the erasure (and erased with the rest), or refused after it: never stored after it.
      expect([200, 401]).toContain(batch?.status);
      expect(await leftOf(w.db, gus)).toEqual([]);
    }
  }, 240_000);

  it.runIf(backend === 'postgres')(
    'serialises writers and the erasure on the member lock, in either order',
    async () => {
      const holder = postgres(t.url as string, { max: 1, onnotice: () => {} });
      // Until n requests wait for the lock; one that answers first did not wait for it (the test fails there).
      const waiting = async (n: number, ...requests: Array<Promise<Response>>) => {
        let answered = false;
        for (const request of requests)
          void request.then(
            () => (answered = true),
            () => (answered = true),
          );
        for (;;) {
          if (answered) throw new Error('A request answered without waiting for the member lock.');
          const [row] = await holder<Array<{ n: number }>>`
            SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND NOT granted
               AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
          if (Number(row?.n) >= n) return;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      };
      try {
        // A batch that got the lock first is stored, then erased with the rest.
        const hal = await memberWithEverything(w, 'Hal Inflight');
        await holder`SELECT pg_advisory_lock(${MEMBER_LOCK_CLASS}, hashtext(${hal.id}::text))`;
        const batch = call(w.app, 'POST', '/v1/events', {
          token: hal.token,
          body: { sentAt: new Date().toISOString(), events: [makeEvent(), makeEvent()] },
        });
        await waiting(1, batch);
        const erase = call(w.app, 'DELETE', '/v1/me', { token: hal.token });
        await waiting(2, batch, erase);
        await holder`SELECT pg_advisory_unlock(${MEMBER_LOCK_CLASS}, hashtext(${hal.id}::text))`;
        const stored = await batch;
        expect(stored.status).toBe(200);
        expect(await stored.json()).toMatchObject({ accepted: 2 });
        expect((await erase).status).toBe(200);
        expect(await leftOf(w.db, hal)).toEqual([]);

        // Writers that get the lock after the erasure find no member: the batch and the new link are refused, the
        // click still redirects and counts nothing.
        const ivy = await memberWithEverything(w, 'Ivy Late');
        const [item] = await w.db.query<{ id: string }>(
          "SELECT id FROM content_items WHERE org_id = $1 AND status = 'published' LIMIT 1",
          [w.a.orgId],
        );
        await holder`SELECT pg_advisory_lock(${MEMBER_LOCK_CLASS}, hashtext(${ivy.id}::text))`;
        const erasure = call(w.app, 'DELETE', '/v1/me', { token: ivy.token });
        await waiting(1, erasure);
        const late = call(w.app, 'POST', '/v1/events', {
          token: ivy.token,
          body: { sentAt: new Date().toISOString(), events: [makeEvent()] },
        });
        const link = call(w.app, 'POST', '/v1/links', {
          token: ivy.token,
          body: { contentId: item?.id, network: 'x' },
        });
        const click = call(w.app, 'GET', `/v1/r/${ivy.code}`, { headers: BROWSER });
        await waiting(4, erasure, late, link, click);
        await holder`SELECT pg_advisory_unlock(${MEMBER_LOCK_CLASS}, hashtext(${ivy.id}::text))`;
        expect((await erasure).status).toBe(200);
        expect((await late).status).toBe(401);
        expect((await link).status).toBe(401);
        expect((await click).status).toBe(302);
        expect(await leftOf(w.db, ivy)).toEqual([]);
      } finally {
        await holder.end();
      }
    },
    240_000,
  );

  it('takes the erased member out of the rule and coverage roll-ups, which keep no member', async () => {
    const totals = async () =>
      JSON.stringify(
        await w.db.query(
          `SELECT (SELECT coalesce(sum(triggered), 0) + coalesce(sum(not_helpful), 0) FROM rule_rollups)::int AS rules,
                  (SELECT coalesce(sum(count), 0) FROM coverage_rollups)::int AS coverage`,
        ),
      );
    const before = await totals();
    const jo = await memberWithEverything(w, 'Jo Counted');
    expect(await totals()).not.toBe(before);
    expect((await call(w.app, 'DELETE', '/v1/me', { token: jo.token })).status).toBe(200);
    expect(await totals()).toBe(before);
  }, 120_000);
});
