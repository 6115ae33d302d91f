// Every refusal is a problem document with a machine-readable `code` (lib/contract/errors.ts): from the status by
// default, `idempotency-key-reused` for a key sent again with another batch, `policy-rejected` for a refused policy.
// Also: media types and repeated query keys are taken as before the hub moved onto OpenAPIHono.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubErrorCodeSchema } from '../../lib/contract/errors';
import { ProblemSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { backends, call, makeEvent, makeWorld, openTestDb, type TestDb, type World } from './support';

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  const problem = ProblemSchema.parse(await response.json());
  expect(HubErrorCodeSchema.safeParse(problem.code).success, String(problem.code)).toBe(true);
  return problem;
}

describe.each(backends)('problem codes on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('names the reason of each refusal', async () => {
    const coe = w.a.coe.token;
    const expectations: Array<[Promise<Response>, number, string]> = [
      [call(w.app, 'GET', '/v1/me'), 401, 'unauthenticated'],
      [call(w.app, 'GET', '/v1/admin/members', { token: w.a.alice.token }), 403, 'forbidden'],
      [call(w.app, 'GET', '/v1/admin/content/not-an-id', { token: coe }), 404, 'not-found'],
      [call(w.app, 'GET', '/v1/nowhere'), 404, 'not-found'],
      [call(w.app, 'POST', '/v1/admin/content', { token: coe, body: {} }), 400, 'invalid-request'],
      [call(w.app, 'GET', '/v1/admin/content?status=gone', { token: coe }), 400, 'invalid-request'],
      [
        call(w.app, 'POST', '/v1/admin/content', { token: coe, body: '{}', headers: { 'content-type': 'text/plain' } }),
        415,
        'unsupported-media-type',
      ],
      [call(w.app, 'POST', '/v1/me/token', { token: coe, body: { x: 'x'.repeat(20_000) } }), 413, 'body-too-large'],
      [call(w.app, 'POST', `/v1/admin/members/${w.a.coe.id}/deactivate`, { token: coe, body: {} }), 409, 'conflict'],
    ];
    for (const [pending, status, code] of expectations) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect((await problemOf(response)).code).toBe(code);
    }
  });

  it('says rate-limited with Retry-After', async () => {
    const app = createHubApp({ version: 't', db: w.db, config: testConfig({ memberRatePerMinute: 1 }) });
    await call(app, 'GET', '/v1/me', { token: w.a.bob.token });
    const response = await call(app, 'GET', '/v1/me', { token: w.a.bob.token });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await problemOf(response)).code).toBe('rate-limited');
  });

  it('says idempotency-key-reused for a key sent again with another batch', async () => {
    const send = (events: unknown[]) =>
      call(w.app, 'POST', '/v1/events', {
        token: w.a.alice.token,
        body: { sentAt: new Date().toISOString(), events },
        headers: { 'idempotency-key': 'codes-test-key' },
      });
    expect((await send([makeEvent()])).status).toBe(200);
    const again = await send([makeEvent()]);
    expect(again.status).toBe(422);
    expect((await problemOf(again)).code).toBe('idempotency-key-reused');
  });

  it('says policy-rejected for a refused policy version (unavailable without the engine)', async () => {
    const response = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: { pack: {}, overlays: {} },
    });
    const problem = await problemOf(response);
    if (response.status === 503) expect(problem.code).toBe('unavailable');
    else expect([response.status, problem.code]).toEqual([422, 'policy-rejected']);
  });

  it('takes any JSON media type and the last of repeated query keys, as before', async () => {
    const coe = w.a.coe.token;
    const seq = await call(w.app, 'POST', '/v1/admin/content', {
      token: coe,
      body: '{}',
      headers: { 'content-type': 'application/json-seq' },
    });
    expect(seq.status).toBe(400);
    expect((await problemOf(seq)).detail).toBe('The body is not valid.');
    const listed = await call(w.app, 'GET', '/v1/admin/content?status=gone&status=draft', { token: coe });
    expect(listed.status).toBe(200);
  });
});
