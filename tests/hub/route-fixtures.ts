// Sample requests for every route of the table, aimed at organisation A's resources (shared by the access matrix
// and the fuzzing).

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ScimUserRequestSchema, SsoConfigRequestSchema } from '../../lib/contract/hub';
import type { SitePack } from '../../lib/contract/site-pack';
import builtinPack from '../../lib/sites/packs/builtin.json';
import type { RouteInfo } from '../../server/routes/index';
import { createInvite } from '../../server/services/invites';
import { createScimUser, listScimUsers, newScimSecret } from '../../server/services/scim';
import { publishSitePack } from '../../server/services/site-packs';
import { getSsoConfig, putSsoConfig } from '../../server/services/sso';
import { signInAtIdp, startTestIdp, TestBrowser, type TestIdp } from './oidc-idp';
import { call, enroll, makeEvent, type World } from './support';

export interface Request {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}
/**
 * `owner`: the token of the rightful caller. `intruders`: for SCIM routes, the secrets of another organisation's IdP
 * (a device token never works there).
 */
type Prepared = Request & { owner?: string; intruders?: string[] };
export interface Fixture {
  /** Builds a request aimed at organisation A's resources. */
  prepare(w: World, r: Resources): Promise<Prepared> | Prepared;
}
export interface Resources {
  contentId: string;
  draftId: string;
  inviteId: string;
  linkCode: string;
  policyVersion: string;
}

