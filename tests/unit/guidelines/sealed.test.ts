// Sealed dictionaries (lib/guidelines/sealed.ts): a member's pack holds keyed digests of the secret entries, never
// the words, and still flags every codename the plain pack flags, spelled however the evasion pass reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  check,
  compile,
  defaultPacks,
  type PolicyPack,
  PolicyPackSchema,
  runRuleTests,
  validateMemberPack,
  validatePack,
} from '../../../lib/guidelines';
import { packForMember, resolveForUnit } from '../../../lib/guidelines/member-pack';
import { loadCompanies, loadPosts, packFor, postTime } from '../../quality/corpus';
import { LI, pack, rule } from './helpers';

const HUB = 'https://hub.example.com';
const KEY = '5e'.repeat(32);

function sealed(plain: PolicyPack, key = KEY): PolicyPack {
  return PolicyPackSchema.parse(packForMember(plain, [], HUB, key));
}

/** The core pack with codenames of more shapes: one word, two words, a short one. */
function corePlus(): PolicyPack {
  const plain = structuredClone(defaultPacks.core);
  plain.dictionaries.codenames?.entries.push('Bluegill', 'Project Marmoset', 'Ada');
  return plain;
}

const flagged = (policy: ReturnType<typeof compile>, text: string, ruleId = 'CONF-001') =>
  check(policy, text, LI)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => text.slice(f.start, f.end));

