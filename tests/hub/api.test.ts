// The hub's API end to end through app.request, on every backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsResponseSchema,
  EventBatchResponseSchema,
  LibraryResponseSchema,
  MeExportPageSchema,
  ReachResponseSchema,
} from '../../lib/contract/hub';
import { routeTable } from '../../server/app';
import { backends, call, enroll, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

describe.each(backends)('hub API on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  const createItem = async (body: Record<string, unknown> = {}) => {
    const res = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: {
        title: 'Launch',
        url: 'https://example.com/launch',
        variants: { linkedin: { text: 'We launched.' }, x: { text: 'Launched!' } },
        ...body,
      },
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; version: number };
  };

  it('enrols with an invite code, answers /me, refuses a used-up or unknown code', async () => {
    const me = await call(w.app, 'GET', '/v1/me', { token: w.a.alice.token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ displayName: 'Org A Alice', role: 'advocate' });
    const bad = await call(w.app, 'POST', '/v1/enroll', {
      body: { inviteCode: 'AAAAA-BBBBB-CCCCC', displayName: 'X' },
    });
    expect(bad.status).toBe(404);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const invalid = await call(w.app, 'POST', '/v1/enroll', { body: { inviteCode: 'x', displayName: '' } });
    expect(invalid.status).toBe(400);
    const problem = (await invalid.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['body.inviteCode', 'body.displayName']));
  });

  it('single-use invites work once', async () => {
    const res = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Sales, maxUses: 1 },
    });
    expect(res.status).toBe(201);
    const { code } = (await res.json()) as { code: string };
    await enroll(w.app, code, 'Carol');
    const again = await call(w.app, 'POST', '/v1/enroll', { body: { inviteCode: code, displayName: 'Dan' } });
    expect(again.status).toBe(404);
  });

  it('rejects missing and wrong tokens with 401', async () => {
    expect((await call(w.app, 'GET', '/v1/me')).status).toBe(401);
    expect((await call(w.app, 'GET', '/v1/me', { token: 'spk_notarealtokenatallxxxxxxxxxxxx' })).status).toBe(401);
  });

  it('serves the library as a full list, then deltas with tombstones and ETag', async () => {
    const item = await createItem();
    const targeted = await createItem({ title: 'Sales only', businessUnitIds: [w.a.units.Sales] });
    let res = await call(w.app, 'GET', '/v1/library', { token: w.a.alice.token });
    let lib = LibraryResponseSchema.parse(await res.json());
    expect(lib.items.find((i) => i.id === item.id)).toBeUndefined(); // a draft
    for (const id of [item.id, targeted.id]) {
      expect(
        (await call(w.app, 'POST', `/v1/admin/content/${id}/publish`, { token: w.a.coe.token, body: {} })).status,
      ).toBe(200);
    }
    res = await call(w.app, 'GET', '/v1/library', { token: w.a.alice.token });
    const etag = res.headers.get('etag') ?? '';
    lib = LibraryResponseSchema.parse(await res.json());
    expect(lib.full).toBe(true);
    expect(lib.items.map((i) => i.id)).toContain(item.id);
    expect(lib.items.map((i) => i.id)).not.toContain(targeted.id); // Alice is in Engineering
    const bobLib = LibraryResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/library', { token: w.a.bob.token })).json(),
    );
    expect(bobLib.items.map((i) => i.id)).toContain(targeted.id);
    const same = await call(w.app, 'GET', '/v1/library', {
      token: w.a.alice.token,
      headers: { 'if-none-match': etag },
    });
    expect(same.status).toBe(304);
    // Another org never sees it.
    const other = LibraryResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/library', { token: w.b.alice.token })).json(),
    );
    expect(other.items.map((i) => i.id)).not.toContain(item.id);
    // Archive → tombstone in the delta.
    await call(w.app, 'POST', `/v1/admin/content/${item.id}/archive`, { token: w.a.coe.token, body: {} });
    const delta = LibraryResponseSchema.parse(
      await (await call(w.app, 'GET', `/v1/library?since=${lib.cursor}`, { token: w.a.alice.token })).json(),
    );
    expect(delta.full).toBe(false);
    expect(delta.tombstones).toContainEqual({ id: item.id });
    expect(delta.items).toEqual([]);
  });

  it('keeps every tenant table scoped by organisation', async () => {
    // Not tenant tables: the tenants themselves, and the hub-wide rate-limit buckets (server/rate-limit.ts).
    const rows = await w.db.query<{ table_name: string }>(
      `SELECT t.table_name FROM information_schema.tables t
        WHERE t.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND t.table_name NOT IN ('orgs', 'rate_limits')
          AND NOT EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema
                            AND c.table_name = t.table_name AND c.column_name = 'org_id')`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });

  it('leaves expired items out of the library', async () => {
    const item = await createItem({
      title: 'Expired',
      expiresAt: '2020-01-02T00:00:00Z',
      startsAt: '2020-01-01T00:00:00Z',
    });
    await call(w.app, 'POST', `/v1/admin/content/${item.id}/publish`, { token: w.a.coe.token, body: {} });
    const lib = LibraryResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/library', { token: w.a.alice.token })).json(),
    );
    expect(lib.items.map((i) => i.id)).not.toContain(item.id);
  });

  it('edits content with optimistic concurrency', async () => {
    const item = await createItem();
    const ok = await call(w.app, 'PATCH', `/v1/admin/content/${item.id}`, {
      token: w.a.coe.token,
      body: { title: 'Launch 2', expectedVersion: 1 },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ title: 'Launch 2', version: 2 });
    const stale = await call(w.app, 'PATCH', `/v1/admin/content/${item.id}`, {
      token: w.a.coe.token,
      body: { title: 'Launch 3', expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
  });

  it('ingests events idempotently with per-event results', async () => {
    const events = [
      makeEvent(),
      makeEvent({ type: 'rule_triggered', props: { ruleId: 'no-secrets', severity: 'critical', count: 2 } }),
      { ...makeEvent(), props: { postKind: 'post', text: 'my draft' } },
    ];
    const body = { sentAt: new Date().toISOString(), events };
    const key = crypto.randomUUID();
    const first = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(200);
    const r1 = EventBatchResponseSchema.parse(await first.json());
    expect(r1.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    const rejected = r1.results[2];
    expect(rejected?.status === 'rejected' && rejected.path).toBe('events.2.props');
    // Same key, same body: the first answer again.
    const replay = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body,
      headers: { 'idempotency-key': key },
    });
    expect(EventBatchResponseSchema.parse(await replay.json())).toEqual(r1);
    // Same key, other body: 422.
    const other = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: { ...body, events: [makeEvent()] },
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    // No key: duplicates by event id.
    const again = await call(w.app, 'POST', '/v1/events', { token: w.a.alice.token, body });
    expect(EventBatchResponseSchema.parse(await again.json()).results.map((r) => r.status)).toEqual([
      'duplicate',
      'duplicate',
      'rejected',
    ]);
    // Another org may use the same event ids: its own events.
    const b = await call(w.app, 'POST', '/v1/events', { token: w.b.alice.token, body });
    expect(EventBatchResponseSchema.parse(await b.json()).accepted).toBe(2);
  });

  it('refuses oversized and malformed batches', async () => {
    const events = Array.from({ length: 501 }, () => makeEvent());
    const tooMany = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: { sentAt: new Date().toISOString(), events },
    });
    expect(tooMany.status).toBe(400);
    const huge = await call(w.app, 'POST', '/v1/events', {
      token: w.a.alice.token,
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: [makeEvent()], pad: 'x'.repeat(600 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const notJson = await call(w.app, 'POST', '/v1/events', { token: w.a.alice.token, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('tracks links: 302 without the sharer, counts unique human clicks, filters bots', async () => {
    const item = await createItem();
    await call(w.app, 'POST', `/v1/admin/content/${item.id}/publish`, { token: w.a.coe.token, body: {} });
    const res = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId: item.id, network: 'x' },
    });
    expect(res.status).toBe(201);
    const link = (await res.json()) as { code: string; url: string; destination: string };
    expect(link.destination).toContain('utm_source=x');
    expect(link.destination).not.toContain(w.a.alice.id);
    const same = (await (
      await call(w.app, 'POST', '/v1/links', { token: w.a.alice.token, body: { contentId: item.id, network: 'x' } })
    ).json()) as { code: string };
    expect(same.code).toBe(link.code);
    // Another org cannot make a link to it.
    expect(
      (await call(w.app, 'POST', '/v1/links', { token: w.b.alice.token, body: { contentId: item.id, network: 'x' } }))
        .status,
    ).toBe(404);
    const human = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0' };
    const go = await w.app.request(`/v1/r/${link.code}`, { headers: human });
    expect(go.status).toBe(302);
    expect(go.headers.get('location')).toBe(link.destination);
    await w.app.request(`/v1/r/${link.code}`, { headers: human });
    await w.app.request(`/v1/r/${link.code}`, { headers: { 'user-agent': 'LinkedInBot/1.0' } });
    expect((await w.app.request('/v1/r/doesnotexist')).status).toBe(404);
    const reach = ReachResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/me/reach', { token: w.a.alice.token })).json(),
    );
    expect(reach.totals.clicks).toBe(1);
  });

  it('reports reach, leaderboard and analytics', async () => {
    const item = await createItem();
    await call(w.app, 'POST', `/v1/admin/content/${item.id}/publish`, { token: w.a.coe.token, body: {} });
    const events = [
      makeEvent({ contentId: item.id }),
      makeEvent({ type: 'reach_snapshot', props: { postRef: 'urn:li:activity:1', views: 100 } }),
      makeEvent({ type: 'reach_snapshot', props: { postRef: 'urn:li:activity:1', views: 150 } }),
    ];
    await call(w.app, 'POST', '/v1/events', {
      token: w.a.bob.token,
      body: { sentAt: new Date().toISOString(), events },
    });
    const reach = ReachResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/me/reach?bucket=week', { token: w.a.bob.token })).json(),
    );
    expect(reach.totals).toMatchObject({ shares: 1, views: 150 });
    await call(w.app, 'PATCH', '/v1/me', { token: w.a.bob.token, body: { leaderboardOptIn: true } });
    const board = (await (await call(w.app, 'GET', '/v1/leaderboard', { token: w.a.alice.token })).json()) as {
      members: Array<{ displayName: string }>;
      businessUnits: unknown[];
    };
    expect(board.members.map((m) => m.displayName)).toEqual(['Org A Bob']);
    const analytics = AnalyticsResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/admin/analytics', { token: w.a.coe.token })).json(),
    );
    expect(analytics.sharingMembers).toBeGreaterThanOrEqual(1);
    expect(analytics.totals.views).toBe(150);
    expect(analytics.topContent[0]?.contentId).toBe(item.id);
    expect(analytics.participationRate).toBeGreaterThan(0);
    expect(analytics.topRules.length).toBeGreaterThanOrEqual(0);
  });

  it('exports and erases the member', async () => {
    const invite = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Sales },
    });
    const erin = await enroll(w.app, ((await invite.json()) as { code: string }).code, 'Erin');
    await call(w.app, 'POST', '/v1/events', {
      token: erin.token,
      body: { sentAt: new Date().toISOString(), events: [makeEvent()] },
    });
    const exported = MeExportPageSchema.parse(
      await (await call(w.app, 'GET', '/v1/me/export', { token: erin.token })).json(),
    );
    expect(exported.next).toBeNull();
    expect(exported.tables.find((t) => t.table === 'events')?.rows).toHaveLength(1);
    const del = await call(w.app, 'DELETE', '/v1/me', { token: erin.token });
    expect(await del.json()).toMatchObject({ erased: true, events: 1 });
    expect((await call(w.app, 'GET', '/v1/me', { token: erin.token })).status).toBe(401);
    const [left] = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE member_id = $1', [
      erin.id,
    ]);
    expect(Number(left?.n)).toBe(0);
  });

  it('deactivation and token rotation', async () => {
    const invite = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.units.Sales },
    });
    const finn = await enroll(w.app, ((await invite.json()) as { code: string }).code, 'Finn');
    const rotated = await call(w.app, 'POST', '/v1/me/token', { token: finn.token, body: {} });
    const { token } = (await rotated.json()) as { token: string };
    expect((await call(w.app, 'GET', '/v1/me', { token })).status).toBe(200);
    expect((await call(w.app, 'GET', '/v1/me', { token: finn.token })).status).toBe(200); // grace period
    const off = await call(w.app, 'POST', `/v1/admin/members/${finn.id}/deactivate`, {
      token: w.a.coe.token,
      body: {},
    });
    expect(off.status).toBe(200);
    expect((await call(w.app, 'GET', '/v1/me', { token })).status).toBe(401);
  });

  it('documents every route at /v1/openapi.json', async () => {
    const res = await w.app.request('/v1/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const missing = routeTable
      .map((r) => [r.method, r.path.replace(/:([A-Za-z_]+)/g, '{$1}')] as const)
      .filter(([method, path]) => !doc.paths[path]?.[method]);
    expect(missing).toEqual([]);
    expect(doc.paths['/v1/events']?.post).toMatchObject({ requestBody: { required: true } });
    expect(doc.paths['/healthz']?.get).toBeDefined();
  });

  it('sends security headers and CORS only to configured origins', async () => {
    const allowed = await w.app.request('/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'chrome-extension://spoketestextensionid', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('chrome-extension://spoketestextensionid');
    const denied = await w.app.request('/v1/me', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const res = await w.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});
