// The CoE's SCIM secret: /v1/admin/scim. The secret is shown once, when made; a new one replaces the one before.
import {
  EmptyBodySchema,
  OkResponseSchema,
  ScimSecretResponseSchema,
  ScimSettingsSchema,
} from '../../lib/contract/hub';
import { hubRoute, jsonBody, NO_STORE, router, success } from '../routing';
import { newScimSecret, revokeScimSecret, scimSettings } from '../services/scim';

const getRoute = hubRoute(
  { access: 'coe' },
  {
    method: 'get',
    path: '/v1/admin/scim',
    tags: ['admin'],
    summary: "Where the organisation's IdP provisions members (SCIM base URL), and whether it has a secret",
    responses: { 200: success(ScimSettingsSchema) },
  },
);

const secretRoute = hubRoute(
  { access: 'coe' },
  {
    method: 'post',
    path: '/v1/admin/scim/secret',
    tags: ['admin'],
    summary: "A new SCIM secret for the organisation's IdP, shown once; the one before stops at once",
    request: { body: jsonBody(EmptyBodySchema) },
    responses: { 201: success(ScimSecretResponseSchema) },
  },
);

const revokeRoute = hubRoute(
  { access: 'coe', errors: [404] },
  {
    method: 'delete',
    path: '/v1/admin/scim/secret',
    tags: ['admin'],
    summary: 'Revoke the SCIM secret: provisioning stops until a new one is made',
    responses: { 200: success(OkResponseSchema) },
  },
);

export const adminScimRoutes = [getRoute, secretRoute, revokeRoute];

export function adminScimRouter() {
  return router()
    .openapi(getRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      return c.json(ScimSettingsSchema.parse(await scimSettings(db, config, c.var.auth.orgId)), 200, NO_STORE);
    })
    .openapi(secretRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      return c.json(ScimSecretResponseSchema.parse(await newScimSecret(db, config, c.var.auth.orgId)), 201, NO_STORE);
    })
    .openapi(revokeRoute.route, async (c) => {
      await revokeScimSecret(c.var.hub.db, c.var.auth.orgId);
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    });
}