describe('a member’s pack', () => {
  const plain = corePlus();
  const member = packForMember(plain, [], HUB, KEY) as { rules: Array<Record<string, unknown>> };
  const json = JSON.stringify(member);

  it('holds no codename in any case, and no rule examples', () => {
    for (const codename of ['Nightjar', 'Kestrel', 'Bluegill', 'Marmoset']) {
      expect(json.toLowerCase()).not.toContain(codename.toLowerCase());
    }
    expect(member.rules.filter((r) => 'tests' in r)).toEqual([]);
    // The CoE's own resolution of the same pack (the console's bench) keeps both.
    const resolved = JSON.stringify(resolveForUnit(plain, [], HUB));
    expect(resolved).toContain('Bluegill');
    expect(resolved).toContain('"tests"');
  });

  it('is what the extension accepts, the same for the same key, and different under another key', () => {
    expect(validateMemberPack(member).ok).toBe(true);
    expect(JSON.stringify(packForMember(plain, [], HUB, KEY))).toBe(json);
    const other = JSON.stringify(packForMember(plain, [], HUB, 'a7'.repeat(32)));
    const digestsOf = (s: string) => new Set(s.match(/[0-9a-f]{32}"/g));
    const mine = digestsOf(json);
    expect([...digestsOf(other)].some((d) => mine.has(d))).toBe(false);
  });

  it('passes every rule example of the core pack (CONF-001’s spellings included) with its codenames sealed', () => {
    const withExamples = sealed(defaultPacks.core);
    withExamples.rules = withExamples.rules.map((r, i) => ({ ...r, tests: defaultPacks.core.rules[i]?.tests ?? [] }));
    expect(runRuleTests(withExamples)).toEqual([]);
  });

  it('flags codenames as written and as spelled to slip past, and nothing else', () => {
    const policy = compile(sealed(plain));
    const cases: Array<[string, string[]]> = [
      ['Bluegill ships next week', ['Bluegill']],
      ['BLUEGILL!', ['BLUEGILL']],
      ['Blu3g1ll is coming', ['Blu3g1ll']],
      ['B l u e g i l l is coming', ['B l u e g i l l']],
      ['Excited for Project Marmoset.', ['Project Marmoset']],
      ['Excited for project  marmoset', ['project  marmoset']],
      ['#ProjectMarmoset is live', ['ProjectMarmoset']],
      ['#BluegillDay', ['Bluegill']],
      ['Ask @bluegill', ['bluegill']],
      ['Bluegill’s roadmap', ['Bluegill']],
      ['Ada is here', ['Ada']],
      ['Bluegills and marmosets at the lake', []],
      ['a blue gill', []],
      ['Adamant about it', []],
      ['Project management', []],
    ];
    for (const [text, expected] of cases) expect(flagged(policy, text), text).toEqual(expected);
  });

  it('flags every codename the plain pack flags (property: random posts of words, codenames and their spellings)', () => {
    const plainPolicy = compile(plain, { cache: false });
    const sealedPolicy = compile(sealed(plain), { cache: false });
    const words = [
      ...['the', 'launch', 'of', 'project', 'kestrel', 'marmoset', 'blue', 'gill', 'is', 'here', 'x', 'café'],
      ...['Nightjar', 'N1ghtj4r', 'Project Kestrel', 'bluegill', 'BLUEGILL', 'Project-Marmoset', 'Ada', 'adas'],
      ...['N i g h t j a r', 'nightjars', 'nightjarrr', 'Nіghtjar', '@nightjar', 'nightjar!', '#launch', '2026'],
      ...[',', '.', '\n', '🚀', '中文'],
    ];
    const spans = (policy: ReturnType<typeof compile>, text: string) =>
      check(policy, text, LI)
        .filter((f) => f.ruleId === 'CONF-001')
        .map((f) => `${f.start}-${f.end}`);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', '', '  ', '-')), { maxLength: 12 }),
        (parts) => {
          const text = parts.map(([w, sep]) => w + sep).join('');
          const found = new Set(spans(sealedPolicy, text));
          for (const span of spans(plainPolicy, text))
            expect(found.has(span), `${JSON.stringify(text)} ${span}`).toBe(true);
        },
      ),
      { numRuns: 3000, seed: 20 },
    );
  });

  it('flags the codenames the plain pack flags on the labelled corpus, company by company', () => {
    const companies = new Map(loadCompanies().map((c) => [c.id, c]));
    const policies = new Map<string, { plain: ReturnType<typeof compile>; sealed: ReturnType<typeof compile> }>();
    let found = 0;
    for (const post of loadPosts()) {
      const company = companies.get(post.company);
      if (!company) throw new Error(`unknown company ${post.company}`);
      let pair = policies.get(company.id);
      if (!pair) {
        const p = packFor(company);
        pair = { plain: compile(p, { cache: false }), sealed: compile(sealed(p), { cache: false }) };
        policies.set(company.id, pair);
      }
      const ctx = { network: post.network, postKind: post.kind, now: postTime(post, company) };
      const of = (policy: ReturnType<typeof compile>) =>
        check(policy, post.text, ctx)
          .filter((f) => f.ruleId === 'CONF-001')
          .map((f) => `${f.start}-${f.end}`);
      const expected = of(pair.plain);
      found += expected.length;
      expect(of(pair.sealed), post.id).toEqual(expected);
    }
    expect(found).toBeGreaterThan(20);
  });
});

describe('secret dictionaries in a pack', () => {
  it('are for phrase matchers at word edges only: a detector or a substring matcher on one does not compile', () => {
    const detector = pack([
      rule({
        category: 'links',
        matchers: { u: { kind: 'detector', detector: 'url', domainsIn: ['codenames'] } },
        when: { has: 'u' },
      }),
    ]);
    const substring = pack([
      rule({ matchers: { c: { kind: 'phrases', dicts: ['codenames'], boundary: 'none' } }, when: { has: 'c' } }),
    ]);
    for (const p of [detector, substring]) {
      const result = validatePack(p);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.message).join(' ')).toMatch(/"codenames" is secret/);
    }
  });

  it('are sealed by the hub, never by the CoE: a pack with sealed entries is refused on the way in', () => {
    const result = validatePack(JSON.parse(JSON.stringify(sealed(defaultPacks.core))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('dictionaries.codenames.sealed');
  });

  it('mask sealed codenames for the semantic layer, as plain ones are', () => {
    const text = 'Nightjar ships next week, the whole team is excited about it.';
    const plainFindings = check(compile(defaultPacks.core), text, LI).map((f) => f.ruleId);
    const sealedFindings = check(compile(sealed(defaultPacks.core)), text, LI).map((f) => f.ruleId);
    expect(sealedFindings).toEqual(plainFindings);
  });
});
