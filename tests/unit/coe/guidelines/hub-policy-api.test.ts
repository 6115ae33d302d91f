import { describe, expect, it } from 'vitest';
import { createHubPolicyApi } from '@/components/coe/guidelines/hub-policy-api';
import { HubError } from '@/lib/sync/hub-client';

const UNIT = '0b6f3c1e-5d1a-4f0e-9a57-4c1b7f2d9e10';

function fakeFetch(answers: Record<string, { status: number; body: unknown }>) {
  const calls: Array<{ url: string; method: string; auth: string | null; body: unknown }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    calls.push({
      url,
      method,
      auth: new Headers(init?.headers).get('authorization'),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    });
    const answer = answers[`${method} ${new URL(url).pathname}`];
    if (!answer) return new Response('{}', { status: 404 });
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

describe('createHubPolicyApi', () => {
  it('reads a version with its overlays, with the device token, through the contract', async () => {
    const { fetch, calls } = fakeFetch({
      'GET /v1/admin/policy/versions/2': {
        status: 200,
        body: {
          version: 2,
          createdAt: '2026-11-01T09:00:00.000Z',
          current: true,
          overlayBusinessUnitIds: [UNIT],
          pack: { id: 'acme' },
          overlays: { [UNIT]: { id: 'bu-sales' } },
        },
      },
    });
    const api = createHubPolicyApi({ hubUrl: 'http://hub.test/', token: 'tok', fetch });
    const v = await api.getVersion(2);
    expect(v.overlays[UNIT]).toEqual({ id: 'bu-sales' });
    expect(calls[0]).toMatchObject({ url: 'http://hub.test/v1/admin/policy/versions/2', auth: 'Bearer tok' });
  });

  it('turns a refused version (422) into a HubError whose problem names the rule', async () => {
    const { fetch, calls } = fakeFetch({
      'POST /v1/admin/policy/versions': {
        status: 422,
        body: {
          type: 'about:blank',
          title: 'Unprocessable Content',
          status: 422,
          detail: 'The policy pack was refused.',
          errors: [{ path: 'body.pack.rules[3].tests[1]', ruleId: 'CONF-001', message: 'test 2 expects a miss' }],
        },
      },
    });
    const api = createHubPolicyApi({ hubUrl: 'http://hub.test', token: 'tok', fetch });
    const error = await api.createVersion({ pack: { id: 'x' }, overlays: {}, publish: true }).catch((e) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(422);
    expect((error as HubError).message).toBe('The policy pack was refused.');
    expect((error as HubError).problem?.errors?.[0]?.ruleId).toBe('CONF-001');
    expect(calls[0]?.body).toEqual({ pack: { id: 'x' }, overlays: {}, publish: true });
  });

  it('refuses an answer that does not follow the contract', async () => {
    const { fetch } = fakeFetch({ 'GET /v1/admin/policy/versions': { status: 200, body: { versions: 'nope' } } });
    const api = createHubPolicyApi({ hubUrl: 'http://hub.test', token: 'tok', fetch });
    await expect(api.listVersions()).rejects.toThrow(/does not understand/);
  });
});
