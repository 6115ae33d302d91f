// Numbers written in words before a unit, so "revenue grew twelve percent" or "forty-two million dollars" count as a
// figure like "12%" does. English only, cardinal words up to the billions, "a"/"and"/hyphens inside.
// Hand-written on purpose: compromise's number parser took 13.9 ms and words-to-numbers 3.7 ms per 3,000-character
// post (lib/guidelines/README.md), against a whole-check budget of 0.5 ms; this reads only backwards from
// the unit words, which the engine's Aho-Corasick pass finds.

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

// Units (and scale words) that make a run of number words before them a figure. Found first with indexOf (a text
// without any costs a few native scans), then the number words are read backwards from each.
export const NUMBER_UNITS = [
  'percent',
  'per cent',
  'percentage points',
  'basis points',
  'points',
  'dollars',
  'euros',
  'pounds',
  'usd',
  'eur',
  'gbp',
  'thousand',
  'million',
  'billion',
  '%',
];
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isWordChar = (ch: string | undefined): boolean =>
  ch !== undefined && (/[a-z0-9]/.test(ch) || (ch > '\u007f' && LETTER_OR_DIGIT.test(ch)));

/**
 * Occurrences of the unit words as whole words, ascending by start (longest first at one start). `found`: their spans
 * [s, e…] when the caller's Aho-Corasick pass already found them (the engine's does), so the text is not scanned.
 */
function unitHits(s: string, found?: readonly number[]): Array<{ index: number; unit: string }> {
  const hits: Array<{ index: number; unit: string }> = [];
  if (found) {
    for (let i = 0; i < found.length; i += 2)
      hits.push({ index: found[i] as number, unit: s.slice(found[i] as number, found[i + 1] as number) });
    return hits.sort((a, b) => a.index - b.index || b.unit.length - a.unit.length);
  }
  for (const unit of NUMBER_UNITS) {
    for (let i = s.indexOf(unit); i >= 0; i = s.indexOf(unit, i + 1)) {
      if (unit !== '%' && (isWordChar(s[i - 1]) || isWordChar(s[i + unit.length]))) continue;
      hits.push({ index: i, unit });
    }
  }
  return hits.sort((a, b) => a.index - b.index || b.unit.length - a.unit.length);
}

const WORD_BEFORE = /([a-z]+)[ -]*$/;

/** The value of a run of number words ("forty two", "two and a half", "a hundred million"), or NaN. */
function wordsValue(words: string): number {
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
export function numberWords(s: string, unitSpans?: readonly number[]): WordNumber[] {
  const out: WordNumber[] = [];
  let consumed = 0;
  for (const m of unitHits(s, unitSpans)) {
    if (m.index < consumed) continue;
    const unitWord = m.unit;
    const unitEnd = m.index + unitWord.length;
    // Read number words backwards ("forty", "two and a half", "a hundred") up to 8 words, not into a figure already
    // taken.
    let start = m.index;
    let words = '';
    const isScale = SCALE[unitWord] !== undefined && unitWord !== 'hundred';
    if (isScale) {
      words = unitWord;
    }
    for (let k = 0; k < 8; k++) {
      const before = WORD_BEFORE.exec(s.slice(Math.max(consumed, start - 24), start));
      if (!before) break;
      const w = before[1] as string;
      if (SMALL[w] === undefined && SCALE[w] === undefined && w !== 'and') break;
      start -= before[0].length;
      words = words ? `${w} ${words}` : w;
    }
    const trimmed = words.replace(/^(?:and )+/, '');
    if (trimmed === unitWord || !trimmed || /^(?:a|and)$/.test(trimmed)) continue;
    start += words.length - trimmed.length;
    if (start < consumed) continue;
    const value = wordsValue(trimmed);
    if (!Number.isFinite(value)) continue;
    // A figure of a scale alone ("forty million") may still take a currency or percent word after it.
    let end = unitEnd;
    let kind: WordNumber['kind'] = '';
    if (!isScale) kind = /percent|per cent|%|points/.test(unitWord) ? 'percent' : 'money';
    else {
      const tail = /^[ -]?(percent|per cent|dollars|euros|pounds|usd|eur|gbp)(?![\p{L}\p{N}])/u.exec(
        s.slice(unitEnd, unitEnd + 16),
      );
      if (tail) {
        end += tail[0].length;
        kind = /percent|per cent/.test(tail[1] as string) ? 'percent' : 'money';
      }
    }
    out.push({ start, end, value, kind });
    consumed = end;
  }
  return out;
}
