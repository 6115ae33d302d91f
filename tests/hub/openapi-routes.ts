// The route list of the OpenAPI document, reduced to what a client relies on: path, method, documented statuses,
// security, tag, summary, parameters and whether a JSON body is required.
export interface DocumentedRoute {
  method: string;
  path: string;
  statuses: string[];
  security: unknown;
  tags: unknown;
  summary: unknown;
  parameters: string[];
  body: boolean;
}

interface Operation {
  responses?: Record<string, unknown>;
  security?: unknown;
  tags?: unknown;
  summary?: unknown;
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { required?: boolean };
}

export function documentedRoutes(doc: { paths: Record<string, Record<string, Operation>> }): DocumentedRoute[] {
  const out: DocumentedRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      out.push({
        method,
        path,
        statuses: Object.keys(op.responses ?? {}).sort(),
        security: op.security ?? null,
        tags: op.tags ?? null,
        summary: op.summary ?? null,
        parameters: (op.parameters ?? []).map((p) => `${p.in}:${p.name}`).sort(),
        body: op.requestBody?.required === true,
      });
    }
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}
