// The CoE's content items: /v1/admin/content….
import {
  ContentItemSchema,
  ContentListQuerySchema,
  ContentListResponseSchema,
  CreateContentRequestSchema,
  EmptyBodySchema,
  IdParamSchema,
  OkResponseSchema,
  UpdateContentRequestSchema,
} from '../../lib/contract/hub';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import {
  createContent,
  deleteContent,
  getContent,
  listContent,
  setContentStatus,
  updateContent,
} from '../services/content';

const coe = { access: 'coe' } as const;
const coeLarge = { access: 'coe', bodyLimit: 64 * 1024 } as const;

const listContentRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/content',
  tags: ['admin'],
  summary: 'All content items (drafts, published, archived)',
  request: { query: ContentListQuerySchema },
  responses: { 200: success(ContentListResponseSchema) },
});

const createContentRoute = hubRoute(coeLarge, {
  method: 'post',
  path: '/v1/admin/content',
  tags: ['admin'],
  summary: 'Create a content item (a draft)',
  request: { body: jsonBody(CreateContentRequestSchema) },
  responses: { 201: success(ContentItemSchema) },
});

const getContentRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/content/{id}',
  tags: ['admin'],
  summary: 'One content item',
  request: { params: IdParamSchema },
  responses: { 200: success(ContentItemSchema) },
});

const updateContentRoute = hubRoute(coeLarge, {
  method: 'patch',
  path: '/v1/admin/content/{id}',
  tags: ['admin'],
  summary: 'Edit a content item (409 when expectedVersion is stale)',
  request: { params: IdParamSchema, body: jsonBody(UpdateContentRequestSchema) },
  responses: { 200: success(ContentItemSchema) },
});

const publishContentRoute = hubRoute(coe, {
  method: 'post',
  path: '/v1/admin/content/{id}/publish',
  tags: ['admin'],
  summary: 'Publish a content item (advocates receive it with the next library sync)',
  request: { params: IdParamSchema, body: jsonBody(EmptyBodySchema) },
  responses: { 200: success(ContentItemSchema) },
});

const archiveContentRoute = hubRoute(coe, {
  method: 'post',
  path: '/v1/admin/content/{id}/archive',
  tags: ['admin'],
  summary: 'Archive a content item (a tombstone for advocates)',
  request: { params: IdParamSchema, body: jsonBody(EmptyBodySchema) },
  responses: { 200: success(ContentItemSchema) },
});

const deleteContentRoute = hubRoute(coe, {
  method: 'delete',
  path: '/v1/admin/content/{id}',
  tags: ['admin'],
  summary: 'Delete a content item (kept as a tombstone for sync)',
  request: { params: IdParamSchema },
  responses: { 200: success(OkResponseSchema) },
});

export const adminContentRoutes = [
  listContentRoute,
  createContentRoute,
  getContentRoute,
  updateContentRoute,
  publishContentRoute,
  archiveContentRoute,
  deleteContentRoute,
];

export function adminContentRouter() {
  return router()
    .openapi(listContentRoute.route, async (c) => {
      const items = await listContent(c.var.hub.db, c.var.auth.orgId, c.req.valid('query').status);
      return c.json(ContentListResponseSchema.parse({ items }), 200, NO_STORE);
    })
    .openapi(createContentRoute.route, async (c) => {
      const item = await createContent(c.var.hub.db, c.var.auth.orgId, c.req.valid('json'));
      return c.json(ContentItemSchema.parse(item), 201, NO_STORE);
    })
    .openapi(getContentRoute.route, async (c) => {
      const item = await getContent(c.var.hub.db, c.var.auth.orgId, idOf(c.req.valid('param')));
      return c.json(ContentItemSchema.parse(item), 200, NO_STORE);
    })
    .openapi(updateContentRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const item = await updateContent(c.var.hub.db, c.var.auth.orgId, id, c.req.valid('json'));
      return c.json(ContentItemSchema.parse(item), 200, NO_STORE);
    })
    .openapi(publishContentRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const item = await setContentStatus(c.var.hub.db, c.var.auth.orgId, id, 'published');
      return c.json(ContentItemSchema.parse(item), 200, NO_STORE);
    })
    .openapi(archiveContentRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const item = await setContentStatus(c.var.hub.db, c.var.auth.orgId, id, 'archived');
      return c.json(ContentItemSchema.parse(item), 200, NO_STORE);
    })
    .openapi(deleteContentRoute.route, async (c) => {
      await deleteContent(c.var.hub.db, c.var.auth.orgId, idOf(c.req.valid('param')));
      return c.json(OkResponseSchema.parse({ ok: true }), 200, NO_STORE);
    });
}
