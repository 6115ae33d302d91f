import type { z } from 'zod';
import { type Problem, ProblemSchema } from '@/lib/contract/hub-common';
import {
  type CreateLinkRequest,
  type CreateLinkResponse,
  CreateLinkResponseSchema,
  LibraryResponseSchema,
} from '@/lib/contract/hub-content';
import { type EventBatchRequest, type EventBatchResponse, EventBatchResponseSchema } from '@/lib/contract/hub-events';
import {
  DeleteMeResponseSchema,
  type EnrollRequest,
  type EnrollResponse,
  EnrollResponseSchema,
  type LeaderboardResponse,
  LeaderboardResponseSchema,
  type MeExportPage,
  MeExportPageSchema,
  MeSchema,
  type ReachResponse,
  ReachResponseSchema,
} from '@/lib/contract/hub-member';
import { MAX_POLICY_BYTES, PolicyResponseSchema } from '@/lib/contract/hub-policy';
import {
  type SsoRefreshResponse,
  SsoRefreshResponseSchema,
  type SsoStartRequest,
  type SsoStartResponse,
  SsoStartResponseSchema,
  type SsoTokenRequest,
} from '@/lib/contract/hub-sso';
import { MAX_SITE_PACK_BYTES, SitePackResponseSchema } from '@/lib/contract/site-pack';

/** A failed hub call, with a sentence a person understands and what the caller should do next. */
export class HubError extends Error {
  constructor(
    message: string,
    /** 0 when the hub could not be reached at all. */
    readonly status: number,
    /** From `Retry-After`, when the hub said when to come back. */
    readonly retryAfterMs?: number,
    /** The hub's problem document, when it sent one: `errors` names the wrong fields (and failing rules). */
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'HubError';
  }

