import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { AuthService } from './auth';
import { ClientAddresses } from './client-address';
import type { HubConfig } from './config';
import { type Database, isDatabaseUnavailable } from './db';
import { Lifecycle, readinessProbe } from './lifecycle';
import { type Logger, log } from './log';
import { HubMetrics } from './metrics';
import { observe, routeOf } from './observe';
import { HttpError, isScimPath, problemResponse, scimErrorOf, scimErrorResponse } from './problem';
import { rateLimiterFor } from './rate-limit';
import { healthRouter } from './routes/health';
import { routes, v1Router } from './routes/index';
import { metricsRouter } from './routes/metrics';
import { type Hub, type HubEnv, problemHook } from './routing';

export interface HubOptions {
  /** Reported by `/healthz`; the package version by default. */
  version: string;
  /** Storage; without it only `/healthz` and `/v1/openapi.json` answer. */
  db?: Database;
  config?: HubConfig;
  /** Where request lines go (the process's logger by default), at `config.logLevel` (silent without a config). */
  logger?: Logger;
  /** Shared with `server/main.ts`, which stops the process (readiness, shutdown). */
  lifecycle?: Lifecycle;
}

/** An incoming `X-Request-Id` longer than this, or with other than letters, digits, `_`, `-`, `=`, is replaced. */
const MAX_REQUEST_ID = 64;

/** Every /v1 route (method, path, access…): the OpenAPI document and the access-matrix test read it. */
export const routeTable = routes;

/**
 * The hub as an `OpenAPIHono` app, independent of how it is served: `server/main.ts` runs it on Node, tests call
 * `app.request()` directly. One router per area in `server/routes/`, the domain logic in `server/services/`.
 */
export function createHubApp(options: HubOptions): OpenAPIHono<HubEnv> {
  const app = new OpenAPIHono<HubEnv>({ defaultHook: problemHook });
  const config = options.config;
  const logger = (options.logger ?? log).child({}, { level: config?.logLevel ?? 'silent' });
  const lifecycle = options.lifecycle ?? new Lifecycle();
  const inflight = { batches: 0 };
  const metrics = config?.metricsToken
    ? new HubMetrics(config.metricsToken, lifecycle, inflight, options.db, config.poolSize)
    : undefined;
  app.use('*', requestId({ limitLength: MAX_REQUEST_ID }));
  app.use('*', observe(logger, lifecycle, metrics));
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
      exposeHeaders: ['ETag', 'Retry-After', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.onError((error, c) => {
    if (error instanceof HttpError && isScimPath(c.req.path)) return scimErrorOf(error);
    if (error instanceof HttpError) {
      return problemResponse(error.status, error.detail, error.errors, error.headers, error.code);
    }
    // A JSON media type the route's validator does not take (`application/json-seq`, say).
    if (error instanceof HTTPException && error.status < 500 && isScimPath(c.req.path)) {
      return scimErrorResponse(error.status, error.message || 'The request is not valid.');
    }
    if (error instanceof HTTPException && error.status === 415) {
      return problemResponse(415, 'Send the body as JSON with "Content-Type: application/json".');
    }
    if (error instanceof HTTPException && error.status < 500) return problemResponse(error.status, error.message);
    const request = { reqId: c.var.requestId, method: c.req.method, route: routeOf(c) };
    if (isDatabaseUnavailable(error)) {
      logger.warn({ ...request, err: error }, 'the database is unavailable');
      // Nothing was applied (a transaction that lost its connection rolls back): the client retries, the same batch
      // under the same Idempotency-Key, once the database is back.
      return problemResponse(503, 'The hub cannot reach its database right now; retry in a few seconds.', undefined, {
        'retry-after': '5',
      });
    }
    logger.error({ ...request, err: error }, 'request failed');
    return problemResponse(500, 'Something went wrong on the hub; the request was not applied. Try again later.');
  });
  // Without a configuration there is no /v1 to send requests to: never ready.
  const ready = readinessProbe(lifecycle, config && options.db, config?.readyTimeoutMs ?? 0, logger);
  app.route('/', healthRouter(options.version, ready));
  if (metrics) app.route('/', metricsRouter(metrics));

  let openapi: unknown;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= openApiDocument(options.version);
    return c.json(openapi);
  });

  if (options.db && config) {
    const hub: Hub = {
      db: options.db,
      config,
      auth: new AuthService(options.db, config.authCacheSeconds * 1000, logger),
      limiter: rateLimiterFor(options.db),
      addresses: new ClientAddresses(config.trustedProxies),
      inflight,
      logger,
    };
    app.use('/v1/*', async (c, next) => {
      c.set('hub', hub);
      await next();
    });
    app.route('/', v1Router());
  }

  app.notFound((c) =>
    isScimPath(c.req.path)
      ? scimErrorResponse(404, `No route for ${c.req.path}.`)
      : problemResponse(404, `No route for ${c.req.path}.`),
  );
  return app;
}

/** The OpenAPI 3.1 document, generated from the routers' `createRoute` definitions and zod schemas. */
function openApiDocument(version: string): unknown {
  const doc = new OpenAPIHono();
  doc.openAPIRegistry.registerComponent('securitySchemes', 'deviceToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The device token from POST /v1/enroll.',
  });
  doc.openAPIRegistry.registerComponent('securitySchemes', 'metricsToken', {
    type: 'http',
    scheme: 'bearer',
    description: "The operator's SPOKE_METRICS_TOKEN, for GET /metrics only.",
  });
  doc.openAPIRegistry.registerComponent('securitySchemes', 'scimSecret', {
    type: 'http',
    scheme: 'bearer',
    description: "The organisation's SCIM secret from POST /v1/admin/scim/secret, for /v1/scim/v2 only.",
  });
  doc.route('/', healthRouter(version));
  doc.route('/', metricsRouter());
  doc.route('/', v1Router());
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
