// Evasion-proof matching for dictionary terms and risk lexicons: spellings meant to slip past a phrase list.
//
// The skeleton of a text keeps only its letters (after the base view's NFKC, lower case and removal of
// default-ignorables), with leetspeak digits and symbols read as letters (0→o 1→i 3→e 4→a 5→s 7→t 8→b 9→g, @→a $→s
// !→i), Cyrillic/Greek look-alikes and accents folded, runs of three or more equal letters collapsed ("fuuuck"), and
// word separators inside names dropped (space, '-', '.', '_', '#', apostrophes): "H-e-r-o-n", "H E R O N",
// "#ProjectHeron", "Ｈ３ｒ０ｎ" and "Project-Heron" all read "heron"/"projectheron". A '*' stays, as a masked letter:
// lexicon terms also get masked keys ("f*ck", "f**k"). Other punctuation and line breaks break the skeleton.
//
// A skeleton hit counts only when the original span is a plausible spelling of the term: it starts and ends at a
// word edge of the original text (or a camel-case edge inside a hashtag), and either is one token, or every token is
// a single character (spaced letters), or has as many tokens as the term has words. So "push it" never reads "shit"
// and "class action" never reads "ass". Offsets map back to the original text like every other hit.
import type { Automaton } from './aho';
import { foldString, isWordAt, origEnd, origStart, unitsToString, type View } from './normalize';
import { unitFolder } from './profiles';

/** One term to find in the skeleton: who asked for it (an index the caller chooses) and whether to add masked keys. */
export interface EvasionTerm {
  text: string;
  owner: number;
  masks: boolean;
}

/** Skeleton keys before the automaton is built: the caller adds them to its base automaton's keys. */
export type EvasionKeys = Map<string, { owners: Set<number>; words: number; ordinary: boolean }>;

/** The skeleton keys by index in the (shared) automaton: their owners and the term's number of words. */
export interface EvasionIndex {
  readonly automaton: Automaton;
  readonly owners: ReadonlyArray<readonly number[] | undefined>;
  readonly words: Int32Array;
  /** 1 where the key is also the ordinary key of some term (a plain single word): its unbroken occurrences are left
   * to the ordinary matchers. */
  readonly ordinary: Uint8Array;
  /** How far around a suspicious spot the skeleton is read: an evasive spelling is at most ~3 units per letter. */
  readonly reach: number;
}

const LEET: Record<number, number> = { 48: 111, 49: 105, 51: 101, 52: 97, 53: 115, 55: 116, 56: 98, 57: 103 };
const SYMBOL_LETTER: Record<number, number> = { 64: 97, 36: 115, 33: 105 }; // @ $ !
const STAR = 42;
/** What a unit is in the skeleton besides a letter: dropped (a separator inside a name) or a break. */
const DROP = -1;
export const BREAK = -2;
// Separators dropped inside names: space, - . _ # ' ’ · and the no-break/narrow spaces.
const SEPARATORS = new Set([32, 45, 46, 95, 35, 39, 0x2019, 0xb7, 0xa0, 0x202f, 0x2010, 0x2011]);
const foldLetter = unitFolder(6); // confusables + marks
const MARK = /\p{M}/u;
// What each ASCII unit becomes in the skeleton (a letter code, DROP or BREAK); other units are looked up as needed.
export const ASCII_SKELETON = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_SKELETON[c] =
    c >= 97 && c <= 122
      ? c
      : c >= 65 && c <= 90
        ? c + 32
        : (LEET[c] ?? SYMBOL_LETTER[c] ?? (c === STAR ? STAR : SEPARATORS.has(c) ? DROP : BREAK));
}

function skeletonUnit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_SKELETON[c] as number;
  if (SEPARATORS.has(c)) return DROP;
  if (!isWordAt(s, i)) return BREAK;
  if (MARK.test(s[i] as string)) return DROP; // accents left after NFKC ("İ" → "i" + U+0307)
  return foldLetter(c);
}

/** The skeleton of a term (no offsets): what its keys (and sealed digests, `sealed.ts`) are made of. */
export function skeletonOf(term: string): string {
  const s = foldString(term);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = skeletonUnit(s, i);
    if (u >= 0) out += String.fromCharCode(u);
  }
  return /(.)\1\1/.test(out) ? out.replace(/(.)\1\1+/g, '$1') : out;
}

/**
 * Masked keys of a lexicon term: one inner letter as '*' ("f*ck", "sh*t"), the two after the first ("f**k",
 * "f**king"), or all inner letters ("f***"). Other double masks are rare and each adds thousands of keys to a pack.
 */
