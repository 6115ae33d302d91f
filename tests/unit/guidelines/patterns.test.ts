import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, check, compile, compilePattern, PatternError, validatePack } from '../../../lib/guidelines';
import { foldPattern } from '../../../lib/guidelines/patterns';
import { LI, pack, rule } from './helpers';

function patternPack(pattern: string) {
  return {
    id: 'p',
    version: '1',
    name: 'P',
    rules: [
      {
        id: 'PAT-001',
        title: 'Pattern',
        category: 'confidential',
        severity: 'warning',
        matchers: { p: { kind: 'pattern', pattern } },
        when: { has: 'p' },
        message: 'm',
        rationale: 'r',
        source: { label: 's' },
        tests: [
          { text: 'aaaa', expect: 'hit' },
          { text: 'bbbb', expect: 'miss' },
        ],
      },
    ],
  };
}

describe('ReDoS refusal', () => {
  it.each([
    ['(a+)+$', /nested quantifiers/],
    ['(a*)*b', /nested quantifiers/],
    ['((ab)+c)+', /nested quantifiers/],
    ['(a|aa){1,}x', null],
    ['(a)\\1', /back-reference or look-around/],
    ['a(?=b)', /back-reference or look-around/],
    ['(?<!x)a', /back-reference or look-around/],
    ['a{2000}', /above 1,000/],
    ['a**', /not valid RE2 syntax/],
    ['x*', /matches the empty string/],
  ])('%s', (pattern, message) => {
    if (message === null) {
      expect(() => compilePattern(pattern)).not.toThrow();
      return;
    }
    expect(() => compilePattern(pattern)).toThrow(PatternError);
    expect(() => compilePattern(pattern)).toThrow(message);
  });

  it('validatePack names the rule and the JSON path of a refused pattern', () => {
    const result = validatePack(patternPack('(a+)+$'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ ruleId: 'PAT-001', path: 'rules[0].matchers.p.pattern' });
    expect(result.errors[0]?.message).toMatch(/exponential time/);
    expect(validatePack(patternPack('a{4}')).ok).toBe(true);
  });

  it('runs accepted patterns in linear time on adversarial input', () => {
    const p = compile(pack([rule({ matchers: { p: { kind: 'pattern', pattern: 'a+b' } }, when: { has: 'p' } })]));
    const t0 = performance.now();
    check(p, 'a'.repeat(50_000), LI);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('patterns', () => {
  it('match case-insensitively on the normalised text, with Unicode boundaries and original offsets', () => {
    const p = compile(
      pack([rule({ matchers: { p: { kind: 'pattern', pattern: 'PRJ-\\d{4}' } }, when: { has: 'p' } })]),
    );
    const text = '😀 See ＰＲＪ-1234 and prj-9999x and xprj-1111';
    const f = check(p, text, LI);
    expect(f.map((x) => text.slice(x.start, x.end))).toEqual(['ＰＲＪ-1234']);
  });

  it('fold literals but not escapes', () => {
    expect(foldPattern('ABC\\D\\p{Lu}[A-Z]\\x41')).toBe('abc\\D\\p{Lu}[a-z]\\x41');
  });

  it('extract a required literal for the prefilter when one exists', () => {
    expect(compilePattern('prj-\\d{4}').literal).toBe('prj-');
    expect(compilePattern('[a-z]+\\.corp\\.acme\\.com').literal).toBe('.corp.acme.com');
    expect(compilePattern('ab|cd').literal).toBeNull();
    expect(compilePattern('x?yz').literal).toBe('yz');
  });

  it('the prefilter never hides a match (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', '-', '1', ' ');
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 40 }),
        fc.constantFrom('ab-\\d', 'b+a-1', 'a-?1{2}', '(?:ab|ba)-1'),
        (text, pattern) => {
          const p = compile(
            pack([rule({ matchers: { p: { kind: 'pattern', pattern, boundary: 'none' } }, when: { has: 'p' } })]),
          );
          const expected = new RegExp(pattern.replace('(?:', '(?:'), 'g').test(text);
          expect(check(p, text, LI).length > 0).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('patterns that start with their literal', () => {
  // Such patterns are searched only from the literal's occurrences; the matches must be exactly those of a scan of
  // the whole text, in long texts too.
  it('find the same matches as a full scan (property)', () => {
    const patterns = ['ab-\\d', '!!+', 'ab+a', 'ba-?1{1,2}', 'ab(?:a|b)*', 'a b\\b'];
    fc.assert(
      fc.property(
        // pieces of matches next to each other, so matches touch and overlap candidates
        fc
          .array(fc.constantFrom('ab-1', 'ab', '!!', '!', ' ', 'a', 'b', '-', '1', 'ba-11', 'abba', 'a b'), {
            maxLength: 120,
          })
          .map((parts) => parts.join('')),
        fc.constantFrom(...patterns),
        (text, pattern) => {
          expect(compilePattern(pattern).literalAtStart).toBe(true);
          const p = compile(
            pack([
              rule({
                category: 'tone',
                matchers: { p: { kind: 'pattern', pattern, boundary: 'none' } },
                when: { has: 'p' },
                highlight: 'all',
              }),
            ]),
          );
          const got = check(p, text, LI).map((f) => `${f.start}-${f.end}`);
          const want: string[] = [];
          const m = compilePattern(pattern).re.matcher(text);
          while (m.find()) if (m.end() > m.start()) want.push(`${m.start()}-${m.end()}`);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('own Aho-Corasick', () => {
  it('finds exactly what a naive search finds (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '漢', '😀'), minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 20 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', '漢', '😀', ' '), maxLength: 60 }),
        (keys, text) => {
          const ac = buildAutomaton(keys);
          const { count, hits } = ac.search(text);
          const got = new Set<string>();
          for (let i = 0; i < count; i++) got.add(`${ac.keys[hits[i * 2] as number]}@${hits[i * 2 + 1]}`);
          const want = new Set<string>();
          for (const k of new Set(keys)) {
            for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) want.add(`${k}@${at + k.length}`);
          }
          expect([...got].sort()).toEqual([...want].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  // The dense table has 64 columns and a bounded number of rows: keys over a wide alphabet (rare units take the
  // sparse path) and automata with more states than dense rows must still find every occurrence, and every unit
  // flagged as an event is reported exactly once, in order.
  it('finds exactly what a naive search finds with a wide alphabet, few dense rows and events (property)', () => {
    const alphabet = [
      ...'abcdefghij0123456789#@!é',
      ...Array.from({ length: 70 }, (_, i) => String.fromCharCode(0x4e00 + i)),
    ];
    const unit = fc.constantFrom(...alphabet);
    const eventUnits = new Uint8Array(65536);
    for (const c of '0123456789#@!é漢一') eventUnits[c.charCodeAt(0)] = 1;
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit, minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 40 }),
        // long texts too: those are searched as two interleaved halves
        fc.oneof(
          fc.string({ unit: fc.oneof(unit, fc.constantFrom(' ', '漢', 'z')), maxLength: 80 }),
          fc.string({ unit: fc.oneof(unit, fc.constantFrom(' ', '漢', 'z')), minLength: 250, maxLength: 700 }),
          // long pure-ASCII texts
          fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', ' ', '1', '#', '!'), minLength: 250, maxLength: 700 }),
        ),
        fc.integer({ min: 1, max: 40 }),
        (keys, text, denseStates) => {
          const ac = buildAutomaton(keys, { events: eventUnits, denseStates });
          const { count, hits, eventCount, events } = ac.search(text);
          const got: string[] = [];
          for (let i = 0; i < count; i++) got.push(`${ac.keys[hits[i * 2] as number]}@${hits[i * 2 + 1]}`);
          const want: string[] = [];
          for (const k of new Set(keys)) {
            for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) want.push(`${k}@${at + k.length}`);
          }
          expect(got.sort()).toEqual(want.sort());
          const wantEvents: number[] = [];
          for (let i = 0; i < text.length; i++) if (eventUnits[text.charCodeAt(i)]) wantEvents.push(i);
          expect([...events.subarray(0, eventCount)]).toEqual(wantEvents);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a key that straddles the middle of a long text (where the two search halves meet)', () => {
    const key = 'abcdefgh';
    for (const denseStates of [1, 4, 1000]) {
      const ac = buildAutomaton([key, 'h', 'fgh'], { denseStates });
      for (const n of [600, 601]) {
        for (let p = (n >> 1) - key.length - 1; p <= (n >> 1) + 1; p++) {
          const text = `${'x'.repeat(p)}${key}${'x'.repeat(n - p - key.length)}`;
          const { count, hits } = ac.search(text);
          const got = Array.from({ length: count }, (_, i) => `${ac.keys[hits[i * 2] as number]}@${hits[i * 2 + 1]}`);
          const end = p + key.length;
          expect(got).toEqual([`${key}@${end}`, `fgh@${end}`, `h@${end}`].sort((a, b) => a.localeCompare(b)));
        }
      }
    }
  });

  it('builds 20,000 terms quickly', () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `term${i.toString(36)}x${(i * 7919).toString(36)}`);
    const t0 = performance.now();
    const ac = buildAutomaton(terms);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(ac.search(`a ${terms[123]} b`).count).toBeGreaterThan(0);
  });
});