  /** Worth retrying later: offline, timeouts, overload and server errors. Other 4xx won't change by retrying. */
  get transient(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

type Conditional<T> = { notModified: true } | { notModified: false; data: T; etag: string | null };

/** How long a call may go unanswered before it counts as lost (event posts pass their own, shorter one). */
const TIMEOUT_MS = 15_000;

const MiB = 1024 * 1024;
/**
 * The most Spoke reads of a hub's answer, per endpoint: a broken or hostile hub must not fill the service worker's
 * memory. Beyond it the download is abandoned and the call fails with a HubError saying so.
 */
export const RESPONSE_CAPS = {
  /** The whole library at once (a full pull): thousands of items of a few KB. */
  library: 16 * MiB,
  /** The member's pack: at most what a CoE may save (MAX_POLICY_BYTES), secret entries ~4.5× larger once sealed. */
  policy: 8 * MAX_POLICY_BYTES,
  /** The organisation's site pack, with room for the hub's own formatting. */
  sitePack: 2 * MAX_SITE_PACK_BYTES,
  /** One page of the member's export (the hub sends 1,000 rows a page, each of a few KB at most). */
  export: 16 * MiB,
  /** Every other answer (the member, reach, the leaderboard, event results, links, problems). */
  other: 1 * MiB,
} as const;

/** How a number of bytes reads in a message ("16 MB", "128 KB"). */
function size(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The body of `response`, read as a stream and abandoned as soon as it passes `cap` bytes (a declared
 * Content-Length beyond it is refused before reading).
 */
async function readCapped(response: Response, cap: number): Promise<string> {
  const tooLarge = () =>
    new HubError(
      `The hub sent an answer larger than ${size(cap)}, more than Spoke reads; it stopped the download.`,
      response.status,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let read = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    if (read > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * The hub's API as the extension uses it. Every answer is parsed with the shared contract before it is used; a
 * problem+json error becomes a HubError with its detail.
 */
export function createHubClient(options: { hubUrl: string; token?: string; fetch?: typeof fetch }) {
  const base = options.hubUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.any([
          AbortSignal.timeout(init.timeoutMs ?? TIMEOUT_MS),
          ...(init.signal ? [init.signal] : []),
        ]),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new HubError(`The hub at ${base} did not answer in time; Spoke will try again.`, 0);
      }
      // Offline or the hub is down: once enrolled, that heals by itself (lib/sync/status.ts says so to the member).
      throw new HubError(`The hub at ${base} can't be reached right now; Spoke will try again.`, 0);
    }
    if (response.ok || response.status === 304) return response;
    const body = await readCapped(response, RESPONSE_CAPS.other)
      .then((text) => JSON.parse(text) as unknown)
      .catch(() => undefined);
    const problem = ProblemSchema.safeParse(body);
    const message = problem.success
      ? (problem.data.detail ?? problem.data.title)
      : `The hub answered ${response.status} ${response.statusText}.`;
    throw new HubError(
      message,
      response.status,
      retryAfter(response.headers.get('retry-after')),
      problem.success ? problem.data : undefined,
    );
  }

  /** The answer's JSON, read up to `cap` bytes, parsed with the shared contract. */
  async function parse<S extends z.ZodType>(
    response: Response,
    schema: S,
    cap: number = RESPONSE_CAPS.other,
  ): Promise<z.infer<S>> {
    let text: string;
    try {
      text = await readCapped(response, cap);
    } catch (error) {
      if (error instanceof HubError) throw error;
      throw new HubError(`The hub at ${base} stopped answering midway; Spoke will try again.`, 0);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HubError('The hub sent an answer Spoke does not understand.', response.status);
    return parsed.data;
  }

  async function conditional<S extends z.ZodType>(
    path: string,
    schema: S,
    cap: number,
    etag?: string,
  ): Promise<Conditional<z.infer<S>>> {
    const response = await call('GET', path, { headers: etag ? { 'if-none-match': etag } : {} });
    if (response.status === 304) return { notModified: true };
    return { notModified: false, data: await parse(response, schema, cap), etag: response.headers.get('etag') };
  }

  return {
    async enroll(request: EnrollRequest): Promise<EnrollResponse> {
      return parse(await call('POST', '/v1/enroll', { body: request }), EnrollResponseSchema);
    },
    async me() {
      return parse(await call('GET', '/v1/me'), MeSchema);
    },
    /** Starts a sign-in through the organisation's identity provider: the address to open. */
    async ssoStart(organisation: string, request: SsoStartRequest): Promise<SsoStartResponse> {
      const path = `/v1/sso/${encodeURIComponent(organisation)}/start`;
      return parse(await call('POST', path, { body: request }), SsoStartResponseSchema);
    },
    /** Redeems the one-time code of a sign-in for a device token, as enrolment answers. */
    async ssoToken(request: SsoTokenRequest): Promise<EnrollResponse> {
      return parse(await call('POST', '/v1/sso/token', { body: request }), EnrollResponseSchema);
    },
    /** Asks the hub to have the identity provider vouch for this member again. */
    async ssoRefresh(): Promise<SsoRefreshResponse> {
      return parse(await call('POST', '/v1/sso/refresh', { body: {} }), SsoRefreshResponseSchema);
    },
    async updateMe(body: { leaderboardOptIn?: boolean; displayName?: string }) {
      return parse(await call('PATCH', '/v1/me', { body }), MeSchema);
    },
    library(since?: string, etag?: string) {
      return conditional(
        `/v1/library${since ? `?since=${encodeURIComponent(since)}` : ''}`,
        LibraryResponseSchema,
        RESPONSE_CAPS.library,
        etag,
      );
    },
    policy(etag?: string) {
      return conditional('/v1/policy', PolicyResponseSchema, RESPONSE_CAPS.policy, etag);
    },
    /** The organisation's site pack (404: none published, the built-in one applies). */
    sitePack(etag?: string) {
      return conditional('/v1/site-pack', SitePackResponseSchema, RESPONSE_CAPS.sitePack, etag);
    },
    /** A retry sends the same batch under the same key; the hub then answers from what it stored the first time. */
    async postEvents(
      batch: EventBatchRequest,
      idempotencyKey: string,
      /** `signal` abandons the request (another copy of it was answered). */
      options: { timeoutMs?: number; signal?: AbortSignal } = {},
    ): Promise<EventBatchResponse> {
      const response = await call('POST', '/v1/events', {
        body: batch,
        headers: { 'idempotency-key': idempotencyKey },
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
      return parse(response, EventBatchResponseSchema);
    },
    /** Revokes a device token of the member (signing out revokes this device's own). */
    async revokeDevice(deviceId: string): Promise<void> {
      await call('DELETE', `/v1/me/devices/${encodeURIComponent(deviceId)}`);
    },
    /** A page of everything the hub holds about the member; `cursor`: the `next` of the page before. */
    async exportPage(cursor?: string): Promise<MeExportPage> {
      const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      return parse(await call('GET', `/v1/me/export${query}`), MeExportPageSchema, RESPONSE_CAPS.export);
    },
    /** Erases the member at the hub: personal data, devices, events, links; the token stops working. */
    async deleteMe(): Promise<void> {
      await parse(await call('DELETE', '/v1/me'), DeleteMeResponseSchema);
    },
    /** The member's shares, clicks and views over `from`..`to` (days, inclusive). */
    async reach(query: { from: string; to: string; bucket: 'day' | 'week' }): Promise<ReachResponse> {
      const search = new URLSearchParams(query).toString();
      return parse(await call('GET', `/v1/me/reach?${search}`), ReachResponseSchema);
    },
    async leaderboard(query: { from: string; to: string }): Promise<LeaderboardResponse> {
      const search = new URLSearchParams(query).toString();
      return parse(await call('GET', `/v1/leaderboard?${search}`), LeaderboardResponseSchema);
    },
    async createLink(request: CreateLinkRequest): Promise<CreateLinkResponse> {
      return parse(await call('POST', '/v1/links', { body: request }), CreateLinkResponseSchema);
    },
  };
}

export type HubClient = ReturnType<typeof createHubClient>;
