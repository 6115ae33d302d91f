// The incremental checker (lib/guidelines/incremental.ts) must return exactly what check() returns for the same text,
// after any edit: same findings, same order, same offsets, messages and fixes. Random edit sequences (seeded, so a
// failure replays) on the default packs and on packs whose rules read the whole post.
import { describe, expect, it } from 'vitest';
import {
  type CheckContext,
  type CompiledPolicy,
  check,
  compile,
  defaultPacks,
  type PolicyPack,
} from '../../../lib/guidelines';
import { createIncrementalChecker } from '../../../lib/guidelines/incremental';
import { rng } from '../../seeded-random';
import { LI, pack, rule } from './helpers';

// What people paste or type: text that makes rules fire (the core pack's own examples), disclosure tags, protected
// speech, evasive spellings across lines, emoji and surrogates, combining marks, figures in words, tags and shouting.
const SNIPPETS = [
  ...defaultPacks.core.rules.flatMap((r) => r.tests.filter((t) => t.expect === 'hit').map((t) => t.text)),
  '#AcmeEmployee',
  '#ad',
  'I work at Acme.',
  'my pay was cut and our union will talk pay',
  'credit union',
  'A c m e',
  'A\nc\nm\ne',
  'Ac\nme',
  'N i g h t j a r',
  // evasive spellings at a paragraph's edge, whose windows reach the line break
  'N\ni\ng\nh\nt\nj\na\nr',
  'Night\njar',
  'n!ght\njar a',
  'a\nI m',
  'Acm3\n\nis',
  'n1ghtj4r',
  'Nightjar',
  'RocketDB',
  'Globex is worse',
  '👩‍💻',
  '🇫🇷',
  '👍🏽',
  '\u0301',
  '\u200d',
  '\ufe0f',
  'café',
  'ＡＣＭＥ',
  '我们的团队',
  'forty million dollars',
  'twelve percent',
  'million',
  '$1.2M',
  '42%',
  '+1 650 253 0000',
  '4111 1111 1111 1111',
  'jane at acme dot com',
  'jane@acme.com',
  'https://acme.com/blog?x=1',
  'www.example.org',
  '#one #two #three #four',
  '@janedoe @bob',
  'THIS IS THE BEST LAUNCH EVER',
  '!!!',
  'Great news!',
  'cve-2024-12345',
  'PRJ-1234',
  'we deserve better wages',
  'our quarterly results beat guidance',
];
const WORDS = 'the a we our team today new launch customers product great proud happy share news about'.split(' ');
const CHARS = ['a', 'e', 'A', ' ', ' ', '\n', '.', '!', '#', '@', '1', 'é', '😀', '\ud83d', '\u0301', 'ß'];

type Edit = (text: string, r: () => number) => string;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const at = (r: () => number, text: string) => Math.floor(r() * (text.length + 1));
const splice = (text: string, s: number, e: number, ins: string) => text.slice(0, s) + ins + text.slice(e);

const EDITS: Edit[] = [
  (t, r) => t + pick(r, CHARS), // type at the end
  (t, r) => {
    const i = at(r, t);
    return splice(t, i, i, pick(r, CHARS));
  },
  (t, r) => {
    const i = at(r, t);
    return splice(t, Math.max(0, i - 1), i, ''); // backspace
  },
  (t, r) => {
    const i = at(r, t);
    return splice(t, i, i, ` ${pick(r, WORDS)}`);
  },
  (t, r) => {
    const i = at(r, t);
    return splice(t, i, i, pick(r, SNIPPETS)); // paste
  },
  (t, r) => {
    const i = at(r, t);
    return splice(t, i, Math.min(t.length, i + Math.floor(r() * 12)), pick(r, SNIPPETS)); // replace a selection
  },
  (t, r) => {
    const i = at(r, t);
    return splice(t, i, i, r() < 0.5 ? '\n' : '\n\n'); // split a paragraph
  },
  (t) => {
    const i = t.indexOf('\n');
    return i < 0 ? t : splice(t, i, i + 1, ''); // join two paragraphs
  },
  (t, r) => {
    const i = t.lastIndexOf('\n');
    return i < 0 ? t : splice(t, i, i + 1, r() < 0.5 ? ' ' : ''); // join, with or without a space
  },
  (t, r) => {
    // delete across paragraph boundaries
    const i = at(r, t);
    return splice(t, i, Math.min(t.length, i + Math.floor(r() * 80)), '');
  },
];