function maskedKeys(key: string): string[] {
  if (key.length < 3) return [];
  const out: string[] = [];
  for (let i = 1; i < key.length - 1; i++) out.push(`${key.slice(0, i)}*${key.slice(i + 1)}`);
  if (key.length > 3) out.push(`${key[0]}**${key.slice(3)}`);
  if (key.length > 4) out.push(`${key[0]}${'*'.repeat(key.length - 2)}${key[key.length - 1]}`);
  return out;
}

/** Terms shorter than this (as a skeleton) are left to the ordinary matcher: too many chance hits. */
const MIN_KEY = 3;

/** How many words a term has (runs of spaces count once). */
export function wordCount(text: string): number {
  let words = 1;
  for (let i = 1; i < text.length; i++) if (text.charCodeAt(i) === 32 && text.charCodeAt(i - 1) !== 32) words++;
  return words;
}

/** The skeleton keys of a set of terms (with masked keys where asked), to be added to the base automaton. */
export function evasionKeys(terms: readonly EvasionTerm[]): EvasionKeys {
  const byKey: EvasionKeys = new Map();
  const add = (key: string, owner: number, words: number, ordinary: boolean): void => {
    const known = byKey.get(key);
    if (known) {
      known.owners.add(owner);
      known.ordinary ||= ordinary;
    } else byKey.set(key, { owners: new Set([owner]), words, ordinary });
  };
  for (const t of terms) {
    const key = skeletonOf(t.text);
    if (key.length < MIN_KEY) continue;
    const words = wordCount(t.text);
    add(key, t.owner, words, foldString(t.text).trim() === key);
    if (t.masks) for (const m of maskedKeys(key)) add(m, t.owner, words, false);
  }
  return byKey;
}

/** Index the skeleton keys by their place in the automaton built with them. */
export function bindEvasionKeys(keys: EvasionKeys, automaton: Automaton): EvasionIndex | null {
  if (!keys.size) return null;
  const owners: Array<number[] | undefined> = new Array(automaton.keys.length);
  const words = new Int32Array(automaton.keys.length);
  const ordinary = new Uint8Array(automaton.keys.length);
  let longest = 0;
  automaton.keys.forEach((k, i) => {
    const e = keys.get(k);
    if (!e) return;
    owners[i] = [...e.owners];
    words[i] = e.words;
    ordinary[i] = e.ordinary ? 1 : 0;
    if (k.length > longest) longest = k.length;
  });
  return { automaton, owners, words, ordinary, reach: 3 * longest + 2 };
}

/**
 * The skeleton of base.text[from, to) and, per unit, the base-view unit it came from (its first one for a collapsed
 * run); `at[length]` is `to`.
 */
function skeleton(base: View, from: number, to: number): { text: string; at: Int32Array } {
  const s = base.text;
  const n = to;
  const units = new Uint16Array(to - from);
  const at = new Int32Array(to - from + 1);
  let o = 0;
  let last = -1;
  let run = 0;
  for (let i = from; i < n; i++) {
    const u = skeletonUnit(s, i);
    if (u === DROP) {
      if (last !== 32) last = -1; // an elongation is one unbroken run ("fuuuck"), never "ﬁİ i n…"
      run = 0;
      continue;
    }
    if (u === BREAK) {
      if (last !== 32) {
        units[o] = 32;
        at[o++] = i;
      }
      last = 32;
      run = 0;
      continue;
    }
    if (u === last && u !== STAR) {
      // A third equal letter in a row is an elongation ("fuuuck"): the run reads as one letter.
      if (++run === 2) o--;
      if (run >= 2) continue;
    } else run = 0;
    units[o] = u;
    at[o++] = i;
    last = u;
  }
  at[o] = n;
  return { text: unitsToString(units, o), at };
}

const isUpper = (ch: string | undefined): boolean => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string | undefined): boolean => !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const WHITESPACE = /\s+/u;
const LETTER = /\p{L}/u;

/** Is text[i] inside a hashtag (the token it belongs to starts with '#')? */
function hashtagAt(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && text.charCodeAt(j - 1) > 32) j--;
  return text.charCodeAt(j) === 35;
}

