// Sealed dictionaries: a secret dictionary (codenames) as members' devices receive it.
//
// The hub (`packForMember`) replaces each entry with an HMAC-SHA-256 digest of its skeleton (`evasion.ts`: letters
// only, leetspeak and look-alikes folded, separators dropped) under a key that ships with the pack. The engine finds
// an entry by reading the skeleton of every span of the draft that starts and ends at a word edge (up to the longest
// entry) and comparing digests; a hit must be a plausible spelling of an entry of that many words, as for evasive
// spellings. So a sealed codename is found as written and as spelled to slip past ("N1ghtj4r", "N i g h t j a r",
// "#ProjectKestrel"), though never inside a longer word.
//
// What it protects against: a look at the extension's storage or at a pack file shows no codename. What it does not:
// the key ships with the digests, so whoever holds the pack can test guesses; a short or common word falls to a word
// list in seconds. The key is per organisation and policy version, so digests cannot be compared across them.
//
// Cost: a digest takes microseconds, far too slow for every span of every keystroke. Each span's skeleton is hashed
// on the fly (a polynomial hash seeded from the key: a span's hash extends token by token) and compared with the
// entries' fingerprints of `bits` bits, chosen so that about one span in a thousand goes on to the digest. The
// fingerprints make guessing cheaper by the same factor, which the paragraph above already concedes.

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { phraseForms } from './builder';
import { ASCII_SKELETON, BREAK, plausible, runEnd, type SkeletonWindow, skeletonOf, wordCount } from './evasion';
import { isWordAt, origEnd, origStart, type View } from './normalize';
import type { Phrase } from './schema';

/** A sealed dictionary as it travels in a pack (`schema.ts`, SealedEntriesSchema). */
export interface SealedEntries {
  key: string;
  bits: number;
  maxLength: number;
  digests: string[];
}

/** A sealed dictionary ready to search. */
export interface SealedIndex {
  readonly key: Uint8Array;
  readonly seed: number;
  /** 32 - bits: a fingerprint is the mixed hash shifted right by this. */
  readonly shift: number;
  readonly fingerprints: ReadonlySet<number>;
  /** A bit per value of the mixed hash's top min(bits, 16) bits that some fingerprint starts with. */
  readonly filter: Uint32Array;
  readonly filterShift: number;
  /** Digest (hex) → the word counts of the entries with that skeleton. */
  readonly digests: ReadonlyMap<string, readonly number[]>;
  readonly maxLength: number;
  /** The most words an entry has: a plain span of more tokens is no plausible spelling of any. */
  readonly maxWords: number;
}

/** The polynomial hash's base (odd): a span's hash is seed·B^n + Σ unit·B^(n-1-i), mod 2^32. */
const B = 0x01000193;
/** Bytes of the HMAC kept: 128 bits tell entries apart with no chance collision. */
const DIGEST_BYTES = 16;

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The fingerprints' seed, derived from the key (never the key's own bytes). */
function seedOf(key: Uint8Array): number {
  const d = hmac(sha256, key, utf8ToBytes('spoke sealed-dictionary fingerprint seed'));
  return ((d[0] as number) << 24) | ((d[1] as number) << 16) | ((d[2] as number) << 8) | (d[3] as number);
}

function fingerprint(seed: number, shift: number, skeletonText: string): number {
  let h = seed;
  for (let i = 0; i < skeletonText.length; i++) h = (Math.imul(h, B) + skeletonText.charCodeAt(i)) | 0;
  return fmix(h) >>> shift;
}

function digest(key: Uint8Array, skeletonText: string): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes(skeletonText)).subarray(0, DIGEST_BYTES));
}

/** Fingerprint bits for n entries: about one chance pass in 2^10 spans, 16 bits at least (the bit filter's size). */
function bitsFor(n: number): number {
  return Math.min(32, Math.max(16, Math.ceil(Math.log2(n + 1)) + 10));
}

/** Seals a dictionary's entries (each explicit form too) under `keyHex` (32 bytes, hex). */
export function sealEntries(entries: readonly Phrase[], keyHex: string): SealedEntries {
  const key = hexToBytes(keyHex);
  const forms = new Map<string, Set<number>>();
  for (const e of entries) {
    for (const form of phraseForms(e, false)) {
      const sk = skeletonOf(form);
      if (!sk) continue;
      const words = forms.get(sk) ?? new Set<number>();
      words.add(wordCount(form.trim()));
      forms.set(sk, words);
    }
  }
  let count = 0;
  for (const words of forms.values()) count += words.size;
  const bits = bitsFor(count);
  const seed = seedOf(key);
  const digests: string[] = [];
  let maxLength = 1;
  for (const [sk, words] of forms) {
    const fp = fingerprint(seed, 32 - bits, sk);
    const d = digest(key, sk);
    for (const w of words) digests.push(`${w}.${fp}.${d}`);
    if (sk.length > maxLength) maxLength = sk.length;
  }
  // Sorted, so the order of the CoE's list tells nothing.
  digests.sort();
  return { key: keyHex, bits, maxLength, digests };
}