function startText(r: () => number): string {
  const paras: string[] = [];
  const n = 1 + Math.floor(r() * 5);
  for (let p = 0; p < n; p++) {
    let s = '';
    const words = 3 + Math.floor(r() * 25);
    for (let w = 0; w < words; w++) s += `${r() < 0.15 ? pick(r, SNIPPETS) : pick(r, WORDS)} `;
    paras.push(s.trim());
  }
  return paras.join(r() < 0.5 ? '\n' : '\n\n');
}

/** The smallest text (lines, then stretches, then characters removed) a fresh checker still gets wrong. */
function shrink(policy: CompiledPolicy, ctx: CheckContext, text: string): string {
  const wrong = (t: string) => {
    try {
      expect(createIncrementalChecker(policy, ctx).check(t)).toEqual(check(policy, t, ctx));
      return false;
    } catch {
      return true;
    }
  };
  if (!wrong(text)) return text;
  let t = text;
  for (const size of [200, 40, 8, 1]) {
    for (let i = 0; i < t.length; ) {
      const shorter = t.slice(0, i) + t.slice(i + size);
      if (shorter !== t && wrong(shorter)) t = shorter;
      else i += size;
    }
  }
  return t;
}

/** Replays one edit sequence; returns how many of its checks were cut into more than one block. */
function replay(policy: CompiledPolicy, ctx: CheckContext, seed: number, steps: number): number {
  let cut = 0;
  const r = rng(seed);
  const inc = createIncrementalChecker(policy, ctx);
  let text = startText(r);
  for (let step = 0; step <= steps; step++) {
    if (step > 0) text = pick(r, EDITS)(text, r);
    const got = inc.check(text);
    if (inc.blocks > 1) cut++;
    const want = check(policy, text, ctx);
    try {
      expect(got).toEqual(want);
    } catch (e) {
      const minimal = shrink(policy, ctx, text);
      throw new Error(
        `seed ${seed}, edit ${step}: incremental differs from check()\n` +
          `text: ${JSON.stringify(text)}\nminimal text for a fresh checker: ${JSON.stringify(minimal)}\n${String(e)}`,
      );
    }
  }
  return cut;
}

// More with INCREMENTAL_SEQUENCES=300 (a longer hunt; the default keeps npm test quick).
const SEQUENCES = Number(process.env.INCREMENTAL_SEQUENCES ?? 30);

