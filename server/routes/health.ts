import { Hono } from 'hono';
import { type HealthResponse, HealthResponseSchema } from '../../lib/contract/hub';

/** `GET /healthz`: the process is up. Says nothing about tenants, so it needs no authentication. */
export function healthRoutes(version: string): Hono {
  return new Hono().get('/healthz', (c) => {
    const body: HealthResponse = HealthResponseSchema.parse({ status: 'ok', service: 'spoke-hub', version });
    return c.json(body);
  });
}
