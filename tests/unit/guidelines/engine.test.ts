import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompileError, check, compile, defaultPacks, type Finding, similarity } from '../../../lib/guidelines';
import { applyEdits, LI, pack, rule } from './helpers';

const core = compile(defaultPacks.core);
const ids = (fs: Finding[]) => [...new Set(fs.map((f) => f.ruleId))].sort();

describe('protected speech (NLRA Section 7)', () => {
  const cases: Array<[string, string, string]> = [
    [
      'CONF-002',
      'Here is the confidential pricing sheet',
      'HR says our salaries are confidential. Sharing my pay anyway: we deserve pay transparency.',
    ],
    [
      'CONF-002',
      'This memo is internal only',
      'Management called our overtime schedule "internal only" but working conditions are ours to discuss.',
    ],
    ['COND-001', 'This release is shit', 'Our pay is shit and we are organizing a union.'],
    ['CONF-004', 'The lawsuit against Acme drags on', 'We joined the class action against Acme over unpaid overtime.'],
    [
      'PII-004',
      'My coworker was diagnosed with cancer',
      'My coworkers and I compared our salaries and found a pay gap.',
    ],
  ];
  it.each(cases)(
    '%s fires on ordinary text and stays silent on pay, hours, conditions or collective action',
    (id, fires, silent) => {
      expect(ids(check(core, fires, LI))).toContain(id);
      expect(ids(check(core, silent, LI))).not.toContain(id);
    },
  );

  // One guard for every category, disclosure included: each shipped rule's own hit examples, with a sentence about the
  // author's own conditions added, must not warn. Length limits are the one exception (not about what is said).
  const protectedSentence = 'My coworkers and I are organising a union over unpaid overtime.';
  const guarded = defaultPacks.core.rules.filter((r) => r.category !== 'format');
  it.each(guarded.map((r) => [r.category, r.id, r] as const))(
    '%s (%s) stays silent on protected speech',
    (_category, id, r) => {
      const hits = r.tests.filter((t) => t.expect === 'hit');
      expect(hits.length).toBeGreaterThan(0);
      for (const t of hits) {
        const ctx = {
          network: t.network ?? 'linkedin',
          postKind: t.postKind ?? 'post',
          now: Date.parse(t.now ?? '2026-06-01T12:00:00Z'),
        } as const;
        expect(ids(check(core, `${t.text}\n${protectedSentence}`, ctx)), t.text).not.toContain(id);
      }
    },
  );
  it('covers every category of the shipped pack', () => {
    expect(new Set(guarded.map((r) => r.category))).toEqual(
      new Set([
        'disclosure',
        'spokesperson',
        'securities',
        'confidential',
        'legal',
        'security',
        'competitors',
        'claims',
        'conduct',
        'tone',
        'brand',
        'links',
        'privacy',
      ]),
    );
  });

  it('is not fooled by "European Union" or "credit union"', () => {
    expect(ids(check(core, 'The European Union deck is internal only', LI))).toContain('CONF-002');
  });
});

