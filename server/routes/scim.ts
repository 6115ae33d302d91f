// SCIM 2.0 `Users` for the organisation's identity provider (services/scim.ts): one base URL for every organisation,
// `<hub>/v1/scim/v2`, the organisation taken from its SCIM secret. Answers and refusals are `application/scim+json`
// (refusals in SCIM's error schema, server/problem.ts).
import {
  SCIM_MEDIA_TYPE,
  ScimErrorSchema,
  ScimListQuerySchema,
  ScimListResponseSchema,
  ScimPatchRequestSchema,
  ScimUserParamSchema,
  ScimUserRequestSchema,
  ScimUserSchema,
} from '../../lib/contract/hub';
import { hubRoute, NO_STORE, router } from '../routing';
import { createScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser } from '../services/scim';

const scim = { access: 'scim' } as const;
const SCIM_HEADERS = { 'content-type': SCIM_MEDIA_TYPE, ...NO_STORE };

function scimAnswer<S extends typeof ScimUserSchema | typeof ScimListResponseSchema>(
  schema: S,
  description = 'Success',
) {
  return { description, content: { [SCIM_MEDIA_TYPE]: { schema } } };
}

function scimBody<S extends typeof ScimUserRequestSchema | typeof ScimPatchRequestSchema>(schema: S) {
  return { required: true, content: { 'application/json': { schema }, [SCIM_MEDIA_TYPE]: { schema } } };
}

const scimError = (description: string) => ({
  description,
  content: { [SCIM_MEDIA_TYPE]: { schema: ScimErrorSchema } },
});

const createRoute = hubRoute(
  { ...scim, errors: [409] },
  {
    method: 'post',
    path: '/v1/scim/v2/Users',
    tags: ['scim'],
    summary: 'Provision a member before their first sign-in (userName, externalId, name, active, department → unit)',
    request: { body: scimBody(ScimUserRequestSchema) },
    responses: {
      201: scimAnswer(ScimUserSchema, 'Created'),
      409: scimError('A user with this userName exists (`scimType: uniqueness`).'),
    },
  },
);

const listRoute = hubRoute(
  { ...scim },
  {
    method: 'get',
    path: '/v1/scim/v2/Users',
    tags: ['scim'],
    summary: 'Provisioned members, filtered by `userName eq "…"` or `externalId eq "…"`, paged by startIndex and count',
    request: { query: ScimListQuerySchema },
    responses: { 200: scimAnswer(ScimListResponseSchema) },
  },
);

const getRoute = hubRoute(
  { ...scim, errors: [404] },
  {
    method: 'get',
    path: '/v1/scim/v2/Users/{id}',
    tags: ['scim'],
    summary: 'One provisioned member',
    request: { params: ScimUserParamSchema },
    responses: { 200: scimAnswer(ScimUserSchema) },
  },
);

const putRoute = hubRoute(
  { ...scim, errors: [404, 409] },
  {
    method: 'put',
    path: '/v1/scim/v2/Users/{id}',
    tags: ['scim'],
    summary: 'Replace a member as the IdP sees them; `active: false` revokes their device tokens at once',
    request: { params: ScimUserParamSchema, body: scimBody(ScimUserRequestSchema) },
    responses: { 200: scimAnswer(ScimUserSchema) },
  },
);

const patchRoute = hubRoute(
  { ...scim, errors: [404, 409] },
  {
    method: 'patch',
    path: '/v1/scim/v2/Users/{id}',
    tags: ['scim'],
    summary:
      'Change a member (PatchOp: active, userName, externalId, name, displayName, enterprise department); deactivation revokes their device tokens at once',
    request: { params: ScimUserParamSchema, body: scimBody(ScimPatchRequestSchema) },
    responses: { 200: scimAnswer(ScimUserSchema) },
  },
);

export const scimRoutes = [createRoute, listRoute, getRoute, putRoute, patchRoute];

export function scimRouter() {
  return router()
    .openapi(createRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      const user = await createScimUser(db, config, c.var.scim.orgId, c.req.valid('json'));
      return c.json(ScimUserSchema.parse(user), 201, { ...SCIM_HEADERS, location: user.meta.location });
    })
    .openapi(listRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      const list = await listScimUsers(db, config, c.var.scim.orgId, c.req.valid('query'));
      return c.json(ScimListResponseSchema.parse(list), 200, SCIM_HEADERS);
    })
    .openapi(getRoute.route, async (c) => {
      const { db, config } = c.var.hub;
      const user = await getScimUser(db, config, c.var.scim.orgId, c.req.valid('param').id);
      return c.json(ScimUserSchema.parse(user), 200, SCIM_HEADERS);
    })
    .openapi(putRoute.route, async (c) => {
      const { db, config, auth } = c.var.hub;
      const user = await replaceScimUser(db, config, c.var.scim.orgId, c.req.valid('param').id, c.req.valid('json'));
      auth.invalidate();
      return c.json(ScimUserSchema.parse(user), 200, SCIM_HEADERS);
    })
    .openapi(patchRoute.route, async (c) => {
      const { db, config, auth } = c.var.hub;
      const user = await patchScimUser(db, config, c.var.scim.orgId, c.req.valid('param').id, c.req.valid('json'));
      auth.invalidate();
      return c.json(ScimUserSchema.parse(user), 200, SCIM_HEADERS);
    });
}
