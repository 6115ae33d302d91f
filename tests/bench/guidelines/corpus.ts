// Deterministic inputs for the guideline bench: 3,000-character posts (English, and a mix with emoji and CJK),
// 1,000 custom dictionary terms, 20 custom patterns and a 20,000-term dictionary for the compile test.

import type { PolicyPack, Rule } from '../../../lib/guidelines';

export { rng } from '../../seeded-random';

const WORDS = (
  'the a to of and in for on with our we team today new launch customers product people work great proud ' +
  'really happy share news this week year growth learning leadership community event talk thanks data cloud ' +
  'platform engineering design hiring remote culture impact future together amazing journey building better ' +
  'faster simple secure open source developers conference keynote panel insights lessons results quarter ' +
  'partners feedback release feature users experience marketing sales support operations strategy innovation ' +
  'Acme RocketDB Globex revenue margin next excited announce congratulations mentor career story from about'
).split(' ');
const PUNCT = ['.', ',', '!', '?', ':', ' -'];
const EMOJI = ['😀', '🚀', '🎉', '👍🏽', '❤️', '👩‍💻', '🇫🇷', '✨', '🙌', '📈'];
const CJK = [
  '我们的团队',
  '新产品发布',
  'とても嬉しい',
  'チーム',
  '클라우드',
  '成長',
  '今日は',
  '数据平台',
  'ありがとう',
];
const EXTRAS = [
  ' https://acme.com/blog/post-1',
  ' https://example.org/a?b=c',
  ' #AcmeLife',
  ' #cloud',
  ' @janedoe',
  ' 42%',
  ' $1.2M',
  ' café',
  ' naïve',
  ' Zoë',
];

export function post(r: () => number, length: number, mix: boolean): string {
  let s = '';
  while (s.length < length) {
    const x = r();
    if (mix && x < 0.12) s += ` ${EMOJI[Math.floor(r() * EMOJI.length)]}`;
    else if (mix && x < 0.3) s += ` ${CJK[Math.floor(r() * CJK.length)]}`;
    else if (x > 0.994) s += EXTRAS[Math.floor(r() * EXTRAS.length)];
    else if (x > 0.92) s += PUNCT[Math.floor(r() * PUNCT.length)];
    else s += ` ${WORDS[Math.floor(r() * WORDS.length)]}`;
  }
  // Cut on a code-point boundary.
  let cut = length;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return s.slice(1, cut + 1).slice(0, cut);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
export function terms(r: () => number, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    const len = 6 + Math.floor(r() * 6);
    let w = '';
    for (let i = 0; i < len; i++) w += LETTERS[Math.floor(r() * 26)];
    if (r() < 0.25) {
      let w2 = '';
      for (let i = 0; i < 5; i++) w2 += LETTERS[Math.floor(r() * 26)];
      w = `${w} ${w2}`;
    }
    out.add(r() < 0.3 ? w.charAt(0).toUpperCase() + w.slice(1) : w);
  }
  return [...out];
}

/** 20 realistic custom patterns (ticket ids, hosts, keys, ids); most carry a literal the prefilter can use. */
export const PATTERNS = [
  'prj-\\d{4}',
  'jira-[a-z]{2,5}-\\d{1,6}',
  'inc\\d{7}',
  '[a-z0-9-]+\\.corp\\.acme\\.com',
  '[a-z0-9-]+\\.internal\\.acme\\.io',
  'emp\\d{6}',
  'akia[0-9a-z]{16}',
  'ghp_[0-9a-z]{36}',
  'xox[bap]-[0-9a-z-]{10,48}',
  'sk_live_[0-9a-z]{24}',
  'build #\\d{4,6}',
  'po-\\d{8}',
  'sow-\\d{4}-\\d{3}',
  'confluence/display/[a-z]+',
  'sharepoint\\.com/sites/[a-z]+',
  '10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}',
  '192\\.168\\.\\d{1,3}\\.\\d{1,3}',
  'v\\d+\\.\\d+\\.\\d+-rc\\d+',
  'q[1-4] ?fy\\d{2} forecast',
  '\\d{3}-\\d{3}-\\d{4} ext\\.? ?\\d{2,5}',
];

function testsFor(hit: string): Rule['tests'] {
  return [
    { text: hit, expect: 'hit' },
    { text: 'nothing to see here', expect: 'miss' },
  ];
}

export function benchPack(core: PolicyPack, customTerms: string[], patterns: string[]): PolicyPack {
  const rules: Rule[] = [
    {
      id: 'CUST-001',
      title: 'Custom terms',
      category: 'confidential',
      severity: 'warning',
      scope: {},
      normalize: { leet: false, confusables: false, stripMarks: false },
      matchers: {
        term: {
          kind: 'phrases',
          phrases: [],
          dicts: ['customTerms'],
          inflect: false,
          boundary: 'word',
          exceptions: [],
          exceptionDicts: [],
        },
      },
      when: { has: 'term' },
      escalate: [],
      highlight: 'all',
      message: 'Custom term {match}.',
      rationale: 'Bench rule.',
      source: { label: 'bench' },
      fixes: [],
      tests: testsFor(customTerms[0] ?? 'x'),
    },
    ...patterns.map(
      (p, i): Rule => ({
        id: `PAT-${String(i + 1).padStart(3, '0')}`,
        title: `Custom pattern ${i + 1}`,
        category: 'confidential',
        severity: 'warning',
        scope: {},
        normalize: { leet: false, confusables: false, stripMarks: false },
        matchers: { p: { kind: 'pattern', pattern: p, boundary: 'word' } },
        when: { has: 'p' },
        escalate: [],
        highlight: 'all',
        message: 'Internal identifier.',
        rationale: 'Bench rule.',
        source: { label: 'bench' },
        fixes: [],
        tests: testsFor('x'),
      }),
    ),
  ];
  return {
    ...core,
    id: 'bench',
    version: `${core.version}+bench.${customTerms.length}.${patterns.length}`,
    dictionaries: { ...core.dictionaries, customTerms: { secret: true, entries: customTerms } },
    rules: [...core.rules, ...rules],
  };
}
