// How a /v1 route is declared: `hubRoute` wraps `createRoute` with the route's access level, rate key and body limit,
// turns them into Hono middleware (body limit → authentication → role → rate limit → path parameters → JSON body),
// and documents the refusals every route may answer. The routers in `server/routes/` mount these with `.openapi()`;
// the list in `server/routes/index.ts` is what the OpenAPI document, the access-matrix test and the fuzzing read.
import { createHmac } from 'node:crypto';
import { createRoute, type Hook, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { type EventBatchResponse, IdSchema, ProblemSchema } from '../lib/contract/hub';
import { type AuthContext, type AuthService, tokenNoLongerWorks } from './auth';
import { addressBucket, type ClientAddresses } from './client-address';
import type { HubConfig } from './config';
import type { Database } from './db';
import type { Logger } from './log';
import { fieldErrors, HttpError, isScimPath, problemResponse, scimErrorResponse } from './problem';
import { memberBuckets, type RateLimiter, type Verdict } from './rate-limit';
import { type ScimCaller, scimCaller } from './services/scim';

/** `scim`: the organisation's SCIM bearer secret (server/services/scim.ts), never a device token. */
export type Access = 'public' | 'member' | 'coe' | 'scim';

/** Everything a handler may use (`c.var.hub`). */
export interface Hub {
  db: Database;
  config: HubConfig;
  auth: AuthService;
  limiter: RateLimiter;
  addresses: ClientAddresses;
  /** Event batches currently being written. */
  inflight: { batches: number };
  /** The request log's logger (server/log.ts), for what a handler has to tell the operator. */
  logger: Logger;
}

/** The Hono environment of the hub: the hub itself, the caller (routes that are not public), a raw JSON body. */
export interface HubEnv {
  Variables: {
    hub: Hub;
    auth: AuthContext;
    /** SCIM routes: the organisation whose secret came with the request (its only source of the tenant). */
    scim: ScimCaller;
    /** Routes with `rawBody`: the body as sent (the idempotency fingerprint) and parsed, not yet validated. */
    rawBody: { text: string; json: unknown };
    /** Routes that serve over their limit (`overLimit: 'serve'`): this request was over it. */
    limited: boolean;
    /** The request's id (`X-Request-Id`): in its log lines and echoed in the answer. */
    requestId: string;
    /** `POST /v1/events`: what the batch's answer said and stored, for the metrics (server/observe.ts). */
    ingested?: { response: EventBatchResponse; stored: number };
  };
}

const DEFAULT_BODY_LIMIT = 16 * 1024;

/** Success answers are not cached unless a route says otherwise. */
export const NO_STORE = { 'cache-control': 'no-store' } as const;

/**
 * The bucket a request is counted in: its member token (`member`), or for public routes its client address, one
 * bucket per purpose so that a flood of redirects never stops an enrolment and the other way round.
 */
export type RateKey = 'member' | 'enrol' | 'redirect' | 'scim';

export interface RouteMeta {
  access: Access;
  /** `member` (default) for routes with a token; public routes name theirs. */
  rateKey?: RateKey;
  /** `refuse` (default): 429 over the limit. `serve`: the handler still answers, told by `c.var.limited`. */
  overLimit?: 'refuse' | 'serve';
  /** Most bytes of request body (16 KB by default). */
  bodyLimit?: number;
  /** The handler validates the JSON body itself (`c.var.rawBody`, per-event results); `bodyDoc` documents it. */
  rawBody?: boolean;
  bodyDoc?: z.ZodType;
  /** Other refusals this route may answer, for the documentation (302 and 304 go in the route's `responses`). */
  errors?: number[];
  /**
   * The token may come from the in-process cache (server/auth.ts): only for routes whose every write checks, in its
   * own statement, that the member may still write (`memberMayWrite`, server/member-lock.ts).
   */
  cachedAuth?: boolean;
}

type HubRouteConfig = Omit<RouteConfig, 'middleware' | 'security' | 'hide'>;

/** A declared route: the `createRoute` config to mount, its access metadata, and its Hono path. */
export type HubRoute<R extends HubRouteConfig> = RouteMeta & {
  method: R['method'];
  /** Hono path (`/v1/admin/content/:id`). */
  path: string;
  route: R & { middleware: MiddlewareHandler<HubEnv>[]; security: Array<Record<string, string[]>>; hide: boolean };
  /** For `rawBody` routes: the route as documented (with its body); the mounted one is hidden from the document. */
  documented?: RouteConfig;
};

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Declares a route: `createRoute` plus the middleware and the documented refusals its metadata asks for. */
export function hubRoute<const R extends HubRouteConfig>(meta: RouteMeta, config: R): HubRoute<R> {
  const limit = meta.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const middleware: MiddlewareHandler<HubEnv>[] = [limitBody(limit)];
  if (meta.access === 'scim') middleware.push(authenticateScim);
  else if (meta.access !== 'public') middleware.push(authenticate(meta.access, meta.cachedAuth === true));
  const rateKey = meta.rateKey ?? (meta.access === 'scim' ? 'scim' : 'member');
  if (meta.access === 'public' && rateKey === 'member')
    throw new Error(`${config.path}: a public route names its bucket.`);
  middleware.push(rateLimit(rateKey, meta.overLimit ?? 'refuse'));
  const params = config.request?.params;
  if (params) middleware.push(checkParams(params));
  if (config.request?.query) middleware.push(lastValueWins);
  if (config.request?.body || meta.rawBody) middleware.push(readJson(meta.rawBody === true));

  const security =
    meta.access === 'public' ? [] : meta.access === 'scim' ? [{ scimSecret: [] }] : [{ deviceToken: [] }];
  const route = createRoute({ ...config, middleware, security, hide: meta.rawBody === true });
  const refusals: RouteConfig['responses'] = {
    400: problem('The request is not valid; `errors` lists each field path with a sentence.'),
  };
  if (meta.overLimit !== 'serve') refusals[429] = problem('Too many requests; see `Retry-After`.');
  if (meta.access === 'scim') refusals[401] = problem('No valid SCIM secret of the organisation.');
  else if (meta.access !== 'public') refusals[401] = problem('No valid device token.');
  if (meta.access === 'coe') refusals[403] = problem('The member is not in the CoE.');
  for (const code of meta.errors ?? []) refusals[code] ??= problem('See the problem detail.');
  // The success answers stay first and typed; the refusals are documentation (handlers throw them as HttpError).
  for (const [status, response] of Object.entries(refusals)) {
    if (!(status in route.responses)) Object.assign(route.responses, { [status]: response });
  }
  let documented: RouteConfig | undefined;
  if (meta.rawBody && meta.bodyDoc) {
    const { middleware: _middleware, hide: _hide, ...shown } = route;
    const body = { required: true, content: { 'application/json': { schema: meta.bodyDoc } } };
    documented = { ...shown, request: { ...shown.request, body } };
  }
  return { ...meta, method: config.method, path: config.path.replace(/\{([A-Za-z_]+)\}/g, ':$1'), route, documented };
}

/** Validation failures of `.openapi()` routes as the hub's problem documents. */
export const problemHook: Hook<unknown, HubEnv, string, undefined> = (result, c) => {
  if (result.success) return;
  if (result.target === 'param') throw new HttpError(404, `Nothing found at ${c.req.path}.`);
  if (result.target === 'query') {
    throw new HttpError(400, 'The query string is not valid.', fieldErrors(result.error, 'query'));
  }
  throw new HttpError(400, 'The body is not valid.', fieldErrors(result.error, 'body'));
};

/** A success answer with a JSON body, for `responses`. */
export function success<S extends z.ZodType>(schema: S) {
  return { description: 'Success', content: { 'application/json': { schema } } };
}

/** A required JSON request body, for `request.body`. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return { required: true, content: { 'application/json': { schema } } };
}

export const NOT_MODIFIED = { description: 'Not modified (ETag matched)' };
export const REDIRECT = { description: 'Redirect to the destination' };

/** A path `:id` that is not a UUID names nothing. */
export function idOf(params: { id: string }, detail = 'Nothing found with this id.'): string {
  const parsed = IdSchema.safeParse(params.id);
  if (!parsed.success) throw new HttpError(404, detail);
  return parsed.data;
}

/** A router of the hub: an `OpenAPIHono` answering validation failures with problem documents. */
export function router(): OpenAPIHono<HubEnv> {
  return new OpenAPIHono<HubEnv>({ defaultHook: problemHook });
}

/** The client's address: the socket peer, or as far as trusted proxies say in `X-Forwarded-For` (client-address.ts). */
export function clientAddress(c: Context<HubEnv>): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return c.var.hub.addresses.of(env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
}

function limitBody(limit: number): MiddlewareHandler<HubEnv> {
  return bodyLimit({
    maxSize: limit,
    onError: (c) => {
      const detail = `The body is larger than ${Math.round(limit / 1024)} KB.`;
      return isScimPath(c.req.path) ? scimErrorResponse(413, detail) : problemResponse(413, detail);
    },
  });
}

/** The organisation's SCIM secret (401 otherwise, with SCIM's challenge). */
const authenticateScim: MiddlewareHandler<HubEnv> = async (c, next) => {
  const caller = await scimCaller(c.var.hub.db, c.req.header('authorization'));
  if (!caller) {
    throw new HttpError(401, 'Send the organisation’s SCIM secret as "Authorization: Bearer <secret>".', undefined, {
      'www-authenticate': 'Bearer realm="spoke-scim"',
    });
  }
  c.set('scim', caller);
  await next();
};

/** A device token of an active member (401), and for CoE routes the CoE role (403). */
function authenticate(access: 'member' | 'coe', cached: boolean): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    const auth = await c.var.hub.auth.authenticate(c.req.header('authorization'), { cached });
    if (!auth) throw tokenNoLongerWorks();
    if (access === 'coe' && auth.role !== 'coe') {
      throw new HttpError(403, 'Only members of the Center of Excellence (role coe) may do this.');
    }
    c.set('auth', auth);
    await next();
  };
}

