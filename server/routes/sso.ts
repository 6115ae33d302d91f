// Signing in through the organisation's identity provider (services/sso.ts has the whole journey): the extension
// starts a sign-in, the IdP's answer comes back to the callback in the member's browser, the extension redeems the
// one-time code for a device token, and later asks the IdP to vouch for the member again.
import {
  EmptyBodySchema,
  EnrollResponseSchema,
  SSO_CALLBACK_PATH,
  SsoCallbackQuerySchema,
  SsoOrgParamSchema,
  SsoRefreshResponseSchema,
  SsoStartRequestSchema,
  SsoStartResponseSchema,
  SsoTokenRequestSchema,
} from '../../lib/contract/hub';
import { hubRoute, jsonBody, NO_STORE, REDIRECT, router, success } from '../routing';
import { finishSignIn, redeemSignIn, refreshSignIn, startSignIn } from '../services/sso';

// The public steps share the enrolment bucket of the client's address: they are how one joins, as an invite is.
const signInStep = { access: 'public', rateKey: 'enrol' } as const;

const startRoute = hubRoute(
  { ...signInStep, errors: [404, 409, 503] },
  {
    method: 'post',
    path: '/v1/sso/{org}/start',
    tags: ['sso'],
    summary: "Start signing in through the organisation's identity provider: the address to open",
    description:
      "`redirectUri` must be the Spoke extension's (`identity.getRedirectURL()`, an origin the hub allows); `codeChallenge` is the S256 challenge of a verifier the extension sends with the one-time code.",
    request: { params: SsoOrgParamSchema, body: jsonBody(SsoStartRequestSchema) },
    responses: { 200: success(SsoStartResponseSchema) },
  },
);

const callbackRoute = hubRoute(
  { ...signInStep },
  {
    method: 'get',
    path: SSO_CALLBACK_PATH,
    tags: ['sso'],
    summary:
      "The identity provider's answer, in the member's browser: 302 to the extension's redirect URI with a one-time `code`, or an `error`",
    request: { query: SsoCallbackQuerySchema },
    responses: { 302: REDIRECT },
  },
);

const tokenRoute = hubRoute(
  { ...signInStep },
  {
    method: 'post',
    path: '/v1/sso/token',
    tags: ['sso'],
    summary: 'Redeem the one-time code of a sign-in (with its PKCE verifier) for a device token',
    request: { body: jsonBody(SsoTokenRequestSchema) },
    responses: { 201: success(EnrollResponseSchema) },
  },
);

const refreshRoute = hubRoute(
  { access: 'member', errors: [409, 503] },
  {
    method: 'post',
    path: '/v1/sso/refresh',
    tags: ['sso'],
    summary:
      "Ask the identity provider to vouch for this device's member again; refused: 401 `sign-in-required` from now on",
    request: { body: jsonBody(EmptyBodySchema) },
    responses: { 200: success(SsoRefreshResponseSchema) },
  },
);

export const ssoRoutes = [startRoute, callbackRoute, tokenRoute, refreshRoute];

export function ssoRouter() {
  return router()
    .openapi(startRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      const answer = await startSignIn(db, config, c.req.valid('param').org, c.req.valid('json'));
      return c.json(SsoStartResponseSchema.parse(answer), 200, NO_STORE);
    })
    .openapi(callbackRoute.route, async (c) => {
      const { db, config, auth, logger } = c.var.hub;
      const location = await finishSignIn(db, config, c.req.valid('query'), new URL(c.req.url).search.slice(1), logger);
      auth.invalidate(); // a member moved or given a role: no cached token keeps the old ones
      return new Response(null, {
        status: 302,
        headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
      });
    })
    .openapi(tokenRoute.route, async (c) => {
      const body = await redeemSignIn(c.var.hub.db, c.req.valid('json'));
      return c.json(EnrollResponseSchema.parse(body), 201, NO_STORE);
    })
    .openapi(refreshRoute.route, async (c) => {
      const { db, config, auth } = c.var.hub;
      try {
        return c.json(SsoRefreshResponseSchema.parse(await refreshSignIn(db, config, c.var.auth)), 200, NO_STORE);
      } finally {
        auth.invalidate();
      }
    });
}
