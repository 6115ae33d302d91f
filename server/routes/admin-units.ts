// The CoE's business-unit tree: /v1/admin/business-units….
import {
  BusinessUnitListResponseSchema,
  BusinessUnitSchema,
  CreateBusinessUnitRequestSchema,
  IdParamSchema,
  UpdateBusinessUnitRequestSchema,
} from '../../lib/contract/hub';
import { hubRoute, idOf, jsonBody, NO_STORE, router, success } from '../routing';
import { createUnit, listUnits, updateUnit } from '../services/units';

const coe = { access: 'coe' } as const;

const listUnitsRoute = hubRoute(coe, {
  method: 'get',
  path: '/v1/admin/business-units',
  tags: ['admin'],
  summary: 'The business-unit tree (the root is the CoE)',
  responses: { 200: success(BusinessUnitListResponseSchema) },
});

const createUnitRoute = hubRoute(coe, {
  method: 'post',
  path: '/v1/admin/business-units',
  tags: ['admin'],
  summary: 'Create a business unit',
  request: { body: jsonBody(CreateBusinessUnitRequestSchema) },
  responses: { 201: success(BusinessUnitSchema) },
});

const updateUnitRoute = hubRoute(coe, {
  method: 'patch',
  path: '/v1/admin/business-units/{id}',
  tags: ['admin'],
  summary: 'Rename or move a business unit',
  request: { params: IdParamSchema, body: jsonBody(UpdateBusinessUnitRequestSchema) },
  responses: { 200: success(BusinessUnitSchema) },
});

export const adminUnitRoutes = [listUnitsRoute, createUnitRoute, updateUnitRoute];

export function adminUnitsRouter() {
  return router()
    .openapi(listUnitsRoute.route, async (c) => {
      const businessUnits = await listUnits(c.var.hub.db, c.var.auth.orgId);
      return c.json(BusinessUnitListResponseSchema.parse({ businessUnits }), 200, NO_STORE);
    })
    .openapi(createUnitRoute.route, async (c) => {
      const unit = await createUnit(c.var.hub.db, c.var.auth.orgId, c.req.valid('json'));
      return c.json(BusinessUnitSchema.parse(unit), 201, NO_STORE);
    })
    .openapi(updateUnitRoute.route, async (c) => {
      const id = idOf(c.req.valid('param'));
      const unit = await updateUnit(c.var.hub.db, c.var.auth.orgId, id, c.req.valid('json'));
      return c.json(BusinessUnitSchema.parse(unit), 200, NO_STORE);
    });
}
