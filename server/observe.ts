// One log line and the metrics of every request: its id, method, route pattern, status and latency. The route is the
// pattern the request matched (`/v1/r/:code`), never the path: a path can hold a link code or an id, and its query
// string a cursor. Nothing of the body, the query string or the headers is read here.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './log';
import type { HubMetrics } from './metrics';
import type { HubEnv } from './routing';

/** The pattern of the route that answered, or `unmatched` (middleware alone: a 404, a CORS preflight). */
export function routeOf(c: Context): string {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index--) {
    const route = routes[index];
    if (route && route.method !== 'ALL') return route.path;
  }
  return 'unmatched';
}

/**
 * Counts the request in flight, logs it once answered and records it in the metrics. While the process stops, every
 * answer closes its connection, so that keep-alive clients reconnect to another instance.
 */
export function observe(logger: Logger, lifecycle: Lifecycle, metrics?: HubMetrics): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    const started = performance.now();
    lifecycle.inFlight++;
    try {
      await next();
    } finally {
      lifecycle.inFlight--;
    }
    if (lifecycle.stopping) c.header('connection', 'close');
    const ms = performance.now() - started;
    const route = routeOf(c);
    const { method } = c.req;
    const { status } = c.res;
    logger.info({ reqId: c.var.requestId, method, route, status, ms: Math.round(ms * 10) / 10 }, 'request');
    if (metrics) {
      metrics.request(method, route, status, ms / 1000);
      const ingested = c.var.ingested;
      if (ingested) metrics.ingested(ingested);
    }
  };
}