/** A plausible spelling of the term at text[s, e)? (see the file comment) */
export function plausible(text: string, s: number, e: number, words: number): boolean {
  if (isWordAt(text, s - 1) && !(hashtagAt(text, s) && isUpper(text[s]) && isLower(text[s - 1]))) return false;
  if (isWordAt(text, e) && !(hashtagAt(text, s) && isUpper(text[e]) && isLower(text[e - 1]))) return false;
  const span = text.slice(s, e);
  const tokens = span.split(WHITESPACE);
  if (tokens.length > 1 && tokens.length !== words && !tokens.every((t) => [...t].length === 1)) return false;
  // Leetspeak needs letters: "5417" is a number, not "sait".
  let letters = 0;
  let digits = 0;
  for (const ch of span) {
    if (LETTER.test(ch)) letters++;
    else if (ch >= '0' && ch <= '9') digits++;
  }
  return letters >= 1 && letters * 2 >= digits;
}

// Where an evasive spelling can be: a symbol, digit or non-ASCII letter among letters, single letters apart, a letter
// thrice, a hashtag. Text without any of these reads the same in the skeleton as in the base view, where
// the ordinary matchers already looked; so only windows around these spots are read (a plain post skips the pass).
// One loop over char codes (a regex with these alternatives cost ~30 µs per 3,000 characters, the loop ~4).
const C_OTHER = 0;
const C_LETTER = 1;
const C_DIGIT = 2;
const C_SPACE = 3;
const C_MASK = 4; // @ $ ! * | #: letters in disguise or a hashtag
const C_JOIN = 5; // - . _ ' · and other punctuation inside a token
const C_HIGH = 6; // non-ASCII
const UNIT_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  UNIT_CLASS[c] =
    c >= 97 && c <= 122
      ? C_LETTER
      : c >= 48 && c <= 57
        ? C_DIGIT
        : c === 32 || c === 10 || c === 9 || c === 13
          ? C_SPACE
          : '@$!*|#'.includes(String.fromCharCode(c))
            ? C_MASK
            : c > 32 && c < 127
              ? C_JOIN
              : C_OTHER;
}

/** Offsets in the base view where an evasion may be (ascending). */
export function suspiciousSpots(b: string): number[] {
  const spots: number[] = [];
  const n = b.length;
  let p2 = C_SPACE; // class two units back
  let p1 = C_SPACE; // class one unit back
  let c1 = 0; // code one unit back
  let c2 = 0;
  for (let i = 0; i < n; i++) {
    const c = b.charCodeAt(i);
    const k = c < 128 ? (UNIT_CLASS[c] as number) : C_HIGH;
    if (k === C_LETTER && p1 === C_LETTER) {
      // the common case, a letter inside a word: only a third equal letter in a row is suspicious
      if (c === c1 && c === c2) spots.push(i);
    } else if (k === C_SPACE) {
      // nothing starts at a space
    } else if (k === C_LETTER || k === C_DIGIT) {
      if (
        // a symbol or punctuation between letters or digits ("h-e-r-o-n", "sh!t", "ｆ.ｕ")
        ((p1 === C_MASK || p1 === C_JOIN) && (p2 === C_LETTER || p2 === C_DIGIT)) ||
        // a masking symbol before a letter ("$hit", "#heron", "*uck")
        (p1 === C_MASK && k === C_LETTER) ||
        // letters and digits mixed ("h3r0n", "1d10t")
        (p1 === C_LETTER && k === C_DIGIT) ||
        (p1 === C_DIGIT && k === C_LETTER) ||
        // a non-ASCII letter beside an ASCII one (look-alikes, accents)
        p1 === C_HIGH ||
        // a letter thrice ("fuuuck")
        (c === c1 && c === c2) ||
        // single letters apart ("s h i t"): letter, space, letter, with no letter on either side
        (p1 === C_SPACE &&
          p2 === C_LETTER &&
          (i < 3 || (b.charCodeAt(i - 3) < 128 && UNIT_CLASS[b.charCodeAt(i - 3)] !== C_LETTER)) &&
          (i + 1 >= n || UNIT_CLASS[b.charCodeAt(i + 1)] !== C_LETTER))
      )
        spots.push(i);
    } else if (k === C_HIGH && p1 === C_LETTER) spots.push(i);
    else if (k === C_MASK && p1 === C_LETTER) spots.push(i); // "sh!t", "a$$"
    p2 = p1;
    p1 = k;
    c2 = c1;
    c1 = c;
  }
  return spots;
}

/** A stretch of the base view around suspicious spots, [from, to), with its skeleton. */
export interface SkeletonWindow {
  from: number;
  to: number;
  /** The skeleton of base.text[from, to) and the base unit each of its units came from (see skeleton()). */
  text: string;
  at: Int32Array;
}

/**
 * Where evasive spellings can be: a window spans the tokens around each suspicious spot (whitespace-separated; a run
 * of single-character tokens counts as one, for spaced letters), TOKENS_AROUND each side, never more than `reach`
 * units (what the longest key could take). Overlapping windows merge. Shared by the evasion pass and sealed
 * dictionaries (sealed.ts) within one check.
 */
