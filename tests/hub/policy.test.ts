// Policy versions through the API: validated and tested with lib/guidelines before they are accepted, refused with
// the failing rule and test otherwise; overlays per business unit; the effective policy with ETag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyResponseSchema, PolicyVersionSchema, ProblemSchema } from '../../lib/contract/hub';
import { check, compile, defaultPacks, validateMemberPack } from '../../lib/guidelines';
import { backends, call, enroll, makeWorld, openTestDb, type TestDb, type World } from './support';

/** A member's pack as their extension checks it (no rule examples to run, secret dictionaries sealed). */
function validateMemberPackOrThrow(pack: unknown) {
  const result = validateMemberPack(pack);
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  return result.pack;
}

const core = () => structuredClone(defaultPacks.core) as unknown as { rules: Array<Record<string, unknown>> };

describe.each(backends)('policy versions on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('answers 404 before any policy is published', async () => {
    expect((await call(w.app, 'GET', '/v1/policy', { token: w.a.alice.token })).status).toBe(404);
  });

  it('refuses a pack whose rule fails its own test, naming the rule', async () => {
    const pack = core();
    const rule = pack.rules[0] as { id: string; tests: Array<{ text: string; expect: string }> };
    rule.tests = [{ text: 'Great weather today.', expect: 'hit' }];
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', { token: w.a.coe.token, body: { pack } });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = ProblemSchema.parse(await res.json());
    expect(problem.errors?.some((e) => e.ruleId === rule.id)).toBe(true);
    const list = await call(w.app, 'GET', '/v1/admin/policy/versions', { token: w.a.coe.token });
    expect(((await list.json()) as { versions: unknown[] }).versions).toEqual([]);
  });

  it('refuses a pack with a backtracking-prone pattern, naming the rule and saying why', async () => {
    const pack = core();
    const rule = structuredClone(pack.rules[0]) as Record<string, unknown>;
    Object.assign(rule, {
      id: 'CUST-001',
      matchers: { bad: { kind: 'pattern', pattern: '(a+)+b' } },
      when: { has: 'bad' },
      unless: undefined,
      escalate: [],
      report: undefined,
      fixes: [],
      tests: [
        { text: 'aaab', expect: 'hit' },
        { text: 'nothing here', expect: 'miss' },
      ],
    });
    pack.rules.push(rule);
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', { token: w.a.coe.token, body: { pack } });
    expect(res.status).toBe(422);
    const errors = ProblemSchema.parse(await res.json()).errors ?? [];
    const error = errors.find((e) => e.ruleId === 'CUST-001');
    expect(error?.path).toContain('body.pack.rules[');
    expect(error?.message).toMatch(/nested|backtrack|quantifier/i);
  });

  it('refuses an overlay that weakens the central policy', async () => {
    const pack = core();
    const ruleId = (pack.rules.find((r) => r.severity === 'critical') as { id: string }).id;
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: {
        pack,
        overlays: {
          [w.a.units.Sales as string]: { id: 'sales', version: '1', tighten: [{ ruleId, severity: 'info' }] },
        },
      },
    });
    expect(res.status).toBe(422);
    const errors = ProblemSchema.parse(await res.json()).errors ?? [];
    expect(errors[0]?.path).toContain('body.overlays');
    expect(errors[0]?.ruleId).toBe(ruleId);
    expect(errors[0]?.message).toMatch(/weaken/);
    const list = await call(w.app, 'GET', '/v1/admin/policy/versions', { token: w.a.coe.token });
    expect(((await list.json()) as { versions: unknown[] }).versions).toEqual([]);
  });

  it('refuses an overlay that would silence a central rule through an allow-list dictionary', async () => {
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: {
        pack: core(),
        overlays: {
          [w.a.units.Sales as string]: {
            id: 'sales',
            version: '1',
            dictionaries: { disclosureTokens: { entries: ['buy now'] } },
          },
        },
      },
    });
    expect(res.status).toBe(422);
    const errors = ProblemSchema.parse(await res.json()).errors ?? [];
    expect(errors.some((e) => e.path.includes('dictionaries.disclosureTokens') && e.ruleId)).toBe(true);
  });

  it('publishes the core pack with a tightening overlay; serves the effective policy with ETag', async () => {
    const pack = core();
    const ruleId = (pack.rules.find((r) => r.severity === 'info' || r.severity === 'warning') as { id: string }).id;
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: {
        pack,
        publish: true,
        overlays: {
          [w.a.units.Sales as string]: { id: 'sales', version: '1', tighten: [{ ruleId, severity: 'critical' }] },
        },
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const created = PolicyVersionSchema.parse(await res.json());
    expect(created).toMatchObject({ version: 1, current: true });
    expect(created.overlays[w.a.units.Sales as string]).toMatchObject({ tighten: [{ ruleId, severity: 'critical' }] });
    // The console reads a version back with its overlays, to edit them.
    const stored = PolicyVersionSchema.parse(
      await (await call(w.app, 'GET', '/v1/admin/policy/versions/1', { token: w.a.coe.token })).json(),
    );
    expect(stored.overlayBusinessUnitIds).toEqual([w.a.units.Sales]);
    expect(stored.overlays[w.a.units.Sales as string]).toMatchObject({ tighten: [{ ruleId, severity: 'critical' }] });
    expect((stored.pack.rules as unknown[]).length).toBe(pack.rules.length);

    const alice = await call(w.app, 'GET', '/v1/policy', { token: w.a.alice.token });
    expect(alice.status).toBe(200);
    const etag = alice.headers.get('etag') ?? '';
    const alicePolicy = PolicyResponseSchema.parse(await alice.json());
    const bob = PolicyResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/policy', { token: w.a.bob.token })).json(),
    );
    const severity = (p: typeof bob) =>
      ((p.pack.rules as Array<{ id: string; severity: string }>).find((r) => r.id === ruleId) as { severity: string })
        .severity;
    expect(severity(bob)).toBe('critical'); // Sales has the overlay
    expect(severity(alicePolicy)).not.toBe('critical');
    expect(
      (await call(w.app, 'GET', '/v1/policy', { token: w.a.alice.token, headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    // Another organisation still has none.
    expect((await call(w.app, 'GET', '/v1/policy', { token: w.b.alice.token })).status).toBe(404);

    // A second version, then a rollback to the first.
    const v2 = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: { pack: core(), publish: true },
    });
    expect(v2.status).toBe(201);
    const after = await call(w.app, 'GET', '/v1/policy', {
      token: w.a.alice.token,
      headers: { 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(PolicyResponseSchema.parse(await after.json()).version).toBe(2);
    expect(
      (await call(w.app, 'POST', '/v1/admin/policy/versions/1/publish', { token: w.a.coe.token, body: {} })).status,
    ).toBe(200);
    expect(
      PolicyResponseSchema.parse(await (await call(w.app, 'GET', '/v1/policy', { token: w.a.bob.token })).json())
        .version,
    ).toBe(1);
  });

  it("serves each member the rules of their unit's chain, resolved, with the hub's own links approved", async () => {
    const pack = core();
    const salesRule = {
      id: 'SALES-001',
      title: 'No discount talk',
      category: 'confidential',
      severity: 'warning',
      source: { label: 'Sales team guide' },
      matchers: { discount: { kind: 'phrases', phrases: ['discount'] } },
      when: { has: 'discount' },
      message: 'Prices are for the sales team to share.',
      rationale: 'Discounts differ per customer.',
      tests: [
        { text: 'Ask me for a discount', expect: 'hit' },
        { text: 'Ask me anything', expect: 'miss' },
      ],
    };
    const created = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: {
        pack,
        publish: true,
        overlays: { [w.a.units.Sales as string]: { id: 'sales', version: '1', rules: [salesRule] } },
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    // A team under Sales, and a member in it.
    const unit = await call(w.app, 'POST', '/v1/admin/business-units', {
      token: w.a.coe.token,
      body: { name: 'Sales EMEA', parentId: w.a.units.Sales },
    });
    const emeaId = ((await unit.json()) as { id: string }).id;
    const invite = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: emeaId },
    });
    const dana = await enroll(w.app, ((await invite.json()) as { code: string }).code, 'Dana');

    const policyOf = async (token: string) =>
      PolicyResponseSchema.parse(await (await call(w.app, 'GET', '/v1/policy', { token })).json()).pack as {
        rules: Array<{ id: string; scope?: { businessUnits?: string[] } }>;
        dictionaries: Record<string, { entries: string[] }>;
      };
    const [emea, sales, other] = [
      await policyOf(dana.token),
      await policyOf(w.a.bob.token),
      await policyOf(w.a.alice.token),
    ];
    // Sales and the team under it get the rule with its scope resolved (a device knows only its own unit) …
    for (const served of [emea, sales]) {
      expect(served.rules.find((r) => r.id === 'SALES-001')?.scope?.businessUnits).toBeUndefined();
    }
    // … and it fires for them with no unit in the check; others don't get it.
    expect(other.rules.some((r) => r.id === 'SALES-001')).toBe(false);
    const compiled = compile(validateMemberPackOrThrow(emea));
    expect(
      check(compiled, 'Ask me for a discount', { network: 'linkedin', postKind: 'post' }).map((f) => f.ruleId),
    ).toContain('SALES-001');
    // A tracked link of this hub is an approved link: LINK-001 stays quiet on it.
    expect(emea.dictionaries.approvedDomains?.entries).toContain(new URL(w.config.publicUrl).hostname);
    const link = `Our report: ${w.config.publicUrl}/v1/r/AbCdEf12`;
    expect(check(compiled, link, { network: 'linkedin', postKind: 'post' }).map((f) => f.ruleId)).not.toContain(
      'LINK-001',
    );
  });
});
