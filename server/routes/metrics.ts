import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ProblemSchema } from '../../lib/contract/hub';
import type { HubMetrics } from '../metrics';
import { HttpError } from '../problem';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const getMetrics = createRoute({
  method: 'get',
  path: '/metrics',
  summary: "Prometheus metrics of this hub process, for the operator's SPOKE_METRICS_TOKEN (404 when none is set)",
  tags: ['operations'],
  security: [{ metricsToken: [] }],
  responses: {
    200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: z.string() } } },
    401: problem('Not the metrics token.'),
    404: problem('The hub has no metrics token (SPOKE_METRICS_TOKEN), so no metrics.'),
  },
});

/**
 * `GET /metrics` behind its own bearer token (`SPOKE_METRICS_TOKEN`): a scraper holds neither a member's device token
 * nor anything that reads a tenant's data. The app mounts it only when the token is set; the document always shows it.
 */
export function metricsRouter(metrics?: HubMetrics) {
  return new OpenAPIHono().openapi(getMetrics, async (c) => {
    if (!metrics) throw new HttpError(404, `No route for ${c.req.path}.`);
    if (!metrics.authorised(c.req.header('authorization'))) {
      throw new HttpError(401, 'Send the metrics token as "Authorization: Bearer <SPOKE_METRICS_TOKEN>".', undefined, {
        'www-authenticate': 'Bearer realm="spoke-metrics"',
      });
    }
    return c.text(await metrics.scrape(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  });
}