describe('findings', () => {
  it('carry offsets into the original text, rendered messages and a source', () => {
    const text = '😀 Loving the new Acme Cloud dashboard';
    const f = check(core, text, LI).find((x) => x.ruleId === 'DISC-001');
    expect(f).toBeDefined();
    expect(text.slice(f?.start, f?.end)).toBe('Acme Cloud');
    expect(f?.message).toContain('Acme Cloud');
    expect(f?.message).not.toMatch(/\{\w+\}/);
    expect(f?.source?.label).toMatch(/FTC/);
    expect(f?.severity).toBe('critical');
  });

  it('come in a stable order and merge overlapping hits of one rule', () => {
    const p = compile(
      pack([
        rule({ matchers: { t: { kind: 'phrases', phrases: ['project kestrel', 'kestrel'] } }, when: { has: 't' } }),
      ]),
    );
    const f = check(p, 'Project Kestrel and kestrel', LI);
    expect(f.map((x) => [x.start, x.end])).toEqual([
      [0, 15],
      [20, 27],
    ]);
    expect(check(p, 'Project Kestrel and kestrel', LI)).toEqual(f);
  });

  it("never show secret dictionary entries except the user's own matched text", () => {
    const text = 'Excited about N1ghtj4r!';
    const f = check(core, text, LI).find((x) => x.ruleId === 'CONF-001');
    expect(f).toBeDefined();
    expect(f?.message).toContain('N1ghtj4r');
    for (const x of check(core, 'Nothing secret here, just Acme news', LI)) {
      expect(`${x.message} ${x.rationale} ${x.fixes.map((y) => y.label).join(' ')}`.toLowerCase()).not.toMatch(
        /nightjar|kestrel/,
      );
    }
  });

  it('fixes apply cleanly: insert, replace with a swap map, remove, mask, move, UTM', () => {
    const apply = (text: string, id: string, n = 0) => {
      const f = check(core, text, LI).find((x) => x.ruleId === id);
      const fix = f?.fixes[n];
      if (!fix) throw new Error(`no fix ${n} for ${id}`);
      return applyEdits(text, fix.edits);
    };
    expect(apply('Loving Acme Cloud. Try it!', 'DISC-001', 0)).toBe('#AcmeEmployee Loving Acme Cloud. Try it!');
    expect(apply('Loving Acme Cloud. Try it!', 'DISC-001', 1)).toBe('Loving Acme Cloud. (I work at Acme.) Try it!');
    expect(apply('Hey guys, we need more manpower', 'COND-003', 0)).toBe('Hi everyone, we need more manpower');
    expect(apply('Try Rocket DB today', 'BRAND-001')).toBe('Try RocketDB today');
    expect(apply('Card 4111 1111 1111 1111 declined', 'PII-002')).toBe(`Card 4${'*'.repeat(18)} declined`);
    expect(apply('Big acquisition coming, stay tuned', 'SEC-005')).toBe('Big coming, stay tuned');
    expect(apply('Read https://acme.com/blog#top now', 'LINK-002')).toBe(
      'Read https://acme.com/blog?utm_source=linkedin&utm_medium=social&utm_campaign=advocacy#top now',
    );
    expect(apply('Read https://acme.com/b?x=1 now', 'LINK-002')).toBe(
      'Read https://acme.com/b?x=1&utm_source=linkedin&utm_medium=social&utm_campaign=advocacy now',
    );
    expect(apply('New Acme Cloud release is out #tech #cloud #AcmeEmployee #devops', 'DISC-002')).toBe(
      '#AcmeEmployee New Acme Cloud release is out #tech #cloud #devops',
    );
  });

  it('edits of every fix are in range, ascending and non-overlapping', () => {
    const text =
      'Hey guys!!! Acme Cloud is guaranteed 100% better than Globex. Call +44 20 7946 0958 or https://acme.com/x';
    for (const f of check(core, text, LI)) {
      for (const fix of f.fixes) {
        let at = 0;
        for (const e of fix.edits) {
          expect(e.start).toBeGreaterThanOrEqual(at);
          expect(e.end).toBeGreaterThanOrEqual(e.start);
          expect(e.end).toBeLessThanOrEqual(text.length);
          at = e.end;
        }
      }
    }
  });
});