/** The index a check searches with (built once per compiled policy). */
export function sealedIndex(sealed: SealedEntries): SealedIndex {
  const key = hexToBytes(sealed.key);
  const shift = 32 - sealed.bits;
  const filterBits = Math.min(sealed.bits, 16);
  const filterShift = 32 - filterBits;
  const filter = new Uint32Array(Math.max(1, (1 << filterBits) >>> 5));
  const fingerprints = new Set<number>();
  const digests = new Map<string, number[]>();
  let maxWords = 1;
  for (const line of sealed.digests) {
    const [words, fp, d] = line.split('.') as [string, string, string];
    maxWords = Math.max(maxWords, Number(words));
    const f = Number(fp);
    fingerprints.add(f);
    const top = f >>> (sealed.bits - filterBits);
    filter[top >>> 5] = (filter[top >>> 5] as number) | (1 << (top & 31));
    const known = digests.get(d);
    if (known) known.push(Number(words));
    else digests.set(d, [Number(words)]);
  }
  return {
    key,
    seed: seedOf(key),
    shift,
    fingerprints,
    filter,
    filterShift,
    digests,
    maxLength: sealed.maxLength,
    maxWords,
  };
}

/** Whether a span's hash matches one of the index's fingerprints (the bit filter answers most spans). */
function fingerprinted(index: SealedIndex, mixed: number): boolean {
  const top = mixed >>> index.filterShift;
  if (!((index.filter[top >>> 5] as number) & (1 << (top & 31)))) return false;
  return index.fingerprints.has(mixed >>> index.shift);
}

/** The indexes read with one seed, and one bit filter for all of them (the top bits every one of them filters on). */
interface Group {
  readonly members: readonly number[];
  readonly filter: Uint32Array;
  readonly filterShift: number;
  readonly maxLength: number;
  readonly maxWords: number;
}

/** Groups by seed, made once per compiled policy (its index array). */
const GROUPS = new WeakMap<readonly SealedIndex[], Group[]>();
function groupsOf(indexes: readonly SealedIndex[]): Group[] {
  let groups = GROUPS.get(indexes);
  if (groups) return groups;
  groups = [];
  for (const seed of new Set(indexes.map((index) => index.seed))) {
    const members: number[] = [];
    indexes.forEach((index, k) => {
      if (index.seed === seed) members.push(k);
    });
    const of = members.map((k) => indexes[k] as SealedIndex);
    const filterBits = Math.min(...of.map((index) => 32 - index.filterShift));
    const filter = new Uint32Array(Math.max(1, (1 << filterBits) >>> 5));
    for (const index of of) {
      const drop = 32 - index.filterShift - filterBits;
      index.filter.forEach((word, w) => {
        for (let bit = 0; bit < 32; bit++) {
          if (!(word & (1 << bit))) continue;
          const top = (w * 32 + bit) >>> drop;
          filter[top >>> 5] = (filter[top >>> 5] as number) | (1 << (top & 31));
        }
      });
    }
    groups.push({
      members,
      filter,
      filterShift: 32 - filterBits,
      maxLength: Math.max(...of.map((index) => index.maxLength)),
      maxWords: Math.max(...of.map((index) => index.maxWords)),
    });
  }
  GROUPS.set(indexes, groups);
  return groups;
}

// Spans open in the plain reading: where they start, their hash up to the current token and their skeleton length.
// Module-level and reused (a check is synchronous and never nested).
const MAX_OPEN = 256;
const openStart = new Int32Array(MAX_OPEN);
const openHash = new Int32Array(MAX_OPEN);
const openLength = new Int32Array(MAX_OPEN);

/** One reading's spans against the indexes of one seed: a fingerprint match is confirmed by digest and shape. */
class Reader {
  readonly filter: Uint32Array;
  readonly filterShift: number;
  constructor(
    readonly indexes: readonly SealedIndex[],
    readonly group: Group,
    readonly base: View,
    readonly original: string,
    readonly out: number[][],
  ) {
    this.filter = group.filter;
    this.filterShift = group.filterShift;
  }

  /** The indexes whose fingerprints hold this hash: null for nearly every span (the group's bit filter says so). */
  matching(h: number): number[] | null {
    const mixed = fmix(h);
    const top = mixed >>> this.filterShift;
    if (!((this.filter[top >>> 5] as number) & (1 << (top & 31)))) return null;
    const found = this.group.members.filter((k) => fingerprinted(this.indexes[k] as SealedIndex, mixed));
    return found.length ? found : null;
  }

