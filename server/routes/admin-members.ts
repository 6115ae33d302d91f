// The CoE's view of the organisation's members: /v1/admin/members….
import {
  DeleteMeResponseSchema,
  EmptyBodySchema,
  IdParamSchema,
  MemberListResponseSchema,
  MemberSchema,
  UpdateMemberRequestSchema,
} from '../../lib/contract/hub';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import { eraseMemberAsCoe } from '../services/erasure';
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

const eraseMemberRoute = hubRoute(
  { ...coe, errors: [404, 409] },
  {
    method: 'post',
    path: '/v1/admin/members/{id}/erase',
    tags: ['admin'],
    summary: 'Erase a member, a deactivated one (a leaver) too: as "Delete me" does; the audit log records it',
    description:
      'Erases the member as `DELETE /v1/me` does: their personal data, devices, events, links and clicks, and their share of every roll-up. The audit log keeps who erased which member id and when, nothing of what was erased. Not for yourself (409): use `DELETE /v1/me`.',
    request: { params: IdParamSchema, body: jsonBody(EmptyBodySchema) },
    responses: { 200: success(DeleteMeResponseSchema) },
  },
);

export const adminMemberRoutes = [listMembersRoute, deactivateMemberRoute, updateMemberRoute, eraseMemberRoute];

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
    .openapi(eraseMemberRoute.route, async (c) => {
      const counts = await eraseMemberAsCoe(
        c.var.hub.db,
        c.var.auth,
        idOf(c.req.valid('param'), 'No member with this id.'),
      );
      c.var.hub.auth.invalidate();
      return c.json(DeleteMeResponseSchema.parse({ erased: true, ...counts }), 200, NO_STORE);
    })
    .openapi(updateMemberRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const member = await updateMember(c.var.hub.db, c.var.auth, id, c.req.valid('json'));
      // A cached token still carries the old role and unit.
      c.var.hub.auth.invalidate();
      return c.json(MemberSchema.parse(member), 200, NO_STORE);
    });
}
