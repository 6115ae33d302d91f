// The OpenAPI document describes the same routes as before the hub moved onto OpenAPIHono: every path and method,
// with its documented statuses, security, tag, summary, parameters and body (recorded in openapi-routes.json).
import { describe, expect, it } from 'vitest';
import { createHubApp, routeTable } from '../../server/app';
import { documentedRoutes } from './openapi-routes';
import recorded from './openapi-routes.json';

type OpenApiDocument = Parameters<typeof documentedRoutes>[0] & {
  openapi: string;
  info: unknown;
  components: { securitySchemes: unknown };
};

describe('GET /v1/openapi.json', () => {
  const app = createHubApp({ version: 'test' });

  it('documents the recorded routes, statuses and security', async () => {
    const response = await app.request('/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as OpenApiDocument;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ ...recorded.info, version: 'test' });
    expect(doc.components.securitySchemes).toEqual(recorded.securitySchemes);
    expect(documentedRoutes(doc)).toEqual(recorded.routes);
  });

  it('documents exactly the routes of the route list (plus health, readiness and metrics)', async () => {
    const doc = (await (await app.request('/v1/openapi.json')).json()) as OpenApiDocument;
    const documented = documentedRoutes(doc).map((r) => `${r.method} ${r.path}`);
    const listed = routeTable.map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`);
    expect(documented.sort()).toEqual(['get /healthz', 'get /readyz', 'get /metrics', ...listed].sort());
  });
});
