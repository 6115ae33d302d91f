import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { HealthResponseSchema } from '../../lib/contract/hub';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness of the hub process',
  tags: ['health'],
  responses: { 200: { description: 'Up', content: { 'application/json': { schema: HealthResponseSchema } } } },
});

/** `GET /healthz`: the process is up. Says nothing about tenants, so it needs no authentication. */
export function healthRouter(version: string) {
  return new OpenAPIHono().openapi(healthz, (c) =>
    c.json(HealthResponseSchema.parse({ status: 'ok', service: 'spoke-hub', version }), 200),
  );
}