export function skeletonWindows(base: View, reach: number): SkeletonWindow[] {
  const out: SkeletonWindow[] = [];
  const b = base.text;
  const spots = suspiciousSpots(b);
  if (!spots.length) return out;
  let from = -1;
  let to = -1;
  for (let k = 0; k <= spots.length; k++) {
    const p = spots[k];
    const a = p === undefined ? -1 : windowStart(b, p, reach);
    const e = p === undefined ? -1 : windowEnd(b, p, reach);
    if (p !== undefined && from >= 0 && a <= to) {
      to = Math.max(to, e);
      continue;
    }
    if (from >= 0) out.push({ from, to, ...skeleton(base, from, to) });
    if (p === undefined) break;
    from = a;
    to = e;
  }
  return out;
}

/**
 * Evasive spellings in the original text, read in `windows` (skeletonWindows with at least `index.reach`): for each
 * owner, spans [s, e, s, e…] in original offsets (unsorted; the caller merges them with its ordinary hits). Ordinary
 * occurrences (the key itself, unbroken, in the base view) are left to the ordinary matcher, which applies its own word
 * boundaries.
 */
export function evasionHits(
  index: EvasionIndex,
  windows: readonly SkeletonWindow[],
  base: View,
  original: string,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const w of windows) searchWindow(index, base, original, w, out);
  return out;
}

const TOKENS_AROUND = 3;

/** Where the window around the suspicious spot `p` of base view `b` starts (skeletonWindows, before merging). */
export function windowStart(b: string, p: number, reach: number): number {
  return tokensBack(b, p, TOKENS_AROUND, Math.max(0, p - reach));
}

/** Where the window around the suspicious spot `p` of base view `b` ends (skeletonWindows, before merging). */
export function windowEnd(b: string, p: number, reach: number): number {
  return tokensForward(b, p, TOKENS_AROUND, Math.min(b.length, p + reach));
}
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/**
 * The start of the token `n` tokens before the one at `p` (single-character tokens in a row count as one), but not
 * before `limit` (a 50,000-character token must not make this quadratic).
 */
function tokensBack(s: string, p: number, n: number, limit: number): number {
  let i = p;
  for (let t = 0; t <= n && i > limit; ) {
    while (i > limit && !isSpace(s.charCodeAt(i - 1))) i--;
    const single = i + 1 < s.length && isSpace(s.charCodeAt(i + 1));
    if (!single) t++;
    if (t > n || i === limit) break;
    while (i > limit && isSpace(s.charCodeAt(i - 1))) i--;
  }
  return i;
}

/** The end of the token `n` tokens after the one at `p` (single-character tokens in a row count as one), at most
 * `limit`. */
function tokensForward(s: string, p: number, n: number, limit: number): number {
  let i = p;
  const len = limit;
  for (let t = 0; t <= n && i < len; ) {
    const startTok = i;
    while (i < len && !isSpace(s.charCodeAt(i))) i++;
    if (i - startTok !== 1) t++;
    if (t > n || i === len) break;
    while (i < len && isSpace(s.charCodeAt(i))) i++;
  }
  return i;
}

/** Where a match ending at base unit `be` really ends: the run a collapsed elongation stands for ends where the next
 * skeleton unit starts (`next`). */
export function runEnd(b: string, be: number, next: number): number {
  let end = be;
  while (end < next && b.charCodeAt(end) === b.charCodeAt(be - 1)) end++;
  return end;
}

function searchWindow(
  index: EvasionIndex,
  base: View,
  original: string,
  sk: SkeletonWindow,
  out: Map<number, number[]>,
): void {
  const b = base.text;
  const { count, hits } = index.automaton.search(sk.text);
  for (let h = 0; h < count; h++) {
    const k = hits[2 * h] as number;
    const owners = index.owners[k];
    if (!owners) continue;
    const end = hits[2 * h + 1] as number;
    const key = index.automaton.keys[k] as string;
    const bs = sk.at[end - key.length] as number;
    const be = (sk.at[end - 1] as number) + 1;
    if (index.ordinary[k] && be - bs === key.length && b.startsWith(key, bs)) continue;
    const s = origStart(base, bs);
    const e = origEnd(base, runEnd(b, be, sk.at[end] as number));
    if (!plausible(original, s, e, index.words[k] as number)) continue;
    for (const owner of owners) {
      const list = out.get(owner);
      if (list) list.push(s, e);
      else out.set(owner, [s, e]);
    }
  }
}