export const fixtures: Record<string, Fixture> = {
  'post /v1/enroll': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      return { body: { inviteCode: code, displayName: 'Matrix' } };
    },
  },
  'get /v1/me': { prepare: () => ({}) },
  'patch /v1/me': { prepare: () => ({ body: { displayName: 'Renamed' } }) },
  'post /v1/me/token': {
    // Its own member: a rotated token may not rotate again, and stops when its grace period ends.
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      return { body: {}, owner: (await enroll(w.app, code, 'Rotator')).token };
    },
  },
  'get /v1/me/export': { prepare: () => ({}) },
  'get /v1/me/devices': { prepare: () => ({}) },
  'delete /v1/me/devices/:id': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      const member = await enroll(w.app, code, 'Device owner');
      const me = await call(w.app, 'GET', '/v1/me', { token: member.token });
      const deviceId = ((await me.json()) as { device: { id: string } }).device.id;
      return { params: { id: deviceId }, owner: member.token };
    },
  },
  'delete /v1/me': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      return { owner: (await enroll(w.app, code, 'Leaver')).token };
    },
  },
  'get /v1/me/reach': { prepare: () => ({ query: { bucket: 'day' } }) },
  'get /v1/leaderboard': { prepare: () => ({}) },
  'get /v1/library': { prepare: () => ({ query: { since: '0' } }) },
  'get /v1/policy': { prepare: () => ({}) },
  'get /v1/site-pack': { prepare: (w) => withSitePack(w, {}) },
  'get /v1/admin/site-pack': { prepare: (w) => withSitePack(w, {}) },
  'put /v1/admin/site-pack': { prepare: () => ({ body: builtinPack }) },
  'delete /v1/admin/site-pack': { prepare: (w) => withSitePack(w, {}) },
  'post /v1/events': {
    prepare: () => ({ body: { sentAt: new Date().toISOString(), events: [makeEvent()] } }),
  },
  'post /v1/links': { prepare: (_w, r) => ({ body: { contentId: r.contentId, network: 'linkedin' } }) },
  'get /v1/r/:code': { prepare: (_w, r) => ({ params: { code: r.linkCode } }) },
  'get /v1/admin/content': { prepare: () => ({}) },
  'post /v1/admin/content': {
    prepare: () => ({ body: { title: 'New', url: 'https://example.com/new', variants: { x: { text: 'New!' } } } }),
  },
  'get /v1/admin/content/:id': { prepare: (_w, r) => ({ params: { id: r.contentId } }) },
  'patch /v1/admin/content/:id': { prepare: (_w, r) => ({ params: { id: r.draftId }, body: { title: 'Hijacked' } }) },
  'post /v1/admin/content/:id/publish': { prepare: (_w, r) => ({ params: { id: r.draftId }, body: {} }) },
  'post /v1/admin/content/:id/archive': { prepare: (_w, r) => ({ params: { id: r.draftId }, body: {} }) },
  'delete /v1/admin/content/:id': { prepare: (_w, r) => ({ params: { id: r.draftId } }) },
  'get /v1/admin/business-units': { prepare: () => ({}) },
  'post /v1/admin/business-units': { prepare: (w) => ({ body: { name: 'Intruders', parentId: w.a.rootId } }) },
  'patch /v1/admin/business-units/:id': {
    prepare: (w) => ({ params: { id: w.a.units.Sales as string }, body: { name: 'Renamed unit' } }),
  },
  'get /v1/admin/invites': { prepare: () => ({}) },
  'post /v1/admin/invites': { prepare: (w) => ({ body: { businessUnitId: w.a.units.Sales } }) },
  'delete /v1/admin/invites/:id': { prepare: (_w, r) => ({ params: { id: r.inviteId } }) },
  'get /v1/admin/members': { prepare: () => ({}) },
  'post /v1/admin/members/:id/deactivate': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      return { params: { id: (await enroll(w.app, code, 'Goner')).id }, body: {} };
    },
  },
  'post /v1/admin/members/:id/erase': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      const leaver = await enroll(w.app, code, 'Leaver');
      await call(w.app, 'POST', '/v1/events', {
        token: leaver.token,
        body: { sentAt: new Date().toISOString(), events: [makeEvent()] },
      });
      await call(w.app, 'POST', `/v1/admin/members/${leaver.id}/deactivate`, { token: w.a.coe.token, body: {} });
      return { params: { id: leaver.id }, body: {} };
    },
  },
  'patch /v1/admin/members/:id': {
    async prepare(w) {
      const { code } = await createInvite(w.db, {
        orgId: w.a.orgId,
        businessUnitId: w.a.rootId,
        role: 'advocate',
        maxUses: 1,
        expiresInHours: 1,
      });
      const member = await enroll(w.app, code, 'Mover');
      return { params: { id: member.id }, body: { businessUnitId: w.a.units.Engineering } };
    },
  },
  'post /v1/sso/:org/start': {
    async prepare(w) {
      await withSso(w);
      return { params: { org: 'org-a' }, body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: pkce().challenge } };
    },
  },
  'get /v1/sso/callback': {
    // The IdP's answer when the member cancelled: the hub passes it on to the extension (302).
    async prepare(w) {
      const { authorizationUrl } = await startSignIn(w);
      const state = new URL(authorizationUrl).searchParams.get('state') as string;
      return { query: { state, error: 'access_denied' } };
    },
  },
  'post /v1/sso/token': {
    async prepare(w) {
      const { code, verifier } = await signedInAtIdp(w);
      return { body: { code, codeVerifier: verifier } };
    },
  },
  'post /v1/sso/refresh': {
    // Its own member, signed in through the IdP (an invite's device has nothing to refresh).
    async prepare(w) {
      const { code, verifier } = await signedInAtIdp(w);
      const redeemed = await call(w.app, 'POST', '/v1/sso/token', { body: { code, codeVerifier: verifier } });
      return { body: {}, owner: ((await redeemed.json()) as { token: string }).token };
    },
  },
  'get /v1/admin/sso': {
    async prepare(w) {
      await withSso(w);
      return {};
    },
  },
  'put /v1/admin/sso': { prepare: async (w) => ({ body: ssoConfigOf(w, await testIdp(w)) }) },
  'delete /v1/admin/sso': {
    async prepare(w) {
      await withSso(w);
      return {};
    },
  },
  'get /v1/admin/scim': { prepare: () => ({}) },
  'post /v1/admin/scim/secret': { prepare: () => ({ body: {} }) },
  'delete /v1/admin/scim/secret': {
    async prepare(w) {
      await newScimSecret(w.db, w.config, w.a.orgId);
      return {};
    },
  },
  'post /v1/scim/v2/Users': {
    prepare: async (w) => ({ ...(await scimCallers(w)), body: { userName: `new-${randomUUID()}@a.test` } }),
  },
  'get /v1/scim/v2/Users': {
    prepare: async (w) => ({ ...(await scimCallers(w)), query: { filter: 'userName eq "provisioned@a.test"' } }),
  },
  'get /v1/scim/v2/Users/:id': {
    prepare: async (w) => ({ ...(await scimCallers(w)), params: { id: await provisioned(w) } }),
  },
  'put /v1/scim/v2/Users/:id': {
    prepare: async (w) => ({
      ...(await scimCallers(w)),
      params: { id: await provisioned(w) },
      body: { userName: 'provisioned@a.test', displayName: 'Renamed by the IdP', active: true },
    }),
  },
  'patch /v1/scim/v2/Users/:id': {
    prepare: async (w) => ({
      ...(await scimCallers(w)),
      params: { id: await provisioned(w) },
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'displayName', value: 'Patched by the IdP' }],
      },
    }),
  },
  'get /v1/admin/analytics': { prepare: () => ({}) },
  'get /v1/admin/policy/versions': { prepare: () => ({}) },
  'get /v1/admin/policy/versions/:version': { prepare: (_w, r) => ({ params: { version: r.policyVersion } }) },
  'post /v1/admin/policy/versions': { prepare: () => ({ body: { pack: {}, overlays: {} } }) },
  'post /v1/admin/policy/versions/:version/publish': {
    prepare: (_w, r) => ({ params: { version: r.policyVersion }, body: {} }),
  },
};

/** Fresh SCIM secrets (each makes the one before stop): A's IdP is the owner, B's the intruder. */
async function scimCallers(w: World): Promise<{ owner: string; intruders: string[] }> {
  const a = await newScimSecret(w.db, w.config, w.a.orgId);
  const b = await newScimSecret(w.db, w.config, w.b.orgId);
  return { owner: a.secret, intruders: [b.secret] };
}

