// Every /v1 route (SCIM's `/v1/scim/v2` too), one router per area. `routes` lists them in one place (method, path, access, rate key, body
// limit): the OpenAPI document, the access-matrix test and the fuzzing read it; `v1Router` mounts them.
import { type Access, type RateKey, router } from '../routing';
import { adminAnalyticsRouter, adminAnalyticsRoutes } from './admin-analytics';
import { adminContentRouter, adminContentRoutes } from './admin-content';
import { adminInviteRoutes, adminInvitesRouter } from './admin-invites';
import { adminMemberRoutes, adminMembersRouter } from './admin-members';
import { adminPolicyRouter, adminPolicyRoutes } from './admin-policy';
import { adminScimRouter, adminScimRoutes } from './admin-scim';
import { adminSitePackRouter, adminSitePackRoutes } from './admin-site-pack';
import { adminSsoRouter, adminSsoRoutes } from './admin-sso';
import { adminUnitRoutes, adminUnitsRouter } from './admin-units';
import { enrolmentRouter, enrolmentRoutes } from './enrolment';
import { linkRoutes, linksRouter } from './links';
import { meRouter, meRoutes } from './me';
import { scimRouter, scimRoutes } from './scim';
import { ssoRouter, ssoRoutes } from './sso';
import { syncRouter, syncRoutes } from './sync';

/** What the tests and the documentation need to know of a route. */
export interface RouteInfo {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'trace';
  /** Hono path (`/v1/admin/content/:id`). */
  path: string;
  access: Access;
  rateKey?: RateKey;
  bodyLimit?: number;
}

export const routes: readonly RouteInfo[] = [
  ...enrolmentRoutes,
  ...meRoutes,
  ...syncRoutes,
  ...linkRoutes,
  ...adminContentRoutes,
  ...adminUnitRoutes,
  ...adminInviteRoutes,
  ...adminMemberRoutes,
  ...adminAnalyticsRoutes,
  ...adminPolicyRoutes,
  ...adminSitePackRoutes,
  ...ssoRoutes,
  ...adminSsoRoutes,
  ...adminScimRoutes,
  ...scimRoutes,
];

/** All /v1 routers composed; each route brings its own authentication, rate limit and body limit. */
export function v1Router() {
  const v1 = router();
  for (const area of [
    enrolmentRouter(),
    meRouter(),
    syncRouter(),
    linksRouter(),
    adminContentRouter(),
    adminUnitsRouter(),
    adminInvitesRouter(),
    adminMembersRouter(),
    adminAnalyticsRouter(),
    adminPolicyRouter(),
    adminSitePackRouter(),
    ssoRouter(),
    adminSsoRouter(),
    adminScimRouter(),
    scimRouter(),
  ]) {
    v1.route('/', area);
  }
  return v1;
}
