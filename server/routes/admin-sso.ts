// The CoE's single sign-on configuration: /v1/admin/sso. The client secret is taken, never shown again.
import { OkResponseSchema, SsoConfigRequestSchema, SsoConfigSchema } from '../../lib/contract/hub';
import { hubRoute, jsonBody, NO_STORE, router, success } from '../routing';
import { deleteSsoConfig, getSsoConfig, putSsoConfig } from '../services/sso';

const getRoute = hubRoute(
  { access: 'coe', errors: [404] },
  {
    method: 'get',
    path: '/v1/admin/sso',
    tags: ['admin'],
    summary: "The organisation's identity provider and claim mappings (the client secret's source, never the secret)",
    responses: { 200: success(SsoConfigSchema) },
  },
);

const putRoute = hubRoute(
  { access: 'coe', errors: [409] },
  {
    method: 'put',
    path: '/v1/admin/sso',
    tags: ['admin'],
    summary:
      'Set up single sign-on: issuer, client, scopes, claims to units and the CoE role, token period, invite codes on or off',
    request: { body: jsonBody(SsoConfigRequestSchema) },
    responses: { 200: success(SsoConfigSchema) },
  },
);

const deleteRoute = hubRoute(
  { access: 'coe', errors: [404] },
  {
    method: 'delete',
    path: '/v1/admin/sso',
    tags: ['admin'],
    summary: 'Stop signing in through the identity provider (invite codes work again)',
    responses: { 200: success(OkResponseSchema) },
  },
);

export const adminSsoRoutes = [getRoute, putRoute, deleteRoute];

export function adminSsoRouter() {
  return router()
    .openapi(getRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      return c.json(SsoConfigSchema.parse(await getSsoConfig(db, config, c.var.auth.orgId)), 200, NO_STORE);
    })
    .openapi(putRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      const saved = await putSsoConfig(db, config, c.var.auth.orgId, c.req.valid('json'));
      return c.json(SsoConfigSchema.parse(saved), 200, NO_STORE);
    })
    .openapi(deleteRoute.route, async (c) => {
      await deleteSsoConfig(c.var.hub.db, c.var.auth.orgId);
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    });
}
