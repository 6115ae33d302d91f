// The CoE's invite codes: /v1/admin/invites….
import {
  CreateInviteRequestSchema,
  CreateInviteResponseSchema,
  IdParamSchema,
  InviteListResponseSchema,
  InviteSchema,
} from '../../lib/contract/hub';
import { HttpError } from '../problem';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import { createInvite, inviteDto, listInvites, revokeInvite } from '../services/invites';
import { invitesSwitchedOff } from '../services/sso';
import { checkUnits } from '../services/units';

const coe = { access: 'coe' } as const;

const listInvitesRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/invites',
  tags: ['admin'],
  summary: 'Invites (codes are shown only at creation)',
  responses: { 200: success(InviteListResponseSchema) },
});

const createInviteRoute = hubRoute(
  { ...coe, errors: [409] },
  {
    method: 'post',
    path: '/v1/admin/invites',
    tags: ['admin'],
    summary: 'Create an invite code for a business unit and a role',
    request: { body: jsonBody(CreateInviteRequestSchema) },
    responses: { 201: success(CreateInviteResponseSchema) },
  },
);

const revokeInviteRoute = hubRoute(coe, {
  method: 'delete',
  path: '/v1/admin/invites/{id}',
  tags: ['admin'],
  summary: 'Revoke an invite',
  request: { params: IdParamSchema },
  responses: { 200: success(InviteSchema) },
});

export const adminInviteRoutes = [listInvitesRoute, createInviteRoute, revokeInviteRoute];

export function adminInvitesRouter() {
  return router()
    .openapi(listInvitesRoute.route, async (c) => {
      const invites = await listInvites(c.var.hub.db, c.var.auth.orgId);
      return c.json(InviteListResponseSchema.parse({ invites }), 200, NO_STORE);
    })
    .openapi(createInviteRoute.route, async (c) => {
      const { db } = c.var.hub;
      const auth = c.var.auth;
      const body = c.req.valid('json');
      if (await invitesSwitchedOff(db.db, auth.orgId)) {
        throw new HttpError(
          409,
          'Invite codes are switched off for your organisation: members sign in with single sign-on.',
        );
      }
      await checkUnits(db, auth.orgId, [body.businessUnitId], 'body.businessUnitId');
      const { code, row } = await createInvite(db, {
        orgId: auth.orgId,
        businessUnitId: body.businessUnitId,
        role: body.role,
        maxUses: body.maxUses,
        expiresInHours: body.expiresInHours,
        createdBy: auth.memberId,
      });
      return c.json(CreateInviteResponseSchema.parse({ ...inviteDto(row), code }), 201, NO_STORE);
    })
    .openapi(revokeInviteRoute.route, async (c) => {
      const invite = await revokeInvite(c.var.hub.db, c.var.auth.orgId, idOf(c.req.valid('param')));
      return c.json(InviteSchema.parse(invite), 200, NO_STORE);
    });
}
