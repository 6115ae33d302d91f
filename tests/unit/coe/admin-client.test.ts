import { describe, expect, it, vi } from 'vitest';
import { createAdminClient } from '@/lib/coe/admin-client';
import { HubError } from '@/lib/sync/hub-client';

const unit = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'CoE',
  parentId: null,
  createdAt: '2026-11-23T10:00:00.000Z',
};

function hubAnswering(status: number, body: unknown, type = 'application/json') {
  return vi.fn(
    async (_url: string | URL | Request, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': type } }),
  );
}

describe('admin client', () => {
  it('sends the token, and returns answers parsed with the contract', async () => {
    const fetch = hubAnswering(200, { businessUnits: [unit] });
    const client = createAdminClient({ hubUrl: 'https://hub.example.com/', token: 'spk_t', fetch });
    expect(await client.businessUnits()).toEqual([unit]);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe('https://hub.example.com/v1/admin/business-units');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer spk_t');
    expect(client.hubUrl).toBe('https://hub.example.com');
  });

  it('turns a problem document into a HubError that keeps the failing rule', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Unprocessable',
      status: 422,
      detail: 'The policy pack was refused.',
      errors: [{ path: 'body.pack.rules.0', message: 'its own test failed', ruleId: 'DISC-001' }],
    };
    const client = createAdminClient({
      hubUrl: 'https://hub.example.com',
      token: 't',
      fetch: hubAnswering(422, problem, 'application/problem+json'),
    });
    const error = await client.createPolicyVersion({ pack: {}, overlays: {}, publish: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).message).toBe('The policy pack was refused.');
    expect((error as HubError).problem?.errors?.[0]?.ruleId).toBe('DISC-001');
  });

  it('refuses an answer that does not match the contract, and says when the hub is unreachable', async () => {
    const client = createAdminClient({
      hubUrl: 'https://hub.example.com',
      token: 't',
      fetch: hubAnswering(200, { members: [{ id: 1 }] }),
    });
    await expect(client.members()).rejects.toThrow('does not understand');
    const offline = createAdminClient({
      hubUrl: 'https://hub.example.com',
      token: 't',
      fetch: vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    });
    await expect(offline.invites()).rejects.toMatchObject({ status: 0, transient: true });
  });
});