/**
 * A token bucket per member, or per client address and purpose; the address is kept in the bucket's key only as a
 * keyed hash. Over the limit: 429, or for `serve` routes `c.var.limited`.
 */
function rateLimit(key: RateKey, overLimit: 'refuse' | 'serve'): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    const { config, limiter } = c.var.hub;
    let verdict: Verdict;
    if (key === 'member') {
      verdict = await limiter.take(memberBuckets.requests(c.var.auth.memberId), 1, config.memberRatePerMinute, 60_000);
    } else if (key === 'scim') {
      verdict = await limiter.take(`scim:${c.var.scim.orgId}`, 1, config.scimRatePerMinute, 60_000);
    } else {
      const address = createHmac('sha256', config.clickSecret)
        .update(addressBucket(clientAddress(c)))
        .digest('base64url');
      const limit = key === 'enrol' ? config.enrolRatePerMinute : config.redirectRatePerMinute;
      verdict = await limiter.take(`${key}:${address}`, 1, limit, 60_000);
    }
    c.set('limited', !verdict.ok);
    if (!verdict.ok && overLimit === 'refuse') {
      throw new HttpError(429, `Too many requests; try again in ${verdict.retryAfter} s.`, undefined, {
        'retry-after': String(verdict.retryAfter),
      });
    }
    await next();
  };
}