  /** base[bs, be) has the skeleton `skeletonText`: is it an entry, spelled plausibly? */
  confirm(found: readonly number[], skeletonText: string, bs: number, be: number): void {
    const s = origStart(this.base, bs);
    const e = origEnd(this.base, be);
    for (const k of found) {
      const index = this.indexes[k] as SealedIndex;
      const words = index.digests.get(digest(index.key, skeletonText));
      if (words?.some((w) => plausible(this.original, s, e, w))) (this.out[k] as number[]).push(s, e);
    }
  }
}

/**
 * Where sealed dictionaries' entries occur in the draft: for each index, spans [s, e…] in original offsets (unsorted,
 * possibly repeated). Two readings, as the evasion pass does: plain ASCII stretches in one pass over the base view
 * (where the skeleton is the text itself less separators: no string is made until a fingerprint matches), and the
 * evasion windows (`skeletonWindows`: digits, symbols, look-alikes, spaced or elongated letters, hashtags, any other
 * script) in their skeletons. `hashtags` are the base offsets of '#': a name may start or end at a camel-case edge
 * inside a hashtag ("#NightjarLaunch").
 */
export function sealedHits(
  indexes: readonly SealedIndex[],
  base: View,
  original: string,
  windows: readonly SkeletonWindow[],
  hashtags: readonly number[],
): number[][] {
  const out = indexes.map((): number[] => []);
  if (!base.text.length || !indexes.length) return out;
  // Indexes sealed under one key share their seed, hence every hash: one reading per seed (one, from the hub).
  for (const group of groupsOf(indexes)) {
    const reader = new Reader(indexes, group, base, original, out);
    const seed = (indexes[group.members[0] as number] as SealedIndex).seed;
    readPlain(reader, seed, group.maxLength, group.maxWords);
    for (const w of windows) readWindow(reader, w, hashtags, seed, group.maxLength, group.maxWords);
  }
  return out;
}

/**
 * The plain reading: tokens of ASCII letters (and what leetspeak reads as letters), joined across spaces and
 * separators up to the longest entry; a span starts and ends with a token at a word edge. Anything else (a break, a
 * non-ASCII unit) ends every span: the windows read those stretches.
 */
function readPlain(reader: Reader, seed: number, maxLength: number, maxWords: number): void {
  const b = reader.base.text;
  const n = b.length;
  const filter = reader.filter;
  const filterShift = reader.filterShift;
  const power = powers(maxLength);
  let head = 0;
  let open = 0;
  let i = 0;
  while (i < n) {
    // Between tokens: separators keep the open spans, breaks (and anything non-ASCII) end them.
    let c = b.charCodeAt(i);
    let u = c < 128 ? (ASCII_SKELETON[c] as number) : BREAK;
    while (u < 0) {
      if (u === BREAK) head = open = 0;
      if (++i >= n) return;
      c = b.charCodeAt(i);
      u = c < 128 ? (ASCII_SKELETON[c] as number) : BREAK;
    }
    // A token: its own hash, then every open span extended by it.
    const tokenStart = i;
    let tokenHash = 0;
    do {
      tokenHash = (Math.imul(tokenHash, B) + u) | 0;
      if (++i >= n) break;
      c = b.charCodeAt(i);
      u = c < 128 ? (ASCII_SKELETON[c] as number) : BREAK;
    } while (u >= 0);
    const tokenLength = i - tokenStart;
    if (tokenLength > maxLength) {
      head = open = 0; // no entry spans it
      continue;
    }
    const before = tokenStart === 0 ? 32 : b.charCodeAt(tokenStart - 1);
    if (before < 128 ? ASCII_WORD[before] === 0 : !isWordAt(b, tokenStart - 1)) {
      if (open === MAX_OPEN) {
        if (head === 0) head = 1; // hundreds of single letters in a row: the oldest span goes
        openStart.copyWithin(0, head, open);
        openHash.copyWithin(0, head, open);
        openLength.copyWithin(0, head, open);
        open -= head;
        head = 0;
      }
      openStart[open] = tokenStart;
      openHash[open] = seed;
      openLength[open++] = 0;
    }
    const tokenPower = power[tokenLength] as number;
    for (let k = head; k < open; k++) {
      openHash[k] = (Math.imul(openHash[k] as number, tokenPower) + tokenHash) | 0;
      openLength[k] = (openLength[k] as number) + tokenLength;
    }
    while (head < open && ((openLength[head] as number) > maxLength || open - head > maxWords)) head++;
    // Spans end here when the token ends at a word edge.
    if (i < n && (c < 128 ? ASCII_WORD[c] === 1 : isWordAt(b, i))) continue;
    for (let k = head; k < open; k++) {
      // The group's bit filter first, inline: this runs for every span at every token end.
      const top = fmix(openHash[k] as number) >>> filterShift;
      if (!((filter[top >>> 5] as number) & (1 << (top & 31)))) continue;
      const found = reader.matching(openHash[k] as number);
      if (found) reader.confirm(found, asciiSkeleton(b, openStart[k] as number, i), openStart[k] as number, i);
    }
  }
}

