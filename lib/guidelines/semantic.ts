// The on-device semantic layer: a small linear classifier over hashed word and character n-grams, run per sentence,
// for what phrase lists cannot reach (paraphrased official statements, hints at results, disparagement…). Trained in
// the repo by `npm run train:guidance` (tests/quality/train.ts); the weights ship as model.json. Pure and
// allocation-light: features are hashed straight from char codes, no string per word.

/** The categories the model scores (the pack's category names), plus `protected` (the author's own pay, hours…). */
export const SEMANTIC_CATEGORIES = [
  'spokesperson',
  'securities',
  'confidential',
  'legal',
  'security',
  'competitors',
  'claims',
  'privacy',
  'conduct',
  'protected',
] as const;
export type SemanticCategory = (typeof SEMANTIC_CATEGORIES)[number];
export const CLASSES = SEMANTIC_CATEGORIES.length;

/** Entity kinds a sentence's dictionary hits are masked as, so the model never learns one company's names. */
export const ENTITY_KINDS = ['company', 'product', 'competitor', 'customer', 'codename'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
/** An entity span inside the text being featurised: [start, end) and its kind. */
export interface EntitySpan {
  start: number;
  end: number;
  kind: EntityKind;
}

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
}

export interface SemanticModel {
  readonly bits: number;
  readonly mask: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly thresholds: Record<string, number>;
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
const WORD = /[\p{L}\p{M}\p{N}]/u;
const SYMBOLS = '$%€£¥!?@#';
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) ||
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c > 127 && WORD.test(String.fromCharCode(c)));

/**
 * Calls `emit(bucket)` for each feature of text[start, end): a bias, word unigrams and bigrams, and character
 * trigrams inside each word (with its edges), entities as one token per kind. Same features in training and checks.
 */
export function features(
  text: string,
  start: number,
  end: number,
  entities: readonly EntitySpan[],
  mask: number,
  emit: (bucket: number) => void,
): void {
  emit(mix(SALT_BIAS) & mask);
  let prev = 0x12345; // sentence start
  let e = 0;
  let i = start;
  while (i < end) {
    while (e < entities.length && (entities[e] as EntitySpan).end <= i) e++;
    const ent = entities[e];
    if (ent && ent.start <= i) {
      const h = KIND_SALT[ENTITY_KINDS.indexOf(ent.kind)] as number;
      emit(mix(h) & mask);
      emit(mix(Math.imul(prev, 31) ^ h ^ SALT_BIGRAM) & mask);
      prev = h;
      i = ent.end;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      // One word: its hash, and trigrams over "^word$" from a rolling window of folded codes.
      let h = FNV;
      let a = 94; // '^'
      let b = 0;
      let n = 0;
      while (i < end) {
        let u = text.charCodeAt(i);
        if (!isWordCode(u) && !(u === 39 || u === 0x2019)) break;
        if (u === 0x2019) u = 39;
        else if (u >= 65 && u <= 90) u += 32;
        else if (u >= 48 && u <= 57) u = 48;
        else if (u > 127) u = text[i]?.toLowerCase().charCodeAt(0) ?? u;
        i++;
        if (u === 48 && b === 48) continue; // a run of digits is one '0'
        h = Math.imul(h ^ u, PRIME);
        if (n >= 1) emit(mix(Math.imul(a, 0x1000193) ^ Math.imul(b, 0x5bd1e995) ^ u ^ SALT_TRIGRAM) & mask);
        a = n === 0 ? 94 : b;
        b = u;
        n++;
      }
      if (n >= 1) emit(mix(Math.imul(a, 0x1000193) ^ Math.imul(b, 0x5bd1e995) ^ 36 ^ SALT_TRIGRAM) & mask);
      const w = mix(h);
      emit(w & mask);
      emit(mix(Math.imul(prev, 31) ^ w ^ SALT_BIGRAM) & mask);
      prev = w;
      continue;
    }
    const s = SYMBOLS.indexOf(text[i] as string);
    if (s >= 0) {
      const w = mix(0x5eed + s);
      emit(w & mask);
      prev = w;
    }
    i++;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences

/**
 * Sentence spans [s, e, s, e…] of text: ends at . ! ? … followed by a space or a line end, and at line breaks.
 * Short lines belong to their neighbours only when they have no letters (emoji lines, hashtags stay their own).
 */
export function sentences(text: string): number[] {
  const out: number[] = [];
  let s = 0;
  const n = text.length;
  const push = (a: number, b: number): void => {
    while (a < b && text.charCodeAt(a) <= 32) a++;
    while (b > a && text.charCodeAt(b - 1) <= 32) b--;
    if (b > a) out.push(a, b);
  };
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      push(s, i);
      s = i + 1;
    } else if (c === 46 || c === 33 || c === 63 || c === 0x2026) {
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 33 || text.charCodeAt(j) === 63)) j++;
      if (j >= n || text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10) {
        push(s, j);
        s = j;
        i = j - 1;
      }
    }
  }
  push(s, n);
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

/** Load model.json: dequantise the weights once. */
export function loadSemanticModel(file: SemanticModelFile): SemanticModel {
  const raw = new Int8Array(decodeBase64(file.weights).buffer);
  const size = (1 << file.bits) * CLASSES;
  if (raw.length !== size) throw new Error(`semantic model: ${raw.length} weights, expected ${size}`);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) weights[i] = (raw[i] as number) * (file.scales[i % CLASSES] as number);
  return {
    bits: file.bits,
    mask: (1 << file.bits) - 1,
    weights,
    bias: Float32Array.from(file.bias),
    thresholds: file.thresholds,
    version: file.version,
  };
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
  const z = out;
  for (let k = 0; k < CLASSES; k++) z[k] = model.bias[k] as number;
  const w = model.weights;
  features(text, start, end, entities, model.mask, (bucket) => {
    const base = bucket * CLASSES;
    for (let k = 0; k < CLASSES; k++) z[k] = (z[k] as number) + (w[base + k] as number);
  });
  for (let k = 0; k < CLASSES; k++) z[k] = 1 / (1 + Math.exp(-(z[k] as number)));
}
