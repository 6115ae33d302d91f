// The CoE's report: /v1/admin/analytics (from the roll-ups only).
import { AnalyticsQuerySchema, AnalyticsResponseSchema } from '../../lib/contract/hub';
import { period } from '../queries';
import { hubRoute, NO_STORE, router, success } from '../routing';
import { analytics } from '../services/analytics';

const analyticsRoute = hubRoute(
  { access: 'coe' },
  {
    method: 'get',
    path: '/v1/admin/analytics',
    tags: ['admin'],
    summary: 'Participation, shares, clicks and views by business unit and network; top content, rules; idle members',
    request: { query: AnalyticsQuerySchema },
    responses: { 200: success(AnalyticsResponseSchema) },
  },
);

export const adminAnalyticsRoutes = [analyticsRoute];

export function adminAnalyticsRouter() {
  return router().openapi(analyticsRoute.route, async (c) => {
    const query = c.req.valid('query');
    const { from, to } = period(query);
    const report = await analytics(c.var.hub.db, c.var.auth.orgId, from, to, query.bucket);
    return c.json(AnalyticsResponseSchema.parse(report), 200, NO_STORE);
  });
}