// Rules whose truth depends on the whole post or reaches across paragraphs.
function postLevelPack(): PolicyPack {
  const phrases = (...p: string[]) => ({ kind: 'phrases', phrases: p });
  return pack(
    [
      rule({
        id: 'NEAR-001',
        matchers: { a: phrases('acme'), b: phrases('launch') },
        when: { near: ['a', 'b'], within: 6 },
        highlight: 'first',
      }),
      rule({
        id: 'POS-001',
        category: 'disclosure',
        matchers: { tag: phrases('#acmeemployee', '#ad') },
        when: {
          any: [
            { position: 'tag', where: 'afterChars', chars: 40 },
            { position: 'tag', where: 'hashtagCluster' },
          ],
        },
      }),
      rule({
        id: 'CNT-001',
        matchers: { w: phrases('great', 'happy') },
        when: { count: 'w', op: '>=', n: 3 },
        report: 'w',
      }),
      rule({
        id: 'MET-001',
        category: 'format',
        matchers: {},
        when: {
          any: [
            { metric: 'chars', op: '>', value: 180 },
            { metric: 'hashtags', op: '>=', value: 3 },
            { metric: 'mentions', op: '>=', value: 2 },
            { metric: 'capsRatio', op: '>', value: 0.5, minLetters: 10 },
            { metric: 'shoutingWords', op: '>=', value: 3 },
            { metric: 'exclamations', op: '>=', value: 3 },
          ],
        },
      }),
      rule({
        id: 'XLEN-001',
        category: 'format',
        scope: { networks: ['x'] },
        matchers: {},
        when: { metric: 'xWeightedLength', op: '>', value: 120, valueFrom: 'xPostLimit' },
      }),
      rule({
        id: 'UNL-001',
        matchers: { brand: { kind: 'phrases', dicts: ['companyNames'] }, tag: phrases('#acmeemployee', 'i work at') },
        when: { has: 'brand' },
        unless: { has: 'tag' },
        escalate: [
          { when: { has: 'tag' }, severity: 'critical' },
          { when: { calendar: 'quiet' }, severity: 'critical' },
          { when: { not: { network: ['linkedin'] } }, severity: 'critical' },
        ],
        fixes: [{ kind: 'insert', at: 'start', text: '#AcmeEmployee ' }],
      }),
      rule({
        id: 'GRD-001',
        matchers: { w: phrases('news', 'team'), x: phrases('zzzq') },
        when: { all: [{ has: 'w' }, { not: { has: 'x' } }] },
        protectedActivityGuard: true,
      }),
      rule({
        id: 'BU-001',
        scope: { businessUnits: ['sales'] },
        matchers: { n: { kind: 'detector', detector: 'number' } },
        when: { has: 'n' },
      }),
      rule({
        id: 'DET-001',
        matchers: {
          e: { kind: 'detector', detector: 'email' },
          p: { kind: 'detector', detector: 'phone' },
          u: { kind: 'detector', detector: 'url' },
          m: { kind: 'detector', detector: 'money' },
        },
        when: { any: [{ has: 'e' }, { has: 'p' }, { has: 'u' }, { has: 'm' }] },
      }),
      rule({
        id: 'PAT-001',
        matchers: { p: { kind: 'pattern', pattern: 'prj-\\d{4}' } },
        when: { has: 'p' },
      }),
      rule({
        id: 'EVA-001',
        category: 'confidential',
        normalize: { leet: true, confusables: true, stripMarks: true },
        matchers: { c: { kind: 'phrases', dicts: ['companyNames'], phrases: ['kestrel'] } },
        when: { has: 'c' },
      }),
    ],
    {
      dictionaries: { companyNames: { entries: ['Acme'] } },
      calendars: { quiet: [{ start: '2026-01-01', end: '2026-12-31' }] },
    },
  );
}

const X: CheckContext = { network: 'x', postKind: 'post', xPostLimit: 140 };
const NOW = Date.parse('2026-06-01T12:00:00Z');

describe('incremental checking equals check() after every edit', () => {
  // The last field: whether posts get cut into blocks (healthcare's PHI-002 reads "MRN:\n123456" across a line
  // break with \s*, so that pack is always checked whole).
  const cases: Array<[string, PolicyPack, CheckContext, boolean]> = [
    ['core on LinkedIn', defaultPacks.core, LI, true],
    ['core on X', defaultPacks.core, X, true],
    ['core, a comment', defaultPacks.core, { network: 'linkedin', postKind: 'comment' }, true],
    ['regulated finance', defaultPacks['regulated-finance'], { ...LI, now: NOW }, true],
    ['healthcare', defaultPacks.healthcare, LI, false],
    ['post-level rules', postLevelPack(), { ...LI, now: NOW }, true],
    ['post-level rules, sales unit on X', postLevelPack(), { ...X, businessUnit: 'sales', now: NOW }, true],
  ];
  for (const [name, source, ctx, cuts] of cases) {
    it(`${name}: 30 random edit sequences`, { timeout: 120_000 }, () => {
      const policy = compile(source);
      let cut = 0;
      for (let seed = 1; seed <= SEQUENCES; seed++) cut += replay(policy, ctx, seed * 7919 + name.length, 30);
      // The incremental path ran (not only whole checks), or never where the pack can't be cut.
      if (cuts) expect(cut).toBeGreaterThan(SEQUENCES * 2);
      else expect(cut).toBe(0);
    });
  }

  it('a policy whose pattern can match a line break is checked whole, and still equal', () => {
    const policy = compile(
      pack([rule({ matchers: { p: { kind: 'pattern', pattern: 'acme\\s+cloud' } }, when: { has: 'p' } })]),
    );
    for (let seed = 1; seed <= 10; seed++) replay(policy, LI, seed, 30);
    const inc = createIncrementalChecker(policy, LI);
    expect(inc.check('We love Acme\ncloud')).toEqual(check(policy, 'We love Acme\ncloud', LI));
    expect(inc.check('We love Acme\ncloud').map((f) => f.start)).toEqual([8]);
  });

  it('sealed dictionaries (a member pack) are checked whole, and still equal', () => {
    const policy = compile(
      pack([rule({ matchers: { c: { kind: 'phrases', dicts: ['codenames'] } }, when: { has: 'c' } })]),
    );
    for (let seed = 1; seed <= 10; seed++) replay(policy, LI, seed, 30);
  });
});