/** A member of A provisioned by SCIM (`provisioned@a.test`), made once per world. */
async function provisioned(w: World): Promise<string> {
  const list = await listScimUsers(w.db, w.config, w.a.orgId, { filter: 'userName eq "provisioned@a.test"' });
  const found = list.Resources[0]?.id;
  if (found) return found;
  const made = await createScimUser(
    w.db,
    w.config,
    w.a.orgId,
    ScimUserRequestSchema.parse({ userName: 'provisioned@a.test' }),
  );
  return made.id;
}

export const key = (r: RouteInfo) => `${r.method} ${r.path}`;

export function pathFor(route: RouteInfo, req: Request): string {
  let path = route.path.replace(/:([A-Za-z_]+)/g, (_, name: string) => encodeURIComponent(req.params?.[name] ?? ''));
  if (req.query) path += `?${new URLSearchParams(req.query)}`;
  return path;
}

/** Organisation A's resources: a published item, a draft, an invite, a tracked link, an event. */
export async function makeResources(w: World): Promise<Resources> {
  const make = async (title: string) => {
    const r = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title, url: 'https://example.com/a', variants: { linkedin: { text: 'Hello' } } },
    });
    return ((await r.json()) as { id: string }).id;
  };
  const contentId = await make('A content');
  await call(w.app, 'POST', `/v1/admin/content/${contentId}/publish`, { token: w.a.coe.token, body: {} });
  const draftId = await make('A draft');
  const inv = await call(w.app, 'POST', '/v1/admin/invites', {
    token: w.a.coe.token,
    body: { businessUnitId: w.a.rootId },
  });
  const inviteId = ((await inv.json()) as { id: string }).id;
  const link = await call(w.app, 'POST', '/v1/links', { token: w.a.alice.token, body: { contentId, network: 'x' } });
  const linkCode = ((await link.json()) as { code: string }).code;
  await call(w.app, 'POST', '/v1/events', {
    token: w.a.alice.token,
    body: { sentAt: new Date().toISOString(), events: [makeEvent({ contentId })] },
  });
  return { contentId, draftId, inviteId, linkCode, policyVersion: '1' };
}

/** Organisation A has published a site pack, so that its routes have something to answer with. */
async function withSitePack(w: World, request: Request): Promise<Request> {
  await publishSitePack(w.db, w.a.orgId, builtinPack as SitePack);
  return request;
}

const EXTENSION_REDIRECT = 'https://dhdhjhogeaomelbceofajjicgiiaccpm.chromiumapp.org/sso';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** One OpenID provider on loopback for every world of the process, with an account for organisation A. */
let idp: Promise<TestIdp> | undefined;
async function testIdp(w: World): Promise<TestIdp> {
  idp ??= startTestIdp({ redirectUris: [`${w.config.publicUrl}/v1/sso/callback`] }).then((started) => {
    started.accounts.set('matrix-member', { name: 'Matrix Member', department: 'Sales', groups: ['staff'] });
    return started;
  });
  const started = await idp;
  // The world's hub accepts this plain-http IdP, as SPOKE_SSO_HTTP_ISSUERS would tell it to.
  if (!w.config.sso.httpIssuers.includes(started.issuer)) w.config.sso.httpIssuers.push(started.issuer);
  return started;
}

function ssoConfigOf(w: World, provider: TestIdp) {
  return {
    slug: 'org-a',
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: { source: 'value' as const, value: provider.clientSecret },
    claims: { businessUnit: 'department' },
    businessUnits: [{ value: 'Sales', businessUnitId: w.a.units.Sales as string }],
  };
}

/** Organisation A signs in through the test IdP. */
async function withSso(w: World): Promise<void> {
  const provider = await testIdp(w);
  const exists = await getSsoConfig(w.db, w.config, w.a.orgId).then(
    () => true,
    () => false,
  );
  if (!exists) await putSsoConfig(w.db, w.config, w.a.orgId, SsoConfigRequestSchema.parse(ssoConfigOf(w, provider)));
}

async function startSignIn(w: World) {
  await withSso(w);
  const { verifier, challenge } = pkce();
  const started = await call(w.app, 'POST', '/v1/sso/org-a/start', {
    body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge },
  });
  if (started.status !== 200) throw new Error(`sign-in start: ${started.status} ${await started.text()}`);
  return { verifier, authorizationUrl: ((await started.json()) as { authorizationUrl: string }).authorizationUrl };
}

/** A member of A signed in at the IdP and back at the hub: the one-time code for the extension. */
async function signedInAtIdp(w: World): Promise<{ code: string; verifier: string }> {
  const { verifier, authorizationUrl } = await startSignIn(w);
  const callback = await signInAtIdp(
    new TestBrowser(),
    authorizationUrl,
    'matrix-member',
    `${w.config.publicUrl}/v1/sso/callback`,
  );
  const answer = await call(w.app, 'GET', `${callback.pathname}${callback.search}`);
  const code = new URL(answer.headers.get('location') ?? 'https://x.invalid').searchParams.get('code');
  if (!code) throw new Error(`no one-time code: ${answer.status} ${answer.headers.get('location')}`);
  return { code, verifier };
}
