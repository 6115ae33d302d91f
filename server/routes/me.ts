// The member's own data: /v1/me…, their reach and the leaderboard.
import {
  DeleteMeResponseSchema,
  DeviceListResponseSchema,
  EmptyBodySchema,
  IdParamSchema,
  LeaderboardResponseSchema,
  MeExportPageSchema,
  MeExportQuerySchema,
  MeSchema,
  OkResponseSchema,
  PeriodQuerySchema,
  ReachQuerySchema,
  ReachResponseSchema,
  RotateTokenResponseSchema,
  UpdateMeRequestSchema,
} from '../../lib/contract/hub';
import { tokenNoLongerWorks } from '../auth';
import { loadMe, period } from '../queries';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import { eraseMember } from '../services/erasure';
import { exportPage } from '../services/export';
import { leaderboard, listDevices, revokeDevice, rotateToken, updateMe } from '../services/members';
import { memberReach } from '../services/reach';

const member = { access: 'member' } as const;

const getMe = hubRoute(member, {
  method: 'get',
  path: '/v1/me',
  tags: ['me'],
  summary: 'The member and this device',
  responses: { 200: success(MeSchema) },
});

const patchMe = hubRoute(member, {
  method: 'patch',
  path: '/v1/me',
  tags: ['me'],
  summary: 'Change the display name or the leaderboard opt-in',
  request: { body: jsonBody(UpdateMeRequestSchema) },
  responses: { 200: success(MeSchema) },
});

const postToken = hubRoute(
  { ...member, errors: [409] },
  {
    method: 'post',
    path: '/v1/me/token',
    tags: ['me'],
    summary: 'Rotate this device token (the previous one works for 5 more minutes)',
    description:
      'Only with the current token. The previous token, sent to rotate (in its grace period) or sent at all after it, revokes the device: both tokens stop (401).',
    request: { body: jsonBody(EmptyBodySchema) },
    responses: { 200: success(RotateTokenResponseSchema) },
  },
);

const getDevices = hubRoute(member, {
  method: 'get',
  path: '/v1/me/devices',
  tags: ['me'],
  summary: "The member's devices",
  responses: { 200: success(DeviceListResponseSchema) },
});

const deleteDevice = hubRoute(
  { ...member, errors: [404] },
  {
    method: 'delete',
    path: '/v1/me/devices/{id}',
    tags: ['me'],
    summary: 'Revoke one of the member’s devices (its token stops working at once)',
    request: { params: IdParamSchema },
    responses: { 200: success(OkResponseSchema) },
  },
);

const getExport = hubRoute(member, {
  method: 'get',
  path: '/v1/me/export',
  tags: ['me'],
  summary: 'Everything the hub holds about the member, a page at a time (follow `next` as `cursor`)',
  request: { query: MeExportQuerySchema },
  responses: { 200: success(MeExportPageSchema) },
});

const deleteMe = hubRoute(member, {
  method: 'delete',
  path: '/v1/me',
  tags: ['me'],
  summary: 'Erase the member: personal data, devices, events, links and their clicks, their share of every roll-up',
  responses: { 200: success(DeleteMeResponseSchema) },
});

const getReach = hubRoute(member, {
  method: 'get',
  path: '/v1/me/reach',
  tags: ['me'],
  summary: "The member's shares, clicks on their links and views of their posts, by day or week; posts and streak",
  request: { query: ReachQuerySchema },
  responses: { 200: success(ReachResponseSchema) },
});

const getLeaderboard = hubRoute(member, {
  method: 'get',
  path: '/v1/leaderboard',
  tags: ['me'],
  summary: 'Opted-in members by shares; business units per capita',
  request: { query: PeriodQuerySchema },
  responses: { 200: success(LeaderboardResponseSchema) },
});

export const meRoutes = [
  getMe,
  patchMe,
  postToken,
  getDevices,
  deleteDevice,
  getExport,
  deleteMe,
  getReach,
  getLeaderboard,
];

export function meRouter() {
  return router()
    .openapi(getMe.route, async (c) => c.json(MeSchema.parse(await loadMe(c.var.hub.db, c.var.auth)), 200, NO_STORE))
    .openapi(patchMe.route, async (c) => {
      const me = await updateMe(c.var.hub.db, c.var.auth, c.req.valid('json'));
      return c.json(MeSchema.parse(me), 200, NO_STORE);
    })
    .openapi(postToken.route, async (c) => {
      if (c.var.auth.previousToken) {
        // A replaced token may not rotate: it would hand the device to whoever holds it (server/auth.ts).
        await c.var.hub.auth.revokeDevice(c.var.auth.deviceId, 'previous token used to rotate');
        throw tokenNoLongerWorks();
      }
      const rotated = await rotateToken(c.var.hub.db, c.var.auth);
      c.var.hub.auth.invalidate();
      return c.json(RotateTokenResponseSchema.parse(rotated), 200, NO_STORE);
    })
    .openapi(getDevices.route, async (c) => {
      const devices = await listDevices(c.var.hub.db, c.var.auth);
      return c.json(DeviceListResponseSchema.parse({ devices }), 200, NO_STORE);
    })
    .openapi(deleteDevice.route, async (c) => {
      await revokeDevice(c.var.hub.db, c.var.auth, idOf(c.req.valid('param'), 'No device with this id.'));
      c.var.hub.auth.invalidate();
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    })
    .openapi(getExport.route, async (c) => {
      const page = await exportPage(c.var.hub.db, c.var.auth, c.req.valid('query').cursor);
      return c.json(MeExportPageSchema.parse(page), 200, NO_STORE);
    })
    .openapi(deleteMe.route, async (c) => {
      const { orgId, memberId } = c.var.auth;
      // Null: a request of the same member erased them a moment ago; erased either way.
      const counts = (await eraseMember(c.var.hub.db, orgId, memberId, memberId)) ?? { events: 0, links: 0 };
      c.var.hub.auth.invalidate();
      return c.json(DeleteMeResponseSchema.parse({ erased: true, ...counts }), 200, NO_STORE);
    })
    .openapi(getReach.route, async (c) => {
      const query = c.req.valid('query');
      const { from, to } = period(query);
      const { orgId, memberId } = c.var.auth;
      const reach = await memberReach(c.var.hub.db, orgId, memberId, from, to, query.bucket);
      return c.json(ReachResponseSchema.parse(reach), 200, NO_STORE);
    })
    .openapi(getLeaderboard.route, async (c) => {
      const { from, to } = period(c.req.valid('query'));
      const board = await leaderboard(c.var.hub.db, c.var.auth, from, to);
      return c.json(LeaderboardResponseSchema.parse(board), 200, NO_STORE);
    });
}