describe('conditions, scope and context', () => {
  it('near counts words between the two matches', () => {
    const p = compile(
      pack([
        rule({
          matchers: { a: { kind: 'phrases', phrases: ['revenue'] }, b: { kind: 'detector', detector: 'percent' } },
          when: { near: ['b', 'a'], within: 3 },
        }),
      ]),
    );
    expect(check(p, 'revenue grew by 30%', LI)).toHaveLength(1);
    expect(check(p, '30% is what revenue did', LI)).toHaveLength(1);
    expect(check(p, 'revenue grew a lot and then by 30%', LI)).toHaveLength(0);
  });

  it('calendar windows use the pack time zone', () => {
    const p = compile(
      pack(
        [
          rule({
            matchers: { t: { kind: 'phrases', phrases: ['results'] } },
            when: { all: [{ calendar: 'quiet' }, { has: 't' }] },
          }),
        ],
        {
          settings: { timeZone: 'Asia/Tokyo' },
          calendars: { quiet: [{ start: '2026-01-10', end: '2026-01-12' }] },
        },
      ),
    );
    // 2026-01-09T16:00Z is already 2026-01-10 01:00 in Tokyo
    expect(check(p, 'results', { ...LI, now: Date.parse('2026-01-09T16:00:00Z') })).toHaveLength(1);
    expect(check(p, 'results', { ...LI, now: Date.parse('2026-01-09T14:00:00Z') })).toHaveLength(0);
    expect(check(p, 'results', { ...LI, now: Date.parse('2026-01-12T14:00:00Z') })).toHaveLength(1);
    expect(check(p, 'results', { ...LI, now: Date.parse('2026-01-12T15:00:00Z') })).toHaveLength(0);
  });

  it('escalates SEC-001 to critical inside a quiet period', () => {
    const text = 'Our revenue grew 32% this quarter';
    const inQuiet = check(core, text, { ...LI, now: Date.parse('2025-04-01T15:00:00Z') }).find(
      (f) => f.ruleId === 'SEC-001',
    );
    const outside = check(core, text, { ...LI, now: Date.parse('2025-07-01T15:00:00Z') }).find(
      (f) => f.ruleId === 'SEC-001',
    );
    expect(inQuiet?.severity).toBe('critical');
    expect(outside?.severity).toBe('warning');
  });

  it('respects network, post kind and business-unit scope', () => {
    const long = 'word '.repeat(100);
    expect(ids(check(core, long, { network: 'x', postKind: 'post' }))).toContain('LEN-001');
    expect(ids(check(core, long, LI))).not.toContain('LEN-001');
    const p = compile(
      pack([
        rule({
          scope: { businessUnits: ['sales'] },
          matchers: { t: { kind: 'phrases', phrases: ['quota'] } },
          when: { has: 't' },
        }),
      ]),
    );
    expect(check(p, 'quota', { ...LI, businessUnit: 'sales' })).toHaveLength(1);
    expect(check(p, 'quota', { ...LI, businessUnit: 'hr' })).toHaveLength(0);
    expect(check(p, 'quota', LI)).toHaveLength(0);
  });

  it('metrics: X weighted length (twitter-text), LinkedIn characters, hashtags', () => {
    const cjk = '漢'.repeat(141);
    const x = check(core, cjk, { network: 'x', postKind: 'post' }).find((f) => f.ruleId === 'LEN-001');
    expect(x?.message).toContain('282/280');
    expect(x?.start).toBe(140);
    expect(ids(check(core, '漢'.repeat(140), { network: 'x', postKind: 'post' }))).not.toContain('LEN-001');
    const li = check(core, 'a'.repeat(3005), LI).find((f) => f.ruleId === 'LEN-002');
    expect([li?.start, li?.end]).toEqual([3000, 3005]);
  });

  it("LEN-001 measures against the member's X limit from the context (Premium), else 280", () => {
    const X = { network: 'x', postKind: 'post' } as const;
    const long = 'Shipping day. '.repeat(29).trim(); // 405 characters
    const standard = check(core, long, X).find((f) => f.ruleId === 'LEN-001');
    expect(standard?.message).toContain('405/280');
    expect(standard?.start).toBe(280);
    expect(ids(check(core, long, { ...X, xPostLimit: 25_000 }))).not.toContain('LEN-001');
    // Past a Premium limit the underline starts where that limit ends.
    const tooLong = 'a'.repeat(25_010);
    const premium = check(core, tooLong, { ...X, xPostLimit: 25_000 }).find((f) => f.ruleId === 'LEN-001');
    expect(premium?.message).toContain('25010/25000');
    expect([premium?.start, premium?.end]).toEqual([25_000, 25_010]);
    // A limit that is no number (a corrupted setting) falls back to the rule's own value.
    expect(ids(check(core, long, { ...X, xPostLimit: Number.NaN }))).toContain('LEN-001');
    expect(ids(check(core, long, { ...X, xPostLimit: 0 }))).toContain('LEN-001');
  });

  it('a metric with valueFrom compares with the context limit only where the rule asks for it', () => {
    const p = compile(
      pack([
        rule({ id: 'OWN-001', when: { metric: 'xWeightedLength', op: '>', value: 10, valueFrom: 'xPostLimit' } }),
        rule({ id: 'FIX-001', when: { metric: 'xWeightedLength', op: '>', value: 10 } }),
      ]),
    );
    const text = 'twelve chars';
    expect(ids(check(p, text, { network: 'x', postKind: 'post' }))).toEqual(['FIX-001', 'OWN-001']);
    expect(ids(check(p, text, { network: 'x', postKind: 'post', xPostLimit: 20 }))).toEqual(['FIX-001']);
    expect(ids(check(p, text, { network: 'x', postKind: 'post', xPostLimit: 5 }))).toEqual(['FIX-001', 'OWN-001']);
  });

  it('detectors validate checksums and formats', () => {
    const has = (t: string, id: string) => ids(check(core, t, LI)).includes(id);
    expect(has('card 4111-1111-1111-1111', 'PII-002')).toBe(true);
    expect(has('card 4111-1111-1111-1112', 'PII-002')).toBe(false);
    expect(has('iban DE89 3704 0044 0532 0130 00', 'PII-002')).toBe(true);
    expect(has('iban DE89 3704 0044 0532 0130 01', 'PII-002')).toBe(false);
    expect(has('ssn 078-05-1120', 'PII-002')).toBe(true);
    expect(has('ssn 666-05-1120', 'PII-002')).toBe(false);
    expect(has('mail Jane: jane@example.co.uk', 'PII-001')).toBe(true);
    expect(has('mail me: jane@example.co.uk', 'PII-001')).toBe(false); // the author's own address
    expect(has('press enquiries: press@example.co.uk', 'PII-001')).toBe(false); // a role mailbox
    expect(has('call +1 212 055 0199 now', 'PII-001')).toBe(false);
    expect(has('Our active users hit 12,500 this week', 'SEC-001')).toBe(true);
    expect(has('Our active users hit 2.5 million this week', 'SEC-001')).toBe(true);
    expect(has('Our active users hit 999 this week', 'SEC-001')).toBe(false);
    expect(has('Our sales in 2025 were fun', 'SEC-001')).toBe(false);
    expect(has('see github.com/acme', 'DISC-001')).toBe(false);
    expect(has('write to jane@acme.com', 'DISC-001')).toBe(false);
    expect(has('ping @acme about it, their support is great', 'DISC-001')).toBe(true);
    expect(has('call +1 650 253 0000 now', 'PII-001')).toBe(true);
    expect(has('see github.com/acme', 'LINK-001')).toBe(false);
    expect(has('see node.js docs', 'LINK-001')).toBe(false);
    expect(has('see randomblog.net/x', 'LINK-001')).toBe(true);
  });
});

