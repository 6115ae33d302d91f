import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { HealthResponseSchema, ProblemSchema } from '../../lib/contract/hub';
import type { Readiness } from '../lifecycle';
import { HttpError } from '../problem';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness of the hub process',
  tags: ['health'],
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthResponseSchema } } } },
});

/** `GET /readyz` when the hub may be sent requests (an operator's probe, not the extension's). */
const ReadyResponseSchema = z.object({ status: z.literal('ready') });

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers and the hub is not shutting down',
  tags: ['health'],
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: ReadyResponseSchema } } },
    503: {
      description: 'Not ready (database away or slow, shutting down); see `Retry-After`',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
});

/** Seconds a probe is told to wait when the hub is not ready, as for any answer while the database is away. */
const RETRY_AFTER = '5';

/**
 * `GET /healthz`: the process is up. `GET /readyz`: send it requests (`ready`, from server/lifecycle.ts). Neither
 * says anything about tenants, so they need no authentication.
 */
export function healthRouter(version: string, ready?: () => Promise<Readiness>) {
  return new OpenAPIHono()
    .openapi(healthz, (c) => c.json(HealthResponseSchema.parse({ status: 'ok', service: 'spoke-hub', version }), 200))
    .openapi(readyz, async (c) => {
      const verdict = ready ? await ready() : { ready: false as const, detail: 'The hub has no database.' };
      if (!verdict.ready) {
        throw new HttpError(503, verdict.detail, undefined, { 'retry-after': RETRY_AFTER, ...NO_CACHE });
      }
      return c.json({ status: 'ready' as const }, 200, NO_CACHE);
    });
}

const NO_CACHE = { 'cache-control': 'no-store' };
