import type { z } from 'zod';
import { BusinessUnitListResponseSchema } from '@/lib/contract/hub-admin';
import { ProblemSchema } from '@/lib/contract/hub-common';
import { PolicyVersionListResponseSchema, PolicyVersionSchema } from '@/lib/contract/hub-policy';
import { HubError } from '@/lib/sync/hub-client';
import type { PolicyApi } from './policy-api';

/**
 * A PolicyApi over the hub's admin routes with the device token of an enrolled CoE member. Every answer is parsed
 * with the contract; a refusal becomes a HubError carrying the problem document (its `errors` name the rules).
 * The console's own admin client can replace this.
 */
export function createHubPolicyApi(options: { hubUrl: string; token: string; fetch?: typeof fetch }): PolicyApi {
  const base = options.hubUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call<S extends z.ZodType>(method: string, path: string, schema: S | null, body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new HubError(`Can't reach the hub at ${base}. Check your connection.`, 0);
    }
    const json = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = ProblemSchema.safeParse(json);
      throw new HubError(
        problem.success ? (problem.data.detail ?? problem.data.title) : `The hub answered ${response.status}.`,
        response.status,
        undefined,
        problem.success ? problem.data : undefined,
      );
    }
    if (!schema) return undefined as z.infer<S>;
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubError('The hub sent an answer Spoke does not understand.', response.status);
    return parsed.data as z.infer<S>;
  }

  return {
    listVersions: () => call('GET', '/v1/admin/policy/versions', PolicyVersionListResponseSchema),
    getVersion: (version) => call('GET', `/v1/admin/policy/versions/${version}`, PolicyVersionSchema),
    createVersion: (request) => call('POST', '/v1/admin/policy/versions', PolicyVersionSchema, request),
    publishVersion: async (version) => {
      await call('POST', `/v1/admin/policy/versions/${version}/publish`, null, {});
    },
    businessUnits: async () =>
      (await call('GET', '/v1/admin/business-units', BusinessUnitListResponseSchema)).businessUnits,
  };
}
