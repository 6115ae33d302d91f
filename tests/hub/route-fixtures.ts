// Sample requests for every route of the table, aimed at organisation A's resources (shared by the access matrix
// and the fuzzing).

import type { SitePack } from '../../lib/contract/site-pack';
import builtinPack from '../../lib/sites/packs/builtin.json';
import type { RouteInfo } from '../../server/routes/index';
import { createInvite } from '../../server/services/invites';
import { publishSitePack } from '../../server/services/site-packs';
import { call, enroll, makeEvent, type World } from './support';

export interface Request {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}
export interface Fixture {
  /** Builds a request aimed at organisation A's resources; `owner` is the token of the rightful caller. */
  prepare(w: World, r: Resources): Promise<Request & { owner?: string }> | (Request & { owner?: string });
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
  'get /v1/admin/analytics': { prepare: () => ({}) },
  'get /v1/admin/policy/versions': { prepare: () => ({}) },
  'get /v1/admin/policy/versions/:version': { prepare: (_w, r) => ({ params: { version: r.policyVersion } }) },
  'post /v1/admin/policy/versions': { prepare: () => ({ body: { pack: {}, overlays: {} } }) },
  'post /v1/admin/policy/versions/:version/publish': {
    prepare: (_w, r) => ({ params: { version: r.policyVersion }, body: {} }),
  },
};

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
