// The on-device semantic layer: a small linear classifier over hashed word and character n-grams, scored per sentence
// (a post's score is the sum of its sentences'), for what phrase lists cannot reach (paraphrased official statements,
// hints at results, disparagement…). Trained in the repo by `npm run train:guidance` (tests/quality/train.ts); the
// weights ship as semantic-model.json. Pure and allocation-light: features are hashed straight from char codes.

/** The categories a semantic rule reports (the pack's category names). */
export const SEMANTIC_RULE_CATEGORIES = [
  'spokesperson',
  'securities',
  'confidential',
  'legal',
  'security',
  'competitors',
  'claims',
  'privacy',
  'conduct',
] as const;
/** What the model scores: those, plus `protected` (the author's own pay, hours…), which feeds the guard. */
export const SEMANTIC_CATEGORIES = [...SEMANTIC_RULE_CATEGORIES, 'protected'] as const;
export type SemanticCategory = (typeof SEMANTIC_CATEGORIES)[number];
export const CLASSES = SEMANTIC_CATEGORIES.length;

/** Entity kinds a sentence's dictionary hits are masked as, so the model never learns one company's names. */
const ENTITY_KINDS = ['company', 'product', 'competitor', 'customer', 'codename'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** The pack dictionaries whose entries are masked as each kind. */
export const ENTITY_DICTIONARIES: ReadonlyArray<readonly [dictionary: string, kind: EntityKind]> = [
  ['companyNames', 'company'],
  ['products', 'product'],
  ['competitors', 'competitor'],
  ['customers', 'customer'],
  ['codenames', 'codename'],
];
/** An entity span inside the text being featurised: [start, end) and its kind. */
export interface EntitySpan {
  start: number;
  end: number;
  kind: EntityKind;
}

/**
 * How a category is decided: by the post's best sentence, by the whole post, or by the higher of the two (chosen per
 * category on the dev half). The underline is always a sentence: the category's best one.
 */
export const SEMANTIC_MODES = ['sentence', 'post', 'either'] as const;
export type SemanticMode = (typeof SEMANTIC_MODES)[number];

/** What model.json holds: int8 weights per (bucket, class), a scale per class, a bias per class. */
export interface SemanticModelFile {
  version: string;
  bits: number;
  scales: number[];
  bias: number[];
  /** base64 of Int8Array(2^bits × CLASSES), bucket-major. */
  weights: string;
  /** Thresholds chosen on the dev half (out-of-fold) for precision ≥ the goal, per category. */
  thresholds: Record<string, number>;
  /** Per category (default 'sentence'). */
  modes?: Record<string, SemanticMode>;
}

export interface SemanticModel {
  readonly bits: number;
  readonly mask: number;
  /** int8 weights, bucket-major (CLASSES per bucket): 10 bytes a feature, so the table stays small in cache. */
  readonly weights: Int8Array;
  readonly scales: Float64Array;
  readonly bias: Float32Array;
  readonly thresholds: Record<string, number>;
  readonly modes: Record<string, SemanticMode>;
  readonly version: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Features

const FNV = 0x811c9dc5;
const PRIME = 0x01000193;
const KIND_SALT = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1];
const SALT_BIGRAM = 0x6a09e667;
const SALT_TRIGRAM = 0xbb67ae85;
const SALT_BIAS = 0x3c6ef372;

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

// Word characters: letters, marks, digits, apostrophes inside words. Digits fold to '0' so "q3"/"q4" and "12"/"40"
// share features; the symbols that carry meaning for the categories ($ % € £ ! ? @ #) are tokens of their own.
// FOLD caches, per UTF-16 unit, what a word character reads as (lower case, '0', "'"), or NOT_WORD.
const WORD = /^[\p{L}\p{M}\p{N}]$/u;
const NOT_WORD = -1;
const UNKNOWN = -2;
const FOLD = new Int32Array(65536).fill(UNKNOWN);
for (let c = 0; c < 128; c++) {
  FOLD[c] = c >= 97 && c <= 122 ? c : c >= 65 && c <= 90 ? c + 32 : c >= 48 && c <= 57 ? 48 : c === 39 ? 39 : NOT_WORD;
}
FOLD[0x2019] = 39;
function foldUnit(c: number): number {
  let f = FOLD[c] as number;
  if (f === UNKNOWN) {
    const ch = String.fromCharCode(c);
    f = WORD.test(ch) ? (/\p{N}/u.test(ch) ? 48 : ch.toLowerCase().charCodeAt(0)) : NOT_WORD;
    FOLD[c] = f;
  }
  return f;
}
const SYMBOL_HASH = new Int32Array(65536);
for (const [i, ch] of [...'$%€£¥!?@#'].entries()) SYMBOL_HASH[ch.charCodeAt(0)] = mix(0x5eed + i) | 1;

// Character trigrams only for words of at least this many letters: the short words' trigrams (the, and, for…) added a
// third of the features and nothing to the dev half's out-of-fold average precision (0.607 with, 0.611 without).
const TRIGRAM_MIN_LENGTH = 5;
/** A character trigram's bucket. */
function trigram(a: number, b: number, c: number): number {
  return mix(Math.imul(a, 0x1000193) ^ Math.imul(b, 0x5bd1e995) ^ c ^ SALT_TRIGRAM);
}

/** An upper bound on the features of `length` units (for the buffer passed to features()). */
export function maxFeatures(length: number): number {
  return 3 * length + 4;
}

/**
 * Writes the feature buckets of text[start, end) into `out` and returns their count: a bias, word unigrams and
 * bigrams, and character trigrams inside each word (with its edges), entities as one token per kind. The same
 * features in training and checks; `out` must hold maxFeatures(end - start).
 */
export function features(
  text: string,
  start: number,
  end: number,
  entities: readonly EntitySpan[],
  mask: number,
  out: Int32Array,
): number {
  let n = 0;
  out[n++] = mix(SALT_BIAS) & mask;
  let prev = 0x12345; // sentence start
  let e = 0;
  let i = start;
  while (i < end) {
    while (e < entities.length && (entities[e] as EntitySpan).end <= i) e++;
    const ent = entities[e];
    if (ent && ent.start <= i) {
      const h = KIND_SALT[ENTITY_KINDS.indexOf(ent.kind)] as number;
      out[n++] = mix(h) & mask;
      out[n++] = mix(Math.imul(prev, 31) ^ h ^ SALT_BIGRAM) & mask;
      prev = h;
      i = ent.end;
      continue;
    }
    const c = text.charCodeAt(i);
    const f0 = c < 128 ? (FOLD[c] as number) : foldUnit(c);
    if (f0 !== NOT_WORD && f0 !== 39) {
      // One word: its hash, and trigrams over "^word$" from a rolling window of folded codes (dropped again for a
      // short word).
      let h = FNV;
      let a = 94; // '^'
      let b = 0;
      let len = 0;
      const n0 = n;
      while (i < end) {
        const x = text.charCodeAt(i);
        const u = x < 128 ? (FOLD[x] as number) : foldUnit(x);
        if (u === NOT_WORD) break;
        i++;
        if (u === 48 && b === 48) continue; // a run of digits is one '0'
        h = Math.imul(h ^ u, PRIME);
        if (len >= 1) out[n++] = trigram(a, b, u) & mask;
        a = len === 0 ? 94 : b;
        b = u;
        len++;
      }
      out[n++] = trigram(a, b, 36) & mask;
      if (len < TRIGRAM_MIN_LENGTH) n = n0;
      const w = mix(h);
      out[n++] = w & mask;
      out[n++] = mix(Math.imul(prev, 31) ^ w ^ SALT_BIGRAM) & mask;
      prev = w;
      continue;
    }
    const sym = SYMBOL_HASH[c] as number;
    if (sym !== 0) {
      out[n++] = sym & mask;
      prev = sym;
    }
    i++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

/**
 * Sentence spans [s, e, s, e…] of text: ends at . ! ? … followed by a space or a line end, and at line breaks.
 * Short lines belong to their neighbours only when they have no letters (emoji lines, hashtags stay their own).
 */
export function sentences(text: string): number[] {
  const out: number[] = [];
  const n = text.length;
  let s = 0;
  let i = 0;
  while (i <= n) {
    const c = i < n ? text.charCodeAt(i) : 10;
    let cut = -1;
    let next = i + 1;
    if (c === 10) cut = i;
    else if (c === 46 || c === 33 || c === 63 || c === 0x2026) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d !== 46 && d !== 33 && d !== 63) break;
        j++;
      }
      if (j >= n || text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10) {
        cut = j;
        next = j;
      }
    }
    if (cut >= 0) {
      // Trimmed [s, cut); empty ones are skipped.
      let a = s;
      let b = cut;
      while (a < b && text.charCodeAt(a) <= 32) a++;
      while (b > a && text.charCodeAt(b - 1) <= 32) b--;
      if (b > a) out.push(a, b);
      s = c === 10 ? i + 1 : cut;
    }
    i = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

function decodeBase64(b64: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  throw new Error('no base64 decoder');
}

/** Load model.json (the int8 weights are used as they are; sums are scaled per class). */
export function loadSemanticModel(file: SemanticModelFile): SemanticModel {
  const raw = new Int8Array(decodeBase64(file.weights).buffer);
  const size = (1 << file.bits) * CLASSES;
  if (raw.length !== size) throw new Error(`semantic model: ${raw.length} weights, expected ${size}`);
  const weights = raw;
  return {
    bits: file.bits,
    mask: (1 << file.bits) - 1,
    weights,
    scales: Float64Array.from(file.scales),
    bias: Float32Array.from(file.bias),
    thresholds: file.thresholds,
    modes: file.modes ?? {},
    version: file.version,
  };
}

let buffer = new Int32Array(1024);
const SUMS = new Int32Array(CLASSES);

/** Adds the int8 weight sums of text[start, end)'s features to `sums` (CLASSES values). */
export function sumSpan(
  model: SemanticModel,
  text: string,
  start: number,
  end: number,
  entities: readonly EntitySpan[],
  sums: Int32Array,
): void {
  const need = maxFeatures(end - start);
  if (buffer.length < need) buffer = new Int32Array(need);
  accumulate(model, buffer, features(text, start, end, entities, model.mask, buffer), sums);
}

/** Adds the int8 weight rows of `count` feature buckets to `sums`. */
function accumulate(model: SemanticModel, buckets: Int32Array, count: number, sums: Int32Array): void {
  const w = model.weights;
  for (let j = 0; j < count; j++) {
    const base = (buckets[j] as number) * CLASSES;
    for (let k = 0; k < CLASSES; k++) sums[k] = (sums[k] as number) + (w[base + k] as number);
  }
}

/** Probabilities per class for a whole post (its features as postFeatures makes them). */
export function scorePost(
  model: SemanticModel,
  text: string,
  entities: readonly EntitySpan[],
  out: Float64Array,
): void {
  const need = maxFeatures(text.length);
  if (buffer.length < need) buffer = new Int32Array(need);
  SUMS.fill(0);
  accumulate(model, buffer, postFeatures(text, entities, model.mask, buffer), SUMS);
  probabilities(model, SUMS, out);
}

/** Probabilities per class from weight sums. */
export function probabilities(model: SemanticModel, sums: Int32Array, out: Float64Array): void {
  for (let k = 0; k < CLASSES; k++) {
    const z = (model.bias[k] as number) + (sums[k] as number) * (model.scales[k] as number);
    out[k] = 1 / (1 + Math.exp(-z));
  }
}

/** Probabilities per class for text[start, end) (one-vs-rest logistic). `out` gets CLASSES values. */
export function scoreSpan(
  model: SemanticModel,
  text: string,
  start: number,
  end: number,
  entities: readonly EntitySpan[],
  out: Float64Array,
): void {
  SUMS.fill(0);
  sumSpan(model, text, start, end, entities, SUMS);
  probabilities(model, SUMS, out);
}

/** The bias feature's bucket (every span's first feature). */
export function biasBucket(mask: number): number {
  return mix(SALT_BIAS) & mask;
}

/**
 * A whole post's features: its sentences' features one after the other, the bias feature once. So a post's score is
 * the sum of its sentences' sums minus the extra bias rows, with no second pass over the text.
 */
export function postFeatures(text: string, entities: readonly EntitySpan[], mask: number, out: Int32Array): number {
  const sp = sentences(text);
  let n = 0;
  out[n++] = biasBucket(mask);
  for (let i = 0; i < sp.length; i += 2) {
    const s = sp[i] as number;
    const e = sp[i + 1] as number;
    const inside = entities.filter((x) => x.start >= s && x.end <= e);
    const count = features(text, s, e, inside, mask, out.subarray(n));
    // drop the sentence's own bias feature (its first)
    out.copyWithin(n, n + 1, n + count);
    n += count - 1;
  }
  return n;
}
