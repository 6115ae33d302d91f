// The CoE's view of the organisation's members: /v1/admin/members….
import {
  EmptyBodySchema,
  IdParamSchema,
  MemberListResponseSchema,
  MemberSchema,
  UpdateMemberRequestSchema,
} from '../../lib/contract/hub';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import { deactivateMember, listMembers, updateMember } from '../services/members';

const coe = { access: 'coe' } as const;

const listMembersRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/members',
  tags: ['admin'],
  summary: 'Members of the organisation',
  responses: { 200: success(MemberListResponseSchema) },
});

const deactivateMemberRoute = hubRoute(coe, {
  method: 'post',
  path: '/v1/admin/members/{id}/deactivate',
  tags: ['admin'],
  summary: 'Deactivate a member: their device tokens stop working at once',
  request: { params: IdParamSchema, body: jsonBody(EmptyBodySchema) },
  responses: { 200: success(MemberSchema) },
});

const updateMemberRoute = hubRoute(coe, {
  method: 'patch',
  path: '/v1/admin/members/{id}',
  tags: ['admin'],
  summary: 'Change a member’s role or business unit',
  request: { params: IdParamSchema, body: jsonBody(UpdateMemberRequestSchema) },
  responses: { 200: success(MemberSchema) },
});

export const adminMemberRoutes = [listMembersRoute, deactivateMemberRoute, updateMemberRoute];

export function adminMembersRouter() {
  return router()
    .openapi(listMembersRoute.route, async (c) => {
      const members = await listMembers(c.var.hub.db, c.var.auth.orgId);
      return c.json(MemberListResponseSchema.parse({ members }), 200, NO_STORE);
    })
    .openapi(deactivateMemberRoute.route, async (c) => {
      const member = await deactivateMember(c.var.hub.db, c.var.auth, idOf(c.req.valid('param')));
      c.var.hub.auth.invalidate();
      return c.json(MemberSchema.parse(member), 200, NO_STORE);
    })
    .openapi(updateMemberRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const member = await updateMember(c.var.hub.db, c.var.auth, id, c.req.valid('json'));
      // A cached token still carries the old role and unit.
      c.var.hub.auth.invalidate();
      return c.json(MemberSchema.parse(member), 200, NO_STORE);
    });
}
