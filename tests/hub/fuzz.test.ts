// fast-check fuzzing of every route's body, query and path parameters, as every role (nobody, a forged token, an
// advocate, a CoE member, another organisation's CoE member): whatever arrives, the hub answers with a status below
// 500 (a problem document for refusals). 503 is accepted only from the policy routes, and only where the guideline
// engine is missing. `npm run fuzz` runs it at 100,000 cases (scripts/fuzz.ts); `npm test` at a few dozen per route.
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../server/app';
import { type GuidelineEngine, loadEngine } from '../../server/policy-validation';
import { createInvite } from '../../server/services/invites';
import { addPolicyVersion } from '../../server/services/policy-versions';
import { fixtures, key, makeResources, type Resources } from './route-fixtures';
import { backends, enroll, makeWorld, openTestDb, type TestDb, type World } from './support';

const RUNS = Number(process.env.SPOKE_FUZZ_RUNS ?? 30);
/** Where scripts/fuzz.ts reads how many cases ran (one line per route and backend). */
const REPORT = process.env.SPOKE_FUZZ_REPORT;

const ROLES = ['nobody', 'forged', 'advocate', 'coe', 'other organisation'] as const;
type Role = (typeof ROLES)[number];

/** Anything JSON, plus near-valid values: the sample with one field replaced, added or removed. */
function bodyArbitrary(sample: unknown): fc.Arbitrary<string> {
  const json = fc.jsonValue({ maxDepth: 3 });
  const weird = fc.oneof(
    json,
    fc.string({ maxLength: 300 }),
    fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, '', ' ', '\u0000', 'null', '0000-00-00', '9999-12-31T23:59:59Z'),
  );
  const options: fc.Arbitrary<string>[] = [json.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })];
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
    const keys = Object.keys(sample);
    options.push(
      fc
        .record({ k: keys.length ? fc.constantFrom(...keys, 'extra') : fc.constant('extra'), v: weird })
        .map(({ k, v }) => JSON.stringify({ ...(sample as object), [k]: v })),
    );
    if (keys.length) {
      options.push(
        fc.constantFrom(...keys).map((k) => {
          const copy = { ...(sample as Record<string, unknown>) };
          delete copy[k];
          return JSON.stringify(copy);
        }),
      );
    }
    // Events: mutate one field of one event.
    const events = (sample as { events?: Array<Record<string, unknown>> }).events;
    if (Array.isArray(events) && events[0]) {
      const eventKeys = Object.keys(events[0]);
      options.push(
        fc
          .record({ k: fc.constantFrom(...eventKeys, 'text'), v: weird, n: fc.integer({ min: 1, max: 3 }) })
          .map(({ k, v, n }) =>
            JSON.stringify({
              ...(sample as object),
              events: Array.from({ length: n }, () => ({ ...events[0], id: crypto.randomUUID(), [k]: v })),
            }),
          ),
      );
    }
  }
  return fc.oneof(...options);
}

const queryArbitrary = fc.dictionary(
  fc.oneof(fc.constantFrom('since', 'from', 'to', 'bucket', 'status', 'cursor'), fc.string({ maxLength: 10 })),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('2026-02-30', '2026-01-01', '9999999999999999999', 'week', '-1'),
  ),
  { maxKeys: 4 },
);

const paramArbitrary = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.uuid(),
  fc.constantFrom('1', '0', '999999999', '-1', '%00', '..', "1' OR '1'='1"),
);

describe.each(backends)('fuzzing every route on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let res: Resources;
  let engine: GuidelineEngine | null;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
    res = await makeResources(w);
    engine = await loadEngine();
    if (engine) await addPolicyVersion(w.db, w.a.orgId, engine.defaultPacks.core, {}, true);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  for (const route of routeTable) {
    it(`${route.method.toUpperCase()} ${route.path}`, { timeout: Math.max(60_000, RUNS * 100) }, async () => {
      const sample = await fixtures[key(route)]?.prepare(w, res);
      const tokens: Record<Role, string | undefined> = {
        nobody: undefined,
        forged: `spk_${'A'.repeat(43)}`,
        advocate: w.a.alice.token,
        coe: w.a.coe.token,
        'other organisation': w.b.coe.token,
      };
      if (key(route) === 'delete /v1/me' || key(route) === 'post /v1/me/token') {
        // Erasing or rotating the world's own members would lock every later route out: a member of its own.
        const { code } = await createInvite(w.db, {
          orgId: w.a.orgId,
          businessUnitId: w.a.rootId,
          role: 'advocate',
          maxUses: 1,
          expiresInHours: 1,
        });
        const target = (await enroll(w.app, code, 'Fuzz target')).token;
        tokens.advocate = target;
        tokens.coe = target;
        tokens['other organisation'] = target;
      }
      if (route.access === 'scim') {
        // SCIM routes take an IdP's secret: A's stands for the roles of A, B's for the other organisation.
        tokens.advocate = sample?.owner;
        tokens.coe = sample?.owner;
        tokens['other organisation'] = sample?.intruders?.[0];
        tokens.forged = `scim_${'A'.repeat(43)}`;
      }
      let cases = 0;
      const paramNames = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] as string);
      const hasBody = route.method !== 'get' && route.method !== 'delete';
      await fc.assert(
        fc.asyncProperty(
          hasBody ? bodyArbitrary(sample?.body) : fc.constant(undefined),
          queryArbitrary,
          fc.array(paramArbitrary, { minLength: paramNames.length, maxLength: paramNames.length }),
          fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
          fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
          // Mostly the role the route is for; every role now and then.
          fc.oneof(
            { weight: 3, arbitrary: fc.constant<Role>(route.access === 'coe' ? 'coe' : 'advocate') },
            { weight: 1, arbitrary: fc.constantFrom(...ROLES) },
          ),
          async (body, query, params, contentType, idempotencyKey, role) => {
            cases++;
            const token = tokens[role];
            let path = route.path;
            paramNames.forEach((name, i) => {
              const value = params[i] || 'x';
              path = path.replace(`:${name}`, encodeURIComponent(value));
            });
            const qs = new URLSearchParams(query).toString();
            const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
            if (contentType) headers['content-type'] = contentType;
            if (idempotencyKey !== undefined && route.path === '/v1/events') {
              headers['idempotency-key'] = idempotencyKey.replace(/[^\x20-\x7e]/g, '');
            }
            const response = await w.app.request(`${path}${qs ? `?${qs}` : ''}`, {
              method: route.method.toUpperCase(),
              headers,
              body,
            });
            const policyRoute = route.path.includes('/policy');
            if (response.status >= 500 && !(response.status === 503 && policyRoute && !engine)) {
              throw new Error(`${response.status} for ${route.method} ${path}?${qs} ${body}: ${await response.text()}`);
            }
            if (response.status >= 400) {
              // SCIM's clients read SCIM's error schema; everything else answers problem documents.
              expect(response.headers.get('content-type')).toContain(
                route.access === 'scim' ? 'application/scim+json' : 'application/problem+json',
              );
            }
          },
        ),
        { numRuns: RUNS },
      );
      if (REPORT) appendFileSync(REPORT, `${JSON.stringify({ backend, route: key(route), cases })}\n`);
    });
  }
});