describe('check never throws', () => {
  it('on any string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.constantFrom('linkedin', 'x'), (text, network) => {
        const findings = check(core, text, { network: network as 'linkedin' | 'x', postKind: 'post' });
        for (const f of findings) {
          expect(f.start).toBeGreaterThanOrEqual(0);
          expect(f.end).toBeGreaterThan(f.start);
          expect(f.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on 50,000 characters of mixed junk, quickly', () => {
    const r =
      fc.sample(fc.string({ unit: 'binary', minLength: 50_000, maxLength: 50_000 }), { numRuns: 1, seed: 42 })[0] ?? '';
    const junk = `${'\uD800a1'.repeat(5000)}${'((((aaaa!!!!$$$$####@@@@'.repeat(1000)}`;
    for (const text of [r, junk, 'a'.repeat(50_000), '1'.repeat(50_000), 'x.'.repeat(25_000)]) {
      const t0 = performance.now();
      expect(() => check(core, text, LI)).not.toThrow();
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });

  it('on nonsense input types and an unknown policy', () => {
    expect(check(core, undefined as unknown as string, LI)).toEqual([]);
    expect(check({ version: 'x' }, 'hello', LI)).toEqual([]);
  });
});

describe('similarity', () => {
  it('is 1 for identical text, near 1 for a light edit, low for unrelated text', () => {
    const t = 'We just launched Acme Cloud 3.0 with faster queries and a new dashboard. Try it today!';
    expect(similarity(t, t)).toBe(1);
    expect(similarity(t.toUpperCase(), t)).toBe(1);
    expect(similarity(`${t} So proud of the team.`, t)).toBeGreaterThan(0.8);
    expect(similarity('My weekend hike in the Alps was lovely.', t)).toBeLessThan(0.3);
    expect(similarity('', t)).toBe(0);
  });
  it('stays in [0, 1] and is symmetric', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        const s = similarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(Math.abs(s - similarity(b, a))).toBeLessThan(1e-9);
      }),
    );
  });
});

describe('compile', () => {
  it('caches by pack id and version, and recompiles on demand', () => {
    const p = pack([rule({ matchers: { t: { kind: 'phrases', phrases: ['x'] } }, when: { has: 't' } })]);
    expect(compile(p)).toBe(compile(p));
    expect(compile(structuredClone(p))).toBe(compile(p));
    expect(compile(p, { cache: false })).not.toBe(compile(p));
    expect(compile(p).version).toBe(p.version);
  });

  it('refuses unknown dictionaries, matchers and calendars with the rule id and path', () => {
    const bad = pack([
      rule({
        id: 'BAD-001',
        matchers: { t: { kind: 'phrases', dicts: ['nope'] } },
        when: { all: [{ has: 't' }, { has: 'ghost' }, { calendar: 'never' }] },
      }),
    ]);
    try {
      compile(bad, { cache: false });
      throw new Error('expected a CompileError');
    } catch (e) {
      expect(e).toBeInstanceOf(CompileError);
      const errors = (e as CompileError).errors;
      expect(errors.map((x) => x.message)).toEqual(
        expect.arrayContaining(['unknown dictionary "nope"', 'unknown matcher "ghost"', 'unknown calendar "never"']),
      );
      expect(errors.every((x) => x.ruleId === 'BAD-001' && x.path.startsWith('rules[0]'))).toBe(true);
    }
  });
});
