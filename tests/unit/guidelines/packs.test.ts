import { describe, expect, it } from 'vitest';
import { check, compile, defaultPacks, type PolicyPack, runRuleTests, validatePack } from '../../../lib/guidelines';

const packs = Object.entries(defaultPacks) as Array<[string, PolicyPack]>;

describe('shipped packs', () => {
  it.each(packs)('%s validates (schema, compile, every rule test)', (_name, pack) => {
    const result = validatePack(pack);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('core has 30-60 rules and every rule has at least one hit and one miss test', () => {
    expect(defaultPacks.core.rules.length).toBeGreaterThanOrEqual(30);
    expect(defaultPacks.core.rules.length).toBeLessThanOrEqual(60);
    for (const [, pack] of packs) {
      for (const rule of pack.rules) {
        expect(
          rule.tests.some((t) => t.expect === 'hit'),
          rule.id,
        ).toBe(true);
        expect(
          rule.tests.some((t) => t.expect === 'miss'),
          rule.id,
        ).toBe(true);
      }
    }
  });

  it('the add-on packs contain core plus their own rules, with tightened severities', () => {
    const fin = defaultPacks['regulated-finance'];
    const hc = defaultPacks.healthcare;
    expect(fin.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['DISC-001', 'FIN-001', 'FIN-002']));
    expect(fin.rules.find((r) => r.id === 'SEC-001')?.severity).toBe('critical');
    expect(fin.settings.confirmBeforePosting).toBe(true);
    expect(hc.rules.map((r) => r.id)).toEqual(expect.arrayContaining(['PHI-001', 'PHI-002']));
    expect(defaultPacks.core.settings.confirmBeforePosting).toBe(false);
  });
});

// One test per rule and per rule test, so a failure names the rule.
for (const [name, pack] of packs) {
  describe(`${name} rules pass their own tests`, () => {
    const policy = compile(pack);
    for (const rule of pack.rules) {
      it(`${rule.id} ${rule.title}`, () => {
        for (const [i, t] of rule.tests.entries()) {
          const now = t.now ? Date.parse(t.now) : undefined;
          const findings = check(policy, t.text, {
            network: t.network ?? 'linkedin',
            postKind: t.postKind ?? 'post',
            ...(now !== undefined ? { now } : {}),
          });
          const hit = findings.some((f) => f.ruleId === rule.id);
          expect(hit, `${rule.id} test ${i + 1} (${t.expect})${t.note ? `: ${t.note}` : ''}`).toBe(t.expect === 'hit');
        }
      });
    }
  });
}

describe('runRuleTests', () => {
  it('reports a failing rule test by rule id and JSON path, without echoing the text', () => {
    const pack = structuredClone(defaultPacks.core);
    const rule = pack.rules.find((r) => r.id === 'CONF-001');
    if (!rule) throw new Error('missing CONF-001');
    rule.tests.push({ text: 'totally harmless words', expect: 'hit' });
    const errors = runRuleTests(pack);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.ruleId).toBe('CONF-001');
    expect(errors[0]?.path).toMatch(/^rules\[\d+\]\.tests\[\d+\]$/);
    expect(errors[0]?.message).not.toContain('harmless');
  });
});