/** Path parameters that do not match name nothing (404), before the body is looked at. */
function checkParams(schema: z.ZodType): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    if (!schema.safeParse(c.req.param()).success) throw new HttpError(404, `Nothing found at ${c.req.path}.`);
    await next();
  };
}

/**
 * A JSON body or a refusal: 415 for another media type, 400 when it does not parse. The parsed body stays in Hono's
 * body cache for the route's validator; `raw` routes get the text and the value in `c.var.rawBody` instead.
 */
function readJson(raw: boolean): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    if (!/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HttpError(415, 'Send the body as JSON with "Content-Type: application/json".');
    }
    const notJson = () =>
      new HttpError(400, 'The body is not valid JSON.', [{ path: '(root)', message: 'Could not parse JSON.' }]);
    if (raw) {
      const text = await c.req.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw notJson();
      }
      c.set('rawBody', { text, json });
    } else {
      try {
        await c.req.json();
      } catch (error) {
        if (error instanceof SyntaxError) throw notJson();
        throw error;
      }
      // The route's validator takes fewer JSON media types (not `application/json-seq`, say) and would refuse or
      // skip what the hub has always accepted: it reads the cached body, so it is told the body is plain JSON.
      if (!PLAIN_JSON.test(c.req.header('content-type') ?? '')) {
        const headers = new Headers(c.req.raw.headers);
        headers.set('content-type', 'application/json');
        c.req.raw = new Request(c.req.raw.url, { method: c.req.method, headers });
      }
    }
    await next();
  };
}

const PLAIN_JSON = /^application\/json(;\s*charset=[\w-]+)?$/i;

/** A query key given twice counts once, with its last value (the route's validator would see an array). */
const lastValueWins: MiddlewareHandler<HubEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const keys = [...url.searchParams.keys()];
  if (new Set(keys).size < keys.length) {
    const last = new URLSearchParams();
    for (const [key, value] of url.searchParams) last.set(key, value);
    url.search = last.toString();
    c.req.raw = new Request(url, c.req.raw);
  }
  await next();
};
