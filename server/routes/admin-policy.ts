// The CoE's guideline policy versions: /v1/admin/policy/versions….
import {
  CreatePolicyVersionRequestSchema,
  EmptyBodySchema,
  MAX_POLICY_BYTES,
  OkResponseSchema,
  PolicyVersionListResponseSchema,
  PolicyVersionParamSchema,
  PolicyVersionSchema,
} from '../../lib/contract/hub';
import { hubRoute, jsonBody, NO_STORE, router, success } from '../routing';
import {
  addPolicyVersion,
  getPolicyVersion,
  listPolicyVersions,
  publishPolicyVersion,
} from '../services/policy-versions';
import { checkUnits } from '../services/units';

const coe = { access: 'coe' } as const;

const listVersionsRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/policy/versions',
  tags: ['admin'],
  summary: 'Policy versions, newest first',
  responses: { 200: success(PolicyVersionListResponseSchema) },
});

const getVersionRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/policy/versions/{version}',
  tags: ['admin'],
  summary: 'One policy version with its central pack and its business-unit overlays',
  request: { params: PolicyVersionParamSchema },
  responses: { 200: success(PolicyVersionSchema) },
});

const addVersionRoute = hubRoute(
  { access: 'coe', bodyLimit: MAX_POLICY_BYTES, errors: [422, 503] },
  {
    method: 'post',
    path: '/v1/admin/policy/versions',
    tags: ['admin'],
    summary: 'Add a policy version: refused (422, with the failing rule and test) unless it validates and passes',
    request: { body: jsonBody(CreatePolicyVersionRequestSchema) },
    responses: { 201: success(PolicyVersionSchema) },
  },
);

const publishVersionRoute = hubRoute(coe, {
  method: 'post',
  path: '/v1/admin/policy/versions/{version}/publish',
  tags: ['admin'],
  summary: 'Make a policy version current (also to roll back)',
  request: { params: PolicyVersionParamSchema, body: jsonBody(EmptyBodySchema) },
  responses: { 200: success(OkResponseSchema) },
});

export const adminPolicyRoutes = [listVersionsRoute, getVersionRoute, addVersionRoute, publishVersionRoute];

export function adminPolicyRouter() {
  return router()
    .openapi(listVersionsRoute.route, async (c) => {
      const versions = await listPolicyVersions(c.var.hub.db, c.var.auth.orgId);
      return c.json(PolicyVersionListResponseSchema.parse({ versions }), 200, NO_STORE);
    })
    .openapi(getVersionRoute.route, async (c) => {
      const version = Number(c.req.valid('param').version);
      const body = await getPolicyVersion(c.var.hub.db, c.var.auth.orgId, version);
      return c.json(PolicyVersionSchema.parse(body), 200, NO_STORE);
    })
    .openapi(addVersionRoute.route, async (c) => {
      const { db } = c.var.hub;
      const auth = c.var.auth;
      const body = c.req.valid('json');
      await checkUnits(db, auth.orgId, Object.keys(body.overlays), 'body.overlays');
      const version = await addPolicyVersion(db, auth.orgId, body.pack, body.overlays, body.publish, auth.memberId);
      return c.json(PolicyVersionSchema.parse(version), 201, NO_STORE);
    })
    .openapi(publishVersionRoute.route, async (c) => {
      await publishPolicyVersion(c.var.hub.db, c.var.auth.orgId, Number(c.req.valid('param').version));
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    });
}
