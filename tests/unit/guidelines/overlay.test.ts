import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  check,
  compile,
  defaultPacks,
  effectivePolicy,
  type Overlay,
  OverlaySchema,
  type Severity,
  validateOverlay,
  weakeningDictionaries,
} from '../../../lib/guidelines';
import { LI } from './helpers';

const central = defaultPacks.core;
const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

const salesRule = {
  id: 'SALES-001',
  title: 'Quota talk',
  category: 'confidential',
  severity: 'warning',
  matchers: { q: { kind: 'phrases', phrases: ['quota attainment'] } },
  when: { has: 'q' },
  message: 'Quota numbers stay internal.',
  rationale: 'Sales performance is confidential.',
  source: { label: 'Sales playbook' },
  tests: [
    { text: 'Our quota attainment is 140%', expect: 'hit', businessUnit: 'sales' },
    { text: 'Great quarter team', expect: 'miss', businessUnit: 'sales' },
  ],
};

describe('validateOverlay', () => {
  it('accepts added rules, dictionary entries, calendar windows and tightened severities', () => {
    const result = validateOverlay(central, {
      id: 'sales',
      version: '1',
      businessUnit: 'sales',
      dictionaries: { competitors: { entries: ['Vandelay Industries'] }, codenames: { entries: ['Bluefin'] } },
      calendars: { quietPeriods: [{ start: '2027-01-01', end: '2027-01-31' }] },
      rules: [salesRule],
      tighten: [{ ruleId: 'COMP-001', severity: 'critical' }],
      settings: { confirmBeforePosting: true },
    });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it.each([
    [{ disable: ['DISC-001'] }, 'DISC-001', /cannot disable/],
    [{ rules: [{ ...salesRule, id: 'DISC-001' }] }, 'DISC-001', /central rule; an overlay cannot replace/],
    [
      { tighten: [{ ruleId: 'DISC-001', severity: 'info' }] },
      'DISC-001',
      /would weaken central rule DISC-001 from critical to info/,
    ],
    [{ dictionaries: { disclosureTokens: { entries: ['the'] } } }, 'DISC-001', /could silence central rules? DISC-001/],
    [
      { dictionaries: { approvedDomains: { entries: ['evil.example'] } } },
      'LINK-001',
      /could silence central rule LINK-001/,
    ],
    [{ dictionaries: { codenames: { entries: [], secret: false } } }, undefined, /cannot make it public/],
    [{ tighten: [{ ruleId: 'NOPE-001', severity: 'critical' }] }, 'NOPE-001', /not in the central pack/],
  ])('refuses %j', (part, ruleId, message) => {
    const result = validateOverlay(central, { id: 'bu', version: '1', ...part });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.some((e) => message.test(e.message) && (ruleId === undefined || e.ruleId === ruleId))).toBe(
      true,
    );
  });

  it('refuses an added rule whose own tests fail, naming it', () => {
    const bad = {
      ...salesRule,
      tests: [
        { text: 'nothing', expect: 'hit' },
        { text: 'x', expect: 'miss' },
      ],
    };
    const result = validateOverlay(central, { id: 'bu', version: '1', rules: [bad] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ ruleId: 'SALES-001', path: 'rules[0].tests[0]' });
  });
});

describe('effectivePolicy', () => {
  it('applies overlays in order and scopes added rules to their unit', () => {
    const root: Overlay = OverlaySchema.parse({
      id: 'emea',
      version: '2',
      tighten: [{ ruleId: 'TONE-001', severity: 'warning' }],
    });
    const unit: Overlay = OverlaySchema.parse({
      id: 'sales',
      version: '5',
      businessUnit: 'sales',
      rules: [salesRule],
      tighten: [{ ruleId: 'TONE-001', severity: 'critical' }],
    });
    const eff = effectivePolicy(central, [root, unit]);
    expect(eff.version).toBe(`${central.version}+emea.2+sales.5`);
    expect(eff.rules.find((r) => r.id === 'TONE-001')?.severity).toBe('critical');
    const policy = compile(eff);
    expect(
      check(policy, 'Our quota attainment is 140%', { ...LI, businessUnit: 'sales' }).some(
        (f) => f.ruleId === 'SALES-001',
      ),
    ).toBe(true);
    expect(
      check(policy, 'Our quota attainment is 140%', { ...LI, businessUnit: 'hr' }).some(
        (f) => f.ruleId === 'SALES-001',
      ),
    ).toBe(false);
    // the central pack itself is untouched
    expect(central.rules.find((r) => r.id === 'TONE-001')?.severity).toBe('info');
  });

  // Property: whatever an overlay tries, every central rule survives with its tests, at the same or a higher
  // severity, and the effective policy still fires on every central rule's "hit" examples.
  it('never disables or weakens a central rule (property)', () => {
    const ruleIds = central.rules.map((r) => r.id);
    const severities: Severity[] = ['info', 'warning', 'critical'];
    const weakening = [...weakeningDictionaries(central).keys()];
    const overlayArb = fc.record({
      id: fc.constantFrom('a', 'b'),
      version: fc.constantFrom('1', '2'),
      tighten: fc.array(fc.record({ ruleId: fc.constantFrom(...ruleIds), severity: fc.constantFrom(...severities) }), {
        maxLength: 6,
      }),
      dictionaries: fc.dictionary(
        fc.constantFrom(...weakening, 'competitors', 'newDict'),
        fc.record({ entries: fc.array(fc.constantFrom('the', 'acme', 'a', '#ad', 'x.com'), { maxLength: 3 }) }),
        { maxKeys: 3 },
      ),
      rules: fc.constantFrom([], [{ ...salesRule, id: 'DISC-001' }], [salesRule]),
    });
    // The semantic rules (SEM-…) are left out of the "still fires" part: the classifier reads dictionary names as their
    // kind, so a unit that adds names changes what it reads (that is the point of adding them). Their definitions,
    // thresholds and severities are still checked above: an overlay cannot touch those.
    const hitTests = central.rules
      .filter((r) => !Object.values(r.matchers).some((m) => m.kind === 'semantic'))
      .flatMap((r) => r.tests.filter((t) => t.expect === 'hit').map((t) => ({ id: r.id, t })));
    fc.assert(
      fc.property(fc.array(overlayArb, { maxLength: 3 }), (overlays) => {
        const eff = effectivePolicy(central, overlays as unknown as Overlay[]);
        for (const r of central.rules) {
          const e = eff.rules.find((x) => x.id === r.id);
          expect(e).toBeDefined();
          expect(RANK[e?.severity ?? 'info']).toBeGreaterThanOrEqual(RANK[r.severity]);
          expect(e?.when).toEqual(r.when);
          expect(e?.unless).toEqual(r.unless);
          expect(e?.matchers).toEqual(r.matchers);
        }
        const policy = compile(eff, { cache: false });
        for (const { id, t } of hitTests) {
          const now = t.now ? Date.parse(t.now) : undefined;
          const found = check(policy, t.text, {
            network: t.network ?? 'linkedin',
            postKind: t.postKind ?? 'post',
            ...(now !== undefined ? { now } : {}),
          }).some((f) => f.ruleId === id);
          expect(found, `${id}: ${t.text}`).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});
