// Numbers written in words before a unit, so "revenue grew twelve percent" or "forty-two million dollars" count as a
// figure like "12%" does. English only, cardinal words up to the billions, "a"/"and"/hyphens inside.
// Hand-written on purpose: compromise's number parser took 13.9 ms and words-to-numbers 3.7 ms per 3,000-character
// post (tests/quality/README.md), against a whole-check budget of 0.5 ms; this runs only when a unit word is present.

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  a: 1,
  half: 0.5,
  dozen: 12,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9 };

const WORD_ALT = [...Object.keys(SMALL), ...Object.keys(SCALE)].sort((a, b) => b.length - a.length).join('|');
/** Number words (at least one), then a unit: percent, per cent, %, points, million, billion, or a currency word. */
const NUMBER_WORDS = new RegExp(
  `(?<![\\p{L}\\p{N}])((?:(?:${WORD_ALT}|and)[ -]){0,8}(?:${WORD_ALT}))[ -]?(percent|per cent|%|percentage points|points|basis points|dollars|euros|pounds|usd|eur|gbp)?(?![\\p{L}\\p{N}])`,
  'gu',
);
const UNIT_HINT = /percent|per cent|million|billion|thousand|points|dollars|euros|pounds|%/;

/** The value of a run of number words ("forty two", "two and a half", "a hundred million"), or NaN. */
export function wordsValue(words: string): number {
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words.replace(/\ba half\b/g, 'half').split(/[ -]+/)) {
    if (!w || w === 'and') continue;
    const small = SMALL[w];
    if (small !== undefined) {
      current = small === 0.5 ? current + 0.5 : current + small;
      any = true;
      continue;
    }
    const scale = SCALE[w];
    if (scale === undefined) return Number.NaN;
    any = true;
    if (scale === 100) current = (current || 1) * 100;
    else {
      total += (current || 1) * scale;
      current = 0;
    }
  }
  return any ? total + current : Number.NaN;
}

export interface WordNumber {
  start: number;
  end: number;
  value: number;
  /** 'percent', 'money', or '' (a plain figure with a scale, e.g. "forty million"). */
  kind: 'percent' | 'money' | '';
}

/** Number-word figures in a lower-cased text: "twelve percent", "forty million", "two billion dollars". */
export function numberWords(s: string): WordNumber[] {
  if (!UNIT_HINT.test(s)) return [];
  const out: WordNumber[] = [];
  NUMBER_WORDS.lastIndex = 0;
  for (let m = NUMBER_WORDS.exec(s); m; m = NUMBER_WORDS.exec(s)) {
    const words = m[1] as string;
    const unit = m[2];
    const hasScale = /thousand|million|billion/.test(words);
    // A lone "a" or "one" without a unit is no figure; a figure needs a unit or a scale word.
    if (!unit && !hasScale) continue;
    if (/^(?:a|and)$/.test(words.trim())) continue;
    const value = wordsValue(words);
    if (!Number.isFinite(value)) continue;
    const kind = unit ? (/percent|per cent|%|points/.test(unit) ? 'percent' : 'money') : '';
    out.push({ start: m.index, end: m.index + m[0].length, value, kind });
  }
  return out;
}
