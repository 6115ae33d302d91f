import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baseView, check, compile, foldString } from '../../../lib/guidelines';
import { isSpecialCandidate, origEnd, origStart } from '../../../lib/guidelines/normalize';
import { deriveView, profileKey } from '../../../lib/guidelines/profiles';
import { LI, pack, rule } from './helpers';

const word = (normalize?: Record<string, boolean>, evasions?: boolean) =>
  compile(
    pack([
      rule({
        id: 'CODE-001',
        category: 'confidential',
        protectedActivityGuard: false,
        ...(normalize ? { normalize } : {}),
        matchers: {
          term: {
            kind: 'phrases',
            phrases: ['confidential', 'insider'],
            dicts: ['codenames'],
            ...(evasions === undefined ? {} : { evasions }),
          },
        },
        when: { has: 'term' },
      }),
    ]),
  );

describe('normalisation (the traps in the notes)', () => {
  // The base profile alone (evasion-proof matching off), the opt-in folding profiles, and the default.
  const plain = word(undefined, false);
  const folded = word({ leet: true, confusables: true, stripMarks: true }, false);
  const byDefault = word();
  const cases: Array<[string, string, boolean, boolean]> = [
    ['full-width', 'ｃｏｎｆｉｄｅｎｔｉａｌ', true, true],
    ['maths bold', '𝐜𝐨𝐧𝐟𝐢𝐝𝐞𝐧𝐭𝐢𝐚𝐥', true, true],
    ['zero-width space', 'conf\u200Bidential', true, true],
    ['soft hyphen', 'conf\u00ADidential', true, true],
    ['upper case', 'CONFIDENTIAL', true, true],
    ['Cyrillic с', '\u0441onfidential', false, true],
    ['leetspeak', 'c0nf1dent1al', false, true],
    ['Turkish İ', 'İNSIDER', false, true],
    ['decomposed accent', 'Ni\u0301ghtjar', false, true],
  ];
  it.each(cases)('%s', (_label, input, base, withFolds) => {
    const text = `This is ${input} stuff`;
    const a = check(plain, text, LI);
    const b = check(folded, text, LI);
    const c = check(byDefault, text, LI);
    expect(a.length > 0).toBe(base);
    expect(b.length > 0).toBe(withFolds);
    expect(c.length).toBe(1); // a risk lexicon and a codename dictionary are evasion-proof by default
    for (const f of [...a, ...b, ...c]) expect(text.slice(f.start, f.end)).toBe(input);
  });

  it('keeps UTF-16 offsets right around emoji, CJK and combining marks', () => {
    const text = '👩‍💻 漢字 e\u0301 ❤️ Nightjar 🇫🇷 ok';
    const f = check(plain, text, LI);
    expect(f).toHaveLength(1);
    expect(text.slice(f[0]?.start, f[0]?.end)).toBe('Nightjar');
  });

  it('uses Unicode word boundaries, never JS \\b', () => {
    const p = compile(
      pack([
        rule({
          matchers: { t: { kind: 'phrases', phrases: ['café', 'insider'] } },
          when: { has: 't' },
        }),
      ]),
    );
    expect(check(p, 'un café noir', LI)).toHaveLength(1);
    expect(check(p, 'cafés', LI)).toHaveLength(0);
    expect(check(p, 'insiders', LI)).toHaveLength(0);
    expect(check(p, 'ÉinsiderÉ', LI)).toHaveLength(0);
    expect(check(p, '(insider)', LI)).toHaveLength(1);
  });

  it('matches CJK terms inside running CJK text (no spaces in the script)', () => {
    const p = compile(pack([rule({ matchers: { t: { kind: 'phrases', phrases: ['机密'] } }, when: { has: 't' } })]));
    const text = '这是机密文件';
    const f = check(p, text, LI);
    expect(f).toHaveLength(1);
    expect(text.slice(f[0]?.start, f[0]?.end)).toBe('机密');
  });

  // baseView() lets a native regex skip the units it never needs to touch; that shortcut is only right if every
  // skipped unit really is its own fold (NFKC + case fold + ignorables) and no combining mark.
  it('skips only units that fold to their own lower case', () => {
    const wrong: string[] = [];
    for (let c = 0x80; c < 0xd800; c++) {
      const ch = String.fromCharCode(c);
      if (isSpecialCandidate(ch)) continue;
      const jamo = c >= 0x1160 && c <= 0x11ff; // joins the previous syllable like a mark
      if (
        foldString(ch) !== ch.toLowerCase() ||
        /\p{M}|\p{Default_Ignorable_Code_Point}/u.test(ch) ||
        c === 0x3a3 ||
        jamo
      )
        wrong.push(c.toString(16));
    }
    for (let c = 0xe000; c < 0x10000; c++) if (!isSpecialCandidate(String.fromCharCode(c))) wrong.push(c.toString(16));
    expect(wrong).toEqual([]);
  });

  it('folds case, width and ignorables in foldString', () => {
    expect(foldString('ＡＣＭＥ\u200B Straße')).toBe('acme strasse');
    expect(foldString('it’s')).toBe("it's");
  });
});

