// The CoE's site pack: /v1/admin/site-pack. A corrected composer definition reaches members' browsers at their next
// sync, without an extension release (docs/sites.md §5).
import { OkResponseSchema } from '../../lib/contract/hub';
import {
  MAX_SITE_PACK_BYTES,
  PublishedSitePackSchema,
  SitePackResponseSchema,
  SitePackSchema,
} from '../../lib/contract/site-pack';
import { HttpError } from '../problem';
import { hubRoute, jsonBody, NO_STORE, router, success } from '../routing';
import { currentSitePack, publishSitePack, withdrawSitePack } from '../services/site-packs';

const getRoute = hubRoute(
  { access: 'coe', errors: [404] },
  {
    method: 'get',
    path: '/v1/admin/site-pack',
    tags: ['admin'],
    summary: "The organisation's current site pack (404 when members run the built-in one)",
    responses: { 200: success(SitePackResponseSchema) },
  },
);

const publishRoute = hubRoute(
  { access: 'coe', bodyLimit: MAX_SITE_PACK_BYTES },
  {
    method: 'put',
    path: '/v1/admin/site-pack',
    tags: ['admin'],
    summary: 'Publish a site pack (validated: schema and CSS syntax); members take it at their next sync',
    request: { body: jsonBody(SitePackSchema) },
    responses: { 200: success(PublishedSitePackSchema) },
  },
);

const withdrawRoute = hubRoute(
  { access: 'coe', errors: [404] },
  {
    method: 'delete',
    path: '/v1/admin/site-pack',
    tags: ['admin'],
    summary: 'Withdraw the site pack: members go back to the one built into their extension',
    responses: { 200: success(OkResponseSchema) },
  },
);

export const adminSitePackRoutes = [getRoute, publishRoute, withdrawRoute];

export function adminSitePackRouter() {
  return router()
    .openapi(getRoute.route, async (c) => {
      const stored = await currentSitePack(c.var.hub.db, c.var.auth.orgId);
      if (!stored) throw new HttpError(404, 'No site pack is published; members run the built-in one.');
      return c.json(SitePackResponseSchema.parse(stored), 200, NO_STORE);
    })
    .openapi(publishRoute.route, async (c) => {
      const stored = await publishSitePack(c.var.hub.db, c.var.auth.orgId, c.req.valid('json'));
      return c.json(PublishedSitePackSchema.parse(stored), 200, NO_STORE);
    })
    .openapi(withdrawRoute.route, async (c) => {
      if (!(await withdrawSitePack(c.var.hub.db, c.var.auth.orgId))) {
        throw new HttpError(404, 'No site pack is published.');
      }
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    });
}