/** B^k for k ≤ n (a token's length is at most the longest entry's, or it is skipped). */
const POWERS = new Map<number, Int32Array>();
function powers(n: number): Int32Array {
  let p = POWERS.get(n);
  if (!p) {
    p = new Int32Array(n + 1);
    p[0] = 1;
    for (let k = 1; k <= n; k++) p[k] = Math.imul(p[k - 1] as number, B);
    POWERS.set(n, p);
  }
  return p;
}

/** ASCII word units (as isWordAt answers), for the readings' edges: most units are ASCII. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordAt(String.fromCharCode(c), 0) ? 1 : 0;
function wordAt(b: string, i: number): boolean {
  if (i < 0 || i >= b.length) return false;
  const c = b.charCodeAt(i);
  return c < 128 ? ASCII_WORD[c] === 1 : isWordAt(b, i);
}

/** The skeleton of an ASCII stretch of the base view (letters as the skeleton reads them, separators dropped). */
function asciiSkeleton(b: string, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) {
    const u = ASCII_SKELETON[b.charCodeAt(i)] as number;
    if (u >= 0) text += String.fromCharCode(u);
  }
  return text;
}

/** One evasion window, in its skeleton: every span from a word edge to a word edge, up to the longest entry. */
function readWindow(
  reader: Reader,
  w: SkeletonWindow,
  hashtags: readonly number[],
  seed: number,
  maxLength: number,
  maxWords: number,
): void {
  const b = reader.base.text;
  const t = w.text;
  const at = w.at;
  const n = t.length;
  // Skeleton units inside a hashtag: a name may start or end at any of them (plausible() wants a camel-case edge).
  let tagged: Uint8Array | null = null;
  let v = 0;
  for (const h of hashtags) {
    if (h < w.from || h >= w.to) continue;
    tagged ??= new Uint8Array(n);
    let end = h;
    while (end < w.to && b.charCodeAt(end) > 32) end++;
    while (v < n && (at[v] as number) < h) v++;
    for (let u = v; u < n && (at[u] as number) < end; u++) tagged[u] = 1;
  }
  // Per unit: may a name start here (1), end after it (2), is there white space before it (4)? At a word edge (after
  // or before a break, a dropped separator or space, or a non-word unit read as a letter: "@nightjar", "nightjar!"),
  // or anywhere inside a hashtag; plausible() has the last word on the spans whose fingerprint matches.
  const marks = new Uint8Array(n + 1);
  for (let i = 0; i < n; i++) {
    if (t.charCodeAt(i) === 32) continue;
    const p = at[i] as number;
    const tag = tagged?.[i] === 1;
    const gapBefore = i > 0 && (at[i - 1] as number) + 1 !== p;
    let m = 0;
    if (tag || i === 0 || t.charCodeAt(i - 1) === 32 || gapBefore || !wordAt(b, p - 1)) m |= 1;
    if (tag || i + 1 >= n || t.charCodeAt(i + 1) === 32 || (at[i + 1] as number) !== p + 1 || !wordAt(b, p + 1)) m |= 2;
    if (gapBefore) {
      for (let k = (at[i - 1] as number) + 1; k < p; k++) {
        const c = b.charCodeAt(k);
        if (c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0 || c === 0x202f) {
          m |= 4;
          break;
        }
      }
    }
    marks[i] = m;
  }
  for (let i = 0; i < n; i++) {
    if (!((marks[i] as number) & 1)) continue;
    // From inside a hashtag, plausible() takes a camel-case end anywhere ("#LaunchOfNightjarRocks").
    const fromTag = tagged?.[i] === 1;
    let h = seed;
    // White-space tokens so far: more than any entry has words is no plausible spelling, unless all are single
    // letters ("N i g h t j a r"), and adding tokens never makes it one again.
    let tokens = 1;
    let tokenUnits = 0;
    let longToken = false;
    const limit = Math.min(n, i + maxLength);
    for (let j = i; j < limit; j++) {
      const u = t.charCodeAt(j);
      if (u === 32) break;
      if (j > i && (marks[j] as number) & 4) {
        tokens++;
        tokenUnits = 0;
      }
      if (++tokenUnits > 1) longToken = true;
      if (tokens > maxWords && longToken) break;
      h = (Math.imul(h, B) + u) | 0;
      if (!((marks[j] as number) & 2) && !fromTag) continue;
      const found = reader.matching(h);
      if (found)
        reader.confirm(
          found,
          t.slice(i, j + 1),
          at[i] as number,
          runEnd(b, (at[j] as number) + 1, at[j + 1] as number),
        );
    }
  }
}
