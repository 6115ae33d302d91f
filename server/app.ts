import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { type HealthResponse, HealthResponseSchema, ProblemSchema } from '../lib/contract/hub';
import { AuthService } from './auth';
import type { HubConfig } from './config';
import type { Database } from './db';
import { HttpError, problemResponse } from './problem';
import { RateLimiter } from './rate-limit';
import { DEFAULT_BODY_LIMIT, dispatch, type Hub, openApiPath, type RouteDef } from './route-table';
import { adminRoutes } from './routes/admin';
import { healthRoutes } from './routes/health';
import { memberRoutes } from './routes/member';
import { syncRoutes } from './routes/sync';

export interface HubOptions {
  /** Reported by `/healthz`; the package version by default. */
  version: string;
  /** Storage; without it only `/healthz` and `/v1/openapi.json` answer. */
  db?: Database;
  config?: HubConfig;
}

/** Every /v1 route, in one table: the dispatcher, the OpenAPI document and the access-matrix test read it. */
export const routeTable: RouteDef[] = [...memberRoutes, ...syncRoutes, ...adminRoutes];

/**
 * The hub as a Hono app, independent of how it is served: `server/main.ts` runs it on Node, tests call
 * `app.request()` directly. Routes live one file per area in `server/routes/`.
 */
export function createHubApp(options: HubOptions): Hono {
  const app = new Hono();
  const config = options.config;
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: 'cross-origin',
      xFrameOptions: 'DENY',
    }),
  );
  app.use(
    '*',
    cors({
      origin: (origin) => (config?.corsOrigins.includes(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
      exposeHeaders: ['ETag', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError) return problemResponse(error.status, error.detail, error.errors, error.headers);
    if (error instanceof HTTPException && error.status < 500) return problemResponse(error.status, error.message);
    console.error(`hub: ${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse(500, 'Something went wrong on the hub; the request was not applied. Try again later.');
  });
  app.route('/', healthRoutes(options.version));

  let openapi: unknown;
  app.get('/v1/openapi.json', async (c) => {
    openapi ??= await openApiDocument(options.version);
    return c.json(openapi);
  });

  if (options.db && config) {
    const hub: Hub = {
      db: options.db,
      config,
      auth: new AuthService(options.db, config.authCacheSeconds * 1000),
      limiter: new RateLimiter(),
      inflight: { batches: 0 },
    };
    for (const route of routeTable) {
      const limit = route.bodyLimit ?? DEFAULT_BODY_LIMIT;
      app.on(
        route.method.toUpperCase(),
        route.path,
        bodyLimit({
          maxSize: limit,
          onError: () => problemResponse(413, `The body is larger than ${Math.round(limit / 1024)} KB.`),
        }),
        (c) => dispatch(route, hub, c),
      );
    }
  }

  app.notFound((c) => problemResponse(404, `No route for ${c.req.path}.`));
  return app;
}

/** The OpenAPI 3.1 document, generated from the route table's zod schemas (the generator loads on first use). */
export async function openApiDocument(version: string): Promise<unknown> {
  const { OpenAPIHono } = await import('@hono/zod-openapi');
  const doc = new OpenAPIHono();
  const registry = doc.openAPIRegistry;
  registry.registerComponent('securitySchemes', 'deviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The device token from POST /v1/enroll.',
  });
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: ProblemSchema } },
  });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness of the hub process',
    tags: ['health'],
    responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthResponseSchema } } } },
  });
  for (const route of routeTable) {
    const status = route.status ?? 200;
    const bodySchema = route.body ?? route.bodyDoc;
    const responses: Record<string, unknown> = {
      [status]: route.response
        ? { description: 'Success', content: { 'application/json': { schema: route.response } } }
        : { description: 'Success' },
      400: problem('The request is not valid; `errors` lists each field path with a sentence.'),
      429: problem('Too many requests; see `Retry-After`.'),
    };
    if (route.access !== 'public') responses[401] = problem('No valid device token.');
    if (route.access === 'coe') responses[403] = problem('The member is not in the CoE.');
    for (const code of route.errors ?? []) {
      if (code === 302) responses[302] = { description: 'Redirect to the destination' };
      else if (code === 304) responses[304] = { description: 'Not modified (ETag matched)' };
      else responses[code] ??= problem('See the problem detail.');
    }
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      description: route.description,
      tags: [route.tag],
      security: route.access === 'public' ? [] : [{ deviceToken: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(bodySchema ? { body: { required: true, content: { 'application/json': { schema: bodySchema } } } } : {}),
      },
      // biome-ignore lint/suspicious/noExplicitAny: response objects are built generically.
      responses: responses as any,
    });
  }
  return doc.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Spoke hub',
      version,
      description:
        'The sync hub of Spoke: enrolment, approved content, guideline policy, participation events, tracked links and reports. Errors are application/problem+json.',
    },
  });
}

export type { HealthResponse };