const unicodeText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(
      'a',
      'B',
      ' ',
      '.',
      'é',
      'e\u0301',
      'ß',
      'İ',
      'ﬁ',
      '…',
      '\u200B',
      '\u00AD',
      '\uFE0F',
      '😀',
      '👩‍💻',
      '漢',
      'ｃ',
      '𝐜',
      '\u0301',
      'Σ',
    ),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('offset map (property)', () => {
  it('maps every view unit to a non-empty, ordered range of the original', () => {
    fc.assert(
      fc.property(unicodeText, (text) => {
        for (const key of [0, profileKey({ leet: true, confusables: true, stripMarks: true })]) {
          const v = key === 0 ? baseView(text) : deriveView(baseView(text), key);
          let prev = 0;
          for (let i = 0; i < v.text.length; i++) {
            const s = origStart(v, i);
            const e = origEnd(v, i + 1);
            expect(s).toBeGreaterThanOrEqual(prev);
            expect(e).toBeGreaterThan(s);
            expect(e).toBeLessThanOrEqual(text.length);
            prev = s;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('findings slice the original text to something that normalises to the matched term', () => {
    const p = word();
    const obfuscate = fc.constantFrom(
      (t: string) => t,
      (t: string) => t.toUpperCase(),
      (t: string) => [...t].join('\u200B'),
      (t: string) => t.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      (t: string) => t.replace(/[a-z]/g, (c) => String.fromCodePoint(c.charCodeAt(0) - 97 + 0x1d41a)),
    );
    fc.assert(
      fc.property(
        unicodeText,
        fc.constantFrom('nightjar', 'project kestrel', 'insider'),
        obfuscate,
        unicodeText,
        (pre, term, ob, post) => {
          const shown = ob(term);
          const text = `${pre} ${shown} ${post}`;
          const findings = check(p, text, LI);
          const at = pre.length + 1;
          const f = findings.find((x) => x.start === at);
          expect(f, JSON.stringify(text)).toBeDefined();
          if (!f) return;
          expect(f.end).toBe(at + shown.length);
          expect(foldString(text.slice(f.start, f.end))).toBe(term);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds evasive spellings by default, with offsets into the original text (property)', () => {
    const p = word();
    const LEET: Record<string, string> = { i: '1', e: '3', a: '4', o: '0', s: '5', t: '7' };
    const evade = fc.constantFrom(
      (t: string) => [...t.replace(/ /g, '')].join(' '), // spaced letters
      (t: string) => [...t.replace(/ /g, '')].join('-'), // hyphenated letters
      (t: string) => t.replace(/ /g, '-'), // hyphen for the space
      (t: string) => `#${t.replace(/(^| )(\w)/g, (_m, _s, c: string) => c.toUpperCase())}`, // hashtag, camel case
      (t: string) => t.replace(/[ieaost]/g, (c) => LEET[c] ?? c), // leetspeak
      (t: string) => t.replace(/i/g, '\u0456').replace(/e/g, '\u0435'), // Cyrillic look-alikes
      (t: string) => [...t].join('\u200B').toUpperCase(), // zero-width spaces, upper case
    );
    fc.assert(
      fc.property(
        unicodeText,
        fc.constantFrom('nightjar', 'project kestrel', 'insider'),
        evade,
        unicodeText,
        (pre, term, ev, post) => {
          const shown = ev(term);
          const text = `${pre} ${shown} ${post}`;
          const at = pre.length + 1;
          const f = check(p, text, LI).find((x) => x.start <= at + (shown[0] === '#' ? 1 : 0) && x.end >= at + 1);
          expect(f, JSON.stringify(text)).toBeDefined();
          if (!f) return;
          expect(f.start).toBeGreaterThanOrEqual(at);
          expect(f.end).toBeLessThanOrEqual(at + shown.length);
          expect(text.slice(f.start, f.end)).toBe(shown.slice(f.start - at, f.end - at));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not read evasions into ordinary words', () => {
    const p = compile(
      pack([
        rule({
          matchers: { t: { kind: 'phrases', phrases: ['shit', 'ass', 'hell', 'lawsuit'] } },
          when: { has: 't' },
        }),
      ]),
    );
    for (const text of [
      'push it now',
      'a class action',
      'his hit song',
      'shell-shocked',
      'was sure',
      'I am 5417 years',
      'law suits me',
    ])
      expect(check(p, text, LI), text).toEqual([]);
    for (const text of ['s h i t', 'sh!t', '$hit', 'f*ck the a$$', 'A-S-S', 'shiiiit', 'law\u200Bsuit', 'h3ll no'])
      expect(check(p, text, LI).length, text).toBeGreaterThan(0);
  });
});
