// What the hub writes to its log, as an operator (or whoever reads the log after them) sees it: one JSON line per
// request with its id, method, route pattern, status and latency; errors with the id of their request. And what it
// never writes, whatever the requests carried: a draft, a device token, an invite code, a tracked link's code, a
// query string, a header.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubApp } from '../../server/app';
import { type LogLevel, loadConfig, testConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { createInvite } from '../../server/services/invites';
import { backends, call, follow, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

/** What a member might be typing: it must never reach the hub, let alone its log. */
const DRAFT = 'Confidential: our Q3 numbers are down 12% and layoffs start Monday';

interface Line {
  level: string;
  msg: string;
  reqId?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  err?: { message: string };
}

/** A hub app over `w.db` that logs into `lines` at `level`. */
function loggedHub(w: World, level: LogLevel = 'info') {
  const raw: string[] = [];
  const logger = createLogger(
    new Writable({
      write(chunk, _encoding, done) {
        raw.push(String(chunk));
        done();
      },
    }),
  );
  const app = createHubApp({ version: 'test', db: w.db, config: testConfig({ logLevel: level }), logger });
  const text = () => raw.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Line);
  return { app, text, lines };
}

describe.each(backends)('the hub log on %s', (backend) => {
  let t: TestDb;
  let w: World;

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('writes one line per request, and no draft, token, invite code, link code or query string', async () => {
    const hub = loggedHub(w);
    const secrets: string[] = [DRAFT, w.a.coe.token, w.a.alice.token];
    const answers: Response[] = [];
    const send = async (answer: Promise<Response>) => {
      const res = await answer;
      answers.push(res);
      return res;
    };

    // Enrolment with an invite code (and a wrong one), both in the body.
    const { code } = await createInvite(w.db, {
      orgId: w.a.orgId,
      businessUnitId: w.a.rootId,
      role: 'advocate',
      maxUses: 1,
      expiresInHours: 1,
    });
    secrets.push(code, code.replace(/-/g, ''));
    const enrolled = await send(
      call(hub.app, 'POST', '/v1/enroll', { body: { inviteCode: code, displayName: 'Logged Member' } }),
    );
    expect(enrolled.status).toBe(201);
    const token = ((await enrolled.clone().json()) as { token: string }).token;
    secrets.push(token);
    const wrongCode = 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ';
    secrets.push(wrongCode);
    expect(
      (await send(call(hub.app, 'POST', '/v1/enroll', { body: { inviteCode: wrongCode, displayName: 'X' } }))).status,
    ).toBe(404);

    // A bearer token that works, one that does not, and one sent as the request id.
    const forged = 'spk_forgedforgedforgedforgedforgedforgedforg';
    secrets.push(forged);
    expect((await send(call(hub.app, 'GET', '/v1/me', { token }))).status).toBe(200);
    expect((await send(call(hub.app, 'GET', '/v1/me', { token: forged }))).status).toBe(401);

    // Events whose props look like text: refused one by one (200), and a batch that is not JSON at all (400).
    const batch = await send(
      call(hub.app, 'POST', '/v1/events', {
        token,
        headers: { 'idempotency-key': 'log-test-batch' },
        body: {
          sentAt: new Date().toISOString(),
          events: [
            makeEvent({ type: 'share_started', props: { text: DRAFT } }),
            makeEvent({ type: 'suggestion_shown', props: { count: 1, draft: DRAFT } }),
            makeEvent({ type: 'suggestion_shown', props: { count: 1 } }),
          ],
        },
      }),
    );
    expect(batch.status).toBe(200);
    expect(((await batch.clone().json()) as { rejected: number }).rejected).toBe(2);
    expect(
      (
        await send(
          call(hub.app, 'POST', '/v1/events', {
            token,
            body: `{"sentAt": "${DRAFT}", "events": [`,
          }),
        )
      ).status,
    ).toBe(400);

    // A draft in a body the hub refuses, and in a request id (not a safe one: replaced).
    expect(
      (await send(call(hub.app, 'PATCH', '/v1/me', { token, body: { displayName: DRAFT.repeat(5), note: DRAFT } })))
        .status,
    ).toBe(400);
    const draftId = await send(call(hub.app, 'GET', '/healthz', { headers: { 'x-request-id': DRAFT } }));
    expect(draftId.headers.get('x-request-id')).not.toContain('Confidential');

    // A tracked link followed, and one that does not exist.
    const created = await call(hub.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Item', url: 'https://example.com/item', variants: { linkedin: { text: 'Read' } } },
    });
    const contentId = ((await created.json()) as { id: string }).id;
    await call(hub.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
    const link = await send(call(hub.app, 'POST', '/v1/links', { token, body: { contentId, network: 'linkedin' } }));
    const linkCode = ((await link.clone().json()) as { code: string }).code;
    secrets.push(linkCode, contentId);
    expect((await send(follow(hub.app, linkCode, { ip: '203.0.113.7' }))).status).toBe(302);
    const missing = 'NoSuchLinkCode42';
    secrets.push(missing);
    expect((await send(follow(hub.app, missing, { ip: '203.0.113.7' }))).status).toBe(404);

    // A query string with a cursor (not one the hub gave: refused), and a path that names no route.
    const cursor = 'c3VwZXItc2VjcmV0LWN1cnNvcg';
    secrets.push(cursor);
    expect((await send(call(hub.app, 'GET', `/v1/me/export?cursor=${cursor}`, { token }))).status).toBe(400);
    const unrouted = 'no-route-here-d41d8cd9';
    secrets.push(unrouted);
    expect((await send(call(hub.app, 'GET', `/v1/${unrouted}`, { token }))).status).toBe(404);

    const text = hub.text();
    for (const secret of secrets) expect(text, `the log holds ${secret}`).not.toContain(secret);
    expect(text).not.toContain('Confidential');
    expect(text.toLowerCase()).not.toContain('bearer');
    expect(text).not.toContain('?');

    // One line per request, each answered with the id its line carries.
    const requests = hub.lines().filter((line) => line.msg === 'request');
    expect(requests.map((line) => line.reqId)).toEqual(
      expect.arrayContaining(answers.map((res) => res.headers.get('x-request-id'))),
    );
    for (const res of answers) {
      const line = requests.find((l) => l.reqId === res.headers.get('x-request-id'));
      expect(line?.status).toBe(res.status);
      expect(line?.ms).toBeGreaterThanOrEqual(0);
    }
    const routes = requests.map((line) => `${line.method} ${line.route} ${line.status}`);
    expect(routes).toContain('POST /v1/enroll 201');
    expect(routes).toContain('GET /v1/r/:code 302');
    expect(routes).toContain('GET /v1/r/:code 404');
    expect(routes).toContain('POST /v1/events 200');
    expect(routes).toContain('GET /v1/me/export 400');
    expect(routes).toContain('GET unmatched 404');
  });

  it('keeps a safe X-Request-Id a proxy sent, and replaces a long or unsafe one', async () => {
    const hub = loggedHub(w);
    const kept = await hub.app.request('/healthz', { headers: { 'x-request-id': 'edge-7f3a-42' } });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a-42');
    for (const unsafe of ['a'.repeat(65), 'id with spaces', 'id"},{"level":"fatal', 'ïd']) {
      const replaced = await hub.app.request('/healthz', { headers: { 'x-request-id': unsafe } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(hub.lines().map((line) => line.reqId)).toContain('edge-7f3a-42');
    expect(hub.text()).not.toContain('spaces');
  });

  it('logs a failed request with its request id, at the level asked for', async () => {
    const broken = await openTestDb(backend);
    const world = { ...w, db: broken.db };
    const hub = loggedHub(world);
    const quiet = loggedHub(world, 'error');
    await broken.drop();
    const failed = await call(hub.app, 'GET', '/v1/me', { token: w.a.alice.token });
    expect([500, 503]).toContain(failed.status);
    const id = failed.headers.get('x-request-id');
    const lines = hub.lines().filter((line) => line.reqId === id);
    expect(lines.map((line) => line.msg)).toEqual([
      failed.status === 503 ? 'the database is unavailable' : 'request failed',
      'request',
    ]);
    expect(lines[0]).toMatchObject({ level: failed.status === 503 ? 'warn' : 'error', route: '/v1/me' });
    expect(lines[0]?.err?.message).toBeTruthy();
    expect(hub.text()).not.toContain(w.a.alice.token);

    // At LOG_LEVEL=error, a request answered is not logged; an error still is.
    await call(quiet.app, 'GET', '/healthz');
    await call(quiet.app, 'GET', '/v1/me', { token: w.a.alice.token });
    const levels = quiet.lines().map((line) => line.level);
    expect(levels).not.toContain('info');
    if (failed.status === 500) expect(levels).toEqual(['error']);
  });
});

describe('LOG_LEVEL', () => {
  it('takes the names of the levels, and refuses anything else', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
