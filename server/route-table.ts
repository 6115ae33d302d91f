// The route table: every /v1 route declares its access level, schemas and limits here, once. The dispatcher
// enforces them, the OpenAPI document is generated from them, and the access-matrix test iterates over them.
import type { Context } from 'hono';
import { z } from 'zod';
import type { AuthContext, AuthService } from './auth';
import type { HubConfig } from './config';
import type { Database } from './db';
import { fieldErrors, HttpError } from './problem';
import type { RateLimiter } from './rate-limit';

export type Access = 'public' | 'member' | 'coe';
export type Method = 'get' | 'post' | 'patch' | 'delete';

/** Everything a handler may use. */
export interface Hub {
  db: Database;
  config: HubConfig;
  auth: AuthService;
  limiter: RateLimiter;
  /** Event batches currently being written. */
  inflight: { batches: number };
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HandlerInput<P, Q, B, A> {
  c: Context;
  hub: Hub;
  auth: A;
  params: P;
  query: Q;
  body: B;
  /** The body as received (routes with `rawBody`), e.g. for an idempotency fingerprint. */
  rawText?: string;
}

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  A extends Access,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  B extends z.ZodType | undefined,
> {
  method: Method;
  /** Hono path (`/v1/admin/content/:id`). */
  path: string;
  access: A;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the success body; omitted for redirects. */
  response?: z.ZodType;
  /** Success status (200 by default). */
  status?: number;
  /** Most bytes of request body (16 KB by default). */
  bodyLimit?: number;
  /** `ip` for public routes keyed by client address; `member` (default) by token. */
  rateKey?: 'ip' | 'member';
  /** The handler validates the body itself (per-event results); `bodyDoc` documents it. */
  rawBody?: boolean;
  bodyDoc?: z.ZodType;
  /** Other statuses this route may answer, for the documentation. */
  errors?: number[];
  handler(
    input: HandlerInput<Infer<P>, Infer<Q>, Infer<B>, A extends 'public' ? undefined : AuthContext>,
  ): Promise<Reply | Response> | Reply | Response;
}

// biome-ignore lint/suspicious/noExplicitAny: the table erases the per-route types.
export type RouteDef = RouteSpec<Access, any, any, any>;

export function defineRoute<
  A extends Access,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B>): RouteDef {
  return spec as unknown as RouteDef;
}

export const DEFAULT_BODY_LIMIT = 16 * 1024;

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/** Runs one route: authenticate, authorise, rate-limit, validate, handle, validate the answer. */
export async function dispatch(route: RouteDef, hub: Hub, c: Context): Promise<Response> {
  let auth: AuthContext | undefined;
  if (route.access !== 'public') {
    auth = (await hub.auth.authenticate(c.req.header('authorization'))) ?? undefined;
    if (!auth) {
      throw new HttpError(401, 'Send a valid device token as "Authorization: Bearer <token>".', undefined, {
        'www-authenticate': 'Bearer realm="spoke"',
      });
    }
    if (route.access === 'coe' && auth.role !== 'coe') {
      throw new HttpError(403, 'Only members of the Center of Excellence (role coe) may do this.');
    }
  }
  const key = route.rateKey === 'ip' || !auth ? `ip:${clientIp(c, hub.config.trustProxy)}` : `m:${auth.memberId}`;
  const limit = route.rateKey === 'ip' || !auth ? hub.config.ipRatePerMinute : hub.config.memberRatePerMinute;
  const verdict = hub.limiter.take(key, limit);
  if (!verdict.ok) {
    throw new HttpError(429, `Too many requests; try again in ${verdict.retryAfter} s.`, undefined, {
      'retry-after': String(verdict.retryAfter),
    });
  }

  let params: unknown;
  if (route.params) {
    const parsed = route.params.safeParse(c.req.param());
    if (!parsed.success) throw new HttpError(404, `Nothing found at ${c.req.path}.`);
    params = parsed.data;
  }
  let query: unknown;
  if (route.query) {
    const raw: Record<string, string> = {};
    for (const [k, v] of new URL(c.req.url).searchParams) raw[k] = v;
    const parsed = route.query.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, 'The query string is not valid.', fieldErrors(parsed.error, 'query'));
    query = parsed.data;
  }
  let body: unknown;
  let rawText: string | undefined;
  if (route.body || route.rawBody) {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      throw new HttpError(415, 'Send the body as JSON with "Content-Type: application/json".');
    }
    const text = await c.req.text();
    rawText = text;
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'The body is not valid JSON.', [{ path: '(root)', message: 'Could not parse JSON.' }]);
    }
    if (route.body) {
      const parsed = (route.body as z.ZodType).safeParse(body);
      if (!parsed.success) throw new HttpError(400, 'The body is not valid.', fieldErrors(parsed.error, 'body'));
      body = parsed.data;
    }
  }

  const result = await route.handler({ c, hub, auth, params, query, body, rawText } as Parameters<
    RouteDef['handler']
  >[0]);
  if (result instanceof Response) return result;
  const status = result.status ?? route.status ?? 200;
  const headers = { 'cache-control': 'no-store', ...result.headers };
  if (result.body === undefined) return c.body(null, status as 204, headers);
  const out = route.response && status < 300 ? route.response.parse(result.body) : result.body;
  return c.json(out, status as 200, headers);
}

/** OpenAPI path template from a Hono path. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}

export const ProblemResponseDoc = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: z.object({}).passthrough() } },
});