describe('what a user notices while typing', () => {
  const policy = compile(defaultPacks.core);
  const paragraphs = [
    'Loving the new Acme Cloud dashboard, check it out!',
    'We had a great quarter with the team and shipped a lot.',
    'Thanks to everyone who came to the meetup',
  ];

  it('typing in paragraph 3 keeps paragraph 1 finding where it was', () => {
    const inc = createIncrementalChecker(policy, LI);
    const text = paragraphs.join('\n\n');
    const before = inc.check(text);
    const disclosure = before.find((f) => f.ruleId === 'DISC-001');
    expect(disclosure && text.slice(disclosure.start, disclosure.end)).toBe('Acme Cloud');
    const typed = `${text} t`;
    const after = inc.check(typed);
    expect(after).toEqual(check(policy, typed, LI));
    expect(after.find((f) => f.ruleId === 'DISC-001')).toEqual(disclosure);
  });

  it('typing in paragraph 1 moves the findings of the paragraphs after it', () => {
    const p = compile(postLevelPack());
    const inc = createIncrementalChecker(p, LI);
    const text = 'Hello there\n\nMail jane@acme.com today';
    const at = inc.check(text).find((f) => f.ruleId === 'DET-001');
    const typed = `Oh, hello there\n\nMail jane@acme.com today`;
    const moved = inc.check(typed).find((f) => f.ruleId === 'DET-001');
    expect(moved && typed.slice(moved.start, moved.end)).toBe('jane@acme.com');
    expect((moved?.start ?? 0) - (at?.start ?? 0)).toBe(4);
  });

  it('joining two paragraphs finds what now reads across the old break', () => {
    const p = compile(postLevelPack());
    const inc = createIncrementalChecker(p, LI);
    const split = 'We are at Acme\nlaunch day is here';
    const joined = 'We are at Acme launch day is here';
    expect(inc.check(split)).toEqual(check(p, split, LI));
    const found = inc.check(joined);
    expect(found).toEqual(check(p, joined, LI));
    expect(found.some((f) => f.ruleId === 'NEAR-001')).toBe(true);
  });

  it('a disclosure tag added in the last paragraph clears the finding in the first', () => {
    const p = compile(postLevelPack());
    const inc = createIncrementalChecker(p, LI);
    const text = 'Acme shipped it\n\nmore soon';
    expect(inc.check(text).some((f) => f.ruleId === 'UNL-001')).toBe(true);
    expect(inc.check(`${text} #AcmeEmployee`).some((f) => f.ruleId === 'UNL-001')).toBe(false);
  });

  it('protected speech in one paragraph stands the other paragraphs down', () => {
    const p = compile(postLevelPack());
    const inc = createIncrementalChecker(p, LI);
    const text = 'Big news for the team\n\nstill here';
    expect(inc.check(text).some((f) => f.ruleId === 'GRD-001')).toBe(true);
    const guarded = 'Big news for the team\n\nour union voted today';
    expect(inc.check(guarded)).toEqual(check(p, guarded, LI));
    expect(inc.check(guarded).some((f) => f.ruleId === 'GRD-001')).toBe(false);
  });

  it('an evasive spelling split over lines is found as check() finds it', () => {
    const p = compile(postLevelPack());
    const inc = createIncrementalChecker(p, LI);
    for (const t of ['K e s\nt r e l here', 'hello\nK e s t r e l', 'k3str3l\nok', 'ok\n\nA c\nm e']) {
      expect(inc.check(t)).toEqual(check(p, t, LI));
    }
  });

  it('never throws, whatever it is given', () => {
    const inc = createIncrementalChecker(policy, LI);
    expect(inc.check('')).toEqual([]);
    expect(inc.check(undefined as unknown as string)).toEqual([]);
    expect(inc.check('\ud83d\n\u0301\n')).toEqual(check(policy, '\ud83d\n\u0301\n', LI));
    const stranger = createIncrementalChecker({ version: 'x' }, LI);
    expect(stranger.check('Acme')).toEqual([]);
  });
});
