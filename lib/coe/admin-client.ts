import type { z } from 'zod';
import {
  type AnalyticsQuery,
  type AnalyticsResponse,
  AnalyticsResponseSchema,
  type BusinessUnit,
  BusinessUnitListResponseSchema,
  BusinessUnitSchema,
  type CreateBusinessUnitRequest,
  type CreateInviteRequest,
  type CreateInviteResponse,
  CreateInviteResponseSchema,
  type Invite,
  InviteListResponseSchema,
  InviteSchema,
  type Member,
  MemberListResponseSchema,
  MemberSchema,
  type UpdateBusinessUnitRequest,
  type UpdateMemberRequest,
} from '@/lib/contract/hub-admin';
import { OkResponseSchema, ProblemSchema } from '@/lib/contract/hub-common';
import {
  type ContentItem,
  ContentItemSchema,
  ContentListResponseSchema,
  type ContentStatus,
  type CreateContentRequest,
  type UpdateContentRequest,
} from '@/lib/contract/hub-content';
import { DeleteMeResponseSchema, MeSchema } from '@/lib/contract/hub-member';
import {
  type CreatePolicyVersionRequest,
  type PolicyResponse,
  PolicyResponseSchema,
  type PolicyVersion,
  PolicyVersionListResponseSchema,
  PolicyVersionSchema,
} from '@/lib/contract/hub-policy';
import { ScimSecretResponseSchema, ScimSettingsSchema } from '@/lib/contract/hub-scim';
import { type SsoConfig, type SsoConfigRequest, SsoConfigSchema } from '@/lib/contract/hub-sso';
import { HubError } from '@/lib/sync/hub-client';

const TIMEOUT_MS = 20_000;

/**
 * The hub's admin API as the CoE console uses it, with the member's own device token. Every answer is parsed with
 * the shared contract; a problem+json error becomes a HubError carrying the problem (its `errors` name the fields).
 */
export function createAdminClient(options: { hubUrl: string; token: string; fetch?: typeof fetch }) {
  const base = options.hubUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${options.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new HubError(`Can't reach the hub at ${base}. Check your connection and try again.`, 0);
    }
    const json = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = ProblemSchema.safeParse(json);
      const message = problem.success
        ? (problem.data.detail ?? problem.data.title)
        : `The hub answered ${response.status} ${response.statusText}.`;
      throw new HubError(message, response.status, undefined, problem.success ? problem.data : undefined);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubError('The hub sent an answer the console does not understand.', response.status);
    return parsed.data;
  }

  const id = (value: string) => encodeURIComponent(value);

  return {
    /** The hub's address, without a trailing slash. */
    hubUrl: base,
    me: () => request('GET', '/v1/me', MeSchema),
    /** The effective guideline policy of the signed-in member's unit (the live checks of the content editor). */
    policy: (): Promise<PolicyResponse> => request('GET', '/v1/policy', PolicyResponseSchema),

    async listContent(status?: ContentStatus): Promise<ContentItem[]> {
      const query = status ? `?status=${status}` : '';
      return (await request('GET', `/v1/admin/content${query}`, ContentListResponseSchema)).items;
    },
    getContent: (contentId: string) => request('GET', `/v1/admin/content/${id(contentId)}`, ContentItemSchema),
    createContent: (body: CreateContentRequest) => request('POST', '/v1/admin/content', ContentItemSchema, body),
    updateContent: (contentId: string, body: UpdateContentRequest) =>
      request('PATCH', `/v1/admin/content/${id(contentId)}`, ContentItemSchema, body),
    publishContent: (contentId: string) =>
      request('POST', `/v1/admin/content/${id(contentId)}/publish`, ContentItemSchema, {}),
    archiveContent: (contentId: string) =>
      request('POST', `/v1/admin/content/${id(contentId)}/archive`, ContentItemSchema, {}),
    async deleteContent(contentId: string): Promise<void> {
      await request('DELETE', `/v1/admin/content/${id(contentId)}`, OkResponseSchema);
    },

    async businessUnits(): Promise<BusinessUnit[]> {
      return (await request('GET', '/v1/admin/business-units', BusinessUnitListResponseSchema)).businessUnits;
    },
    createBusinessUnit: (body: CreateBusinessUnitRequest) =>
      request('POST', '/v1/admin/business-units', BusinessUnitSchema, body),
    updateBusinessUnit: (unitId: string, body: UpdateBusinessUnitRequest) =>
      request('PATCH', `/v1/admin/business-units/${id(unitId)}`, BusinessUnitSchema, body),

    async invites(): Promise<Invite[]> {
      return (await request('GET', '/v1/admin/invites', InviteListResponseSchema)).invites;
    },
    createInvite: (body: Partial<CreateInviteRequest> & { businessUnitId: string }): Promise<CreateInviteResponse> =>
      request('POST', '/v1/admin/invites', CreateInviteResponseSchema, body),
    revokeInvite: (inviteId: string) => request('DELETE', `/v1/admin/invites/${id(inviteId)}`, InviteSchema),

    async members(): Promise<Member[]> {
      return (await request('GET', '/v1/admin/members', MemberListResponseSchema)).members;
    },
    updateMember: (memberId: string, body: UpdateMemberRequest) =>
      request('PATCH', `/v1/admin/members/${id(memberId)}`, MemberSchema, body),
    deactivateMember: (memberId: string) =>
      request('POST', `/v1/admin/members/${id(memberId)}/deactivate`, MemberSchema, {}),
    /** Erases a member (a leaver, deactivated first); answers how many events and links went. */
    eraseMember: (memberId: string) =>
      request('POST', `/v1/admin/members/${id(memberId)}/erase`, DeleteMeResponseSchema, {}),

    analytics(query: AnalyticsQuery = {}): Promise<AnalyticsResponse> {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
      const qs = params.size ? `?${params}` : '';
      return request('GET', `/v1/admin/analytics${qs}`, AnalyticsResponseSchema);
    },

    /** The organisation's single sign-on, or null when it has none. */
    async ssoConfig(): Promise<SsoConfig | null> {
      try {
        return await request('GET', '/v1/admin/sso', SsoConfigSchema);
      } catch (e) {
        if (e instanceof HubError && e.status === 404) return null;
        throw e;
      }
    },
    saveSso: (body: SsoConfigRequest) => request('PUT', '/v1/admin/sso', SsoConfigSchema, body),
    async deleteSso(): Promise<void> {
      await request('DELETE', '/v1/admin/sso', OkResponseSchema);
    },
    scimSettings: () => request('GET', '/v1/admin/scim', ScimSettingsSchema),
    newScimSecret: () => request('POST', '/v1/admin/scim/secret', ScimSecretResponseSchema, {}),
    async revokeScimSecret(): Promise<void> {
      await request('DELETE', '/v1/admin/scim/secret', OkResponseSchema);
    },
    listPolicyVersions: () => request('GET', '/v1/admin/policy/versions', PolicyVersionListResponseSchema),
    getPolicyVersion: (version: number): Promise<PolicyVersion> =>
      request('GET', `/v1/admin/policy/versions/${version}`, PolicyVersionSchema),
    createPolicyVersion: (body: CreatePolicyVersionRequest): Promise<PolicyVersion> =>
      request('POST', '/v1/admin/policy/versions', PolicyVersionSchema, body),
    async publishPolicyVersion(version: number): Promise<void> {
      await request('POST', `/v1/admin/policy/versions/${version}/publish`, OkResponseSchema, {});
    },
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;
