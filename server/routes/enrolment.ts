// `POST /v1/enroll`: redeem an invite code (public, rate-limited by client address in a bucket of its own).
import { EnrollRequestSchema, EnrollResponseSchema } from '../../lib/contract/hub';
import { hubRoute, jsonBody, NO_STORE, router, success } from '../routing';
import { enroll } from '../services/members';

const postEnroll = hubRoute(
  { access: 'public', rateKey: 'enrol', errors: [400, 404, 429] },
  {
    method: 'post',
    path: '/v1/enroll',
    tags: ['enrolment'],
    summary: 'Redeem an invite code: creates the member and a device token',
    request: { body: jsonBody(EnrollRequestSchema) },
    responses: { 201: success(EnrollResponseSchema) },
  },
);

export const enrolmentRoutes = [postEnroll];

export function enrolmentRouter() {
  return router().openapi(postEnroll.route, async (c) => {
    const body = await enroll(c.var.hub.db, c.req.valid('json'));
    return c.json(EnrollResponseSchema.parse(body), 201, NO_STORE);
  });
}
