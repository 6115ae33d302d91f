import { Hono } from 'hono';
import type { HealthResponse } from '../lib/contract/hub';
import { healthRoutes } from './routes/health';

export interface HubOptions {
  /** Reported by `/healthz`; the package version by default. */
  version: string;
}

/**
 * The hub as a Hono app, independent of how it is served: `server/main.ts` runs it on Node, tests call
 * `app.request()` directly. Routes live one file per area in `server/routes/`.
 */
export function createHubApp(options: HubOptions): Hono {
  const app = new Hono();
  app.route('/', healthRoutes(options.version));
  app.notFound((c) =>
    c.json({ type: 'about:blank', title: 'Not found', status: 404, detail: `No route for ${c.req.path}.` }, 404, {
      'content-type': 'application/problem+json',
    }),
  );
  return app;
}

export type { HealthResponse };
