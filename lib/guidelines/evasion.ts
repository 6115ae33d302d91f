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
import { type Automaton, buildAutomaton } from './aho';
import { foldString, isWordAt, origEnd, origStart, unitFolder, type View } from './normalize';

/** One term to find in the skeleton: who asked for it (an index the caller chooses) and whether to add masked keys. */
export interface EvasionTerm {
  text: string;
  owner: number;
  masks: boolean;
}

export interface EvasionIndex {
  readonly automaton: Automaton;
  /** Per automaton key: the owners that asked for it, and the number of words of the term it came from. */
  readonly owners: ReadonlyArray<readonly number[]>;
  readonly words: readonly number[];
}

const LEET: Record<number, number> = { 48: 111, 49: 105, 51: 101, 52: 97, 53: 115, 55: 116, 56: 98, 57: 103 };
const SYMBOL_LETTER: Record<number, number> = { 64: 97, 36: 115, 33: 105 }; // @ $ !
const STAR = 42;
const DROP = -1;
const BREAK = -2;
// Separators dropped inside names: space, - . _ # ' ’ · and the no-break/narrow spaces.
const SEPARATORS = new Set([32, 45, 46, 95, 35, 39, 0x2019, 0xb7, 0xa0, 0x202f, 0x2010, 0x2011]);
const foldLetter = unitFolder(6); // confusables + marks
const MARK = /\p{M}/u;

function skeletonUnit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 97 && c <= 122) return c;
  if (c >= 48 && c <= 57) return LEET[c] ?? c;
  if (c === STAR) return STAR;
  const sym = SYMBOL_LETTER[c];
  if (sym !== undefined) return sym;
  if (SEPARATORS.has(c)) return DROP;
  if (c < 128) return BREAK;
  if (!isWordAt(s, i)) return BREAK;
  if (MARK.test(s[i] as string)) return DROP; // accents left after NFKC ("İ" → "i" + U+0307)
  return foldLetter(c);
}

/** The skeleton of a term (no offsets): what its keys are made of. */
export function skeletonOf(term: string): string {
  const s = foldString(term);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = skeletonUnit(s, i);
    if (u >= 0) out += String.fromCharCode(u);
  }
  return collapseRuns(out);
}

function collapseRuns(s: string): string {
  return s.replace(/(.)\1\1+/g, '$1');
}

/** Masked keys of a lexicon term: one or two inner letters as '*' ("f*ck", "f**king"), or all inner letters. */
function maskedKeys(key: string): string[] {
  if (key.length < 3) return [];
  const out: string[] = [];
  for (let i = 1; i < key.length - 1; i++) {
    out.push(`${key.slice(0, i)}*${key.slice(i + 1)}`);
    if (i + 2 < key.length) out.push(`${key.slice(0, i)}**${key.slice(i + 2)}`);
  }
  if (key.length > 4) out.push(`${key[0]}${'*'.repeat(key.length - 2)}${key[key.length - 1]}`);
  return out;
}

/** Terms shorter than this (as a skeleton) are left to the ordinary matcher: too many chance hits. */
const MIN_KEY = 3;

export function buildEvasionIndex(terms: readonly EvasionTerm[]): EvasionIndex | null {
  const byKey = new Map<string, { owners: Set<number>; words: number }>();
  const add = (key: string, owner: number, words: number): void => {
    const known = byKey.get(key);
    if (known) known.owners.add(owner);
    else byKey.set(key, { owners: new Set([owner]), words });
  };
  for (const t of terms) {
    const key = skeletonOf(t.text);
    if (key.length < MIN_KEY) continue;
    const words = t.text.trim().split(/\s+/).length;
    add(key, t.owner, words);
    if (t.masks) for (const m of maskedKeys(key)) add(m, t.owner, words);
  }
  if (!byKey.size) return null;
  const automaton = buildAutomaton([...byKey.keys()], true);
  return {
    automaton,
    owners: automaton.keys.map((k) => [...(byKey.get(k)?.owners ?? [])]),
    words: automaton.keys.map((k) => byKey.get(k)?.words ?? 1),
  };
}

interface Skeleton {
  text: string;
  /** Original [start, end) of each skeleton unit. */
  starts: Int32Array;
  ends: Int32Array;
}

function skeleton(base: View): Skeleton {
  const s = base.text;
  const n = s.length;
  const units = new Uint16Array(n);
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  let o = 0;
  let last = -1;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const u = skeletonUnit(s, i);
    if (u === DROP) continue;
    if (u === BREAK) {
      if (last !== 32) {
        units[o] = 32;
        starts[o] = origStart(base, i);
        ends[o] = origEnd(base, i + 1);
        o++;
      }
      last = 32;
      run = 0;
      continue;
    }
    if (u === last && u !== STAR) {
      run++;
      // A third equal letter in a row: the run is an elongation; keep one letter for it (drop the second one too).
      if (run === 2) {
        o--;
        ends[o - 1] = origEnd(base, i + 1);
        continue;
      }
      if (run > 2) {
        ends[o - 1] = origEnd(base, i + 1);
        continue;
      }
    } else run = 0;
    units[o] = u;
    starts[o] = origStart(base, i);
    ends[o] = origEnd(base, i + 1);
    o++;
    last = u;
  }
  let text = '';
  for (let i = 0; i < o; i += 4096) text += String.fromCharCode(...units.subarray(i, Math.min(o, i + 4096)));
  return { text, starts, ends };
}

const isUpper = (ch: string | undefined): boolean => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string | undefined): boolean => !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const WHITESPACE = /\s+/u;

function hashtagAt(text: string, i: number): boolean {
  let j = i;
  while (j > 0 && !/\s/.test(text[j - 1] as string)) j--;
  return text[j] === '#';
}

/** A plausible spelling of the term at text[s, e)? (see the file comment) */
function plausible(text: string, s: number, e: number, words: number): boolean {
  const leftEdge = !isWordAt(text, s - 1) || (isUpper(text[s]) && isLower(text[s - 1]) && hashtagAt(text, s));
  if (!leftEdge) return false;
  const rightEdge = !isWordAt(text, e) || (isUpper(text[e]) && isLower(text[e - 1]) && hashtagAt(text, s));
  if (!rightEdge) return false;
  const span = text.slice(s, e);
  const tokens = span.split(WHITESPACE);
  if (tokens.length > 1 && tokens.length !== words && !tokens.every((t) => [...t].length === 1)) return false;
  // Leetspeak needs letters: "5417" is a number, not "sait".
  let letters = 0;
  let digits = 0;
  for (const ch of span) {
    if (/\p{L}/u.test(ch)) letters++;
    else if (ch >= '0' && ch <= '9') digits++;
  }
  return letters >= 1 && letters * 2 >= digits;
}

/**
 * Evasion hits in the original text: for each owner, spans [s, e, s, e…] in original offsets (unsorted; the caller
 * merges them with its ordinary hits).
 */
export function evasionHits(index: EvasionIndex, base: View, original: string): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const sk = skeleton(base);
  const { count, hits } = index.automaton.search(sk.text);
  for (let h = 0; h < count; h++) {
    const k = hits[2 * h] as number;
    const end = hits[2 * h + 1] as number;
    const key = index.automaton.keys[k] as string;
    const s = sk.starts[end - key.length] as number;
    const e = sk.ends[end - 1] as number;
    if (!plausible(original, s, e, index.words[k] as number)) continue;
    for (const owner of index.owners[k] as number[]) {
      const list = out.get(owner);
      if (list) list.push(s, e);
      else out.set(owner, [s, e]);
    }
  }
  return out;
}
