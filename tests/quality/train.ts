// npm run train:guidance — trains the semantic layer (lib/guidelines/semantic.ts) and writes
// lib/guidelines/semantic-model.json. Data: the hand-written sentences in tests/quality/training/ and the DEV half of
// the corpus (never the test half). Deterministic: the same data and seed give the same weights (tested).
//
// Model: one-vs-rest logistic regression over hashed features, plain SGD with L2 and class-balanced weights, a fixed
// example order from a seeded shuffle. Thresholds: 5-fold out-of-fold scores on the dev posts (each fold's model never
// saw that fold), the lowest threshold per category with post-level precision ≥ PRECISION_GOAL.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLASSES,
  ENTITY_DICTIONARIES,
  type EntityKind,
  type EntitySpan,
  features,
  loadSemanticModel,
  maxFeatures,
  postFeatures,
  SEMANTIC_CATEGORIES,
  SEMANTIC_MODES,
  type SemanticCategory,
  type SemanticMode,
  type SemanticModelFile,
  scorePost,
  scoreSpan,
  sentences,
} from '../../lib/guidelines/semantic';
import { rng } from '../seeded-random';
import { type Company, type Label, loadCompanies, loadPosts, type Post, QUALITY_DIR } from './corpus';

export const BITS = 14;
export const SEED = 20261206;
export interface TrainOptions {
  epochs: number;
  l2: number;
  rate: number;
  /** Cap of the positive class weight (positives count as much as negatives, up to this factor). */
  maxPosWeight: number;
  /** Weight of a whole dev post as an example (its sentences are not labelled one by one). */
  postWeight: number;
}
export const TRAIN_OPTIONS: TrainOptions = { epochs: 20, l2: 1e-5, rate: 0.1, maxPosWeight: 5, postWeight: 2 };
export const PRECISION_GOAL = 0.97;
export const PROTECTED_PRECISION = 0.97;
const MIN_SUPPORT = 3;
const OFF = 0.995;

const HERE = QUALITY_DIR;
export const MODEL_PATH = join(HERE, '../../lib/guidelines/semantic-model.json');

/** One training example: a text, its entity spans, and per class 1 / 0 / -1 (unknown: not trained for that class). */
export interface Example {
  text: string;
  entities: EntitySpan[];
  target: Int8Array;
  weight: number;
  /** A whole post (features of its sentences together), not one sentence. */
  whole?: boolean;
}

/** Which semantic categories answer to a corpus label (for thresholds and post-level training targets). */
export const CATEGORIES_OF_LABEL: Partial<Record<Label, SemanticCategory[]>> = {
  spokesperson: ['spokesperson'],
  mnpi: ['securities'],
  confidential: ['confidential'],
  legal_security: ['legal', 'security'],
  competitor: ['competitors', 'claims'],
  pii: ['privacy'],
  conduct: ['conduct'],
};
const labelOf = (c: SemanticCategory): Label | undefined =>
  (Object.keys(CATEGORIES_OF_LABEL) as Label[]).find((l) => CATEGORIES_OF_LABEL[l]?.includes(c));

const PERSON_NAMES = [
  'Sam',
  'Priya',
  'Jonas',
  'Aiko',
  'Mateo',
  'Chloé',
  'Tom',
  'Fatima',
  'Lena',
  'Raj',
  'Ines',
  'Kofi',
];
const PLACEHOLDER = /\{(company|product|competitor|customer|codename|person)\}/g;

/** Training sentences: placeholders become entity spans (people become plain names, as the checker sees them). */
export function loadSentences(dir = join(HERE, 'training')): Example[] {
  const out: Example[] = [];
  const pick = rng(SEED ^ 0x5151);
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { text: string; category: string; protected?: boolean };
      let text = '';
      const entities: EntitySpan[] = [];
      let last = 0;
      for (const m of row.text.matchAll(PLACEHOLDER)) {
        text += row.text.slice(last, m.index);
        const kind = m[1] as EntityKind | 'person';
        const surface =
          kind === 'person' ? (PERSON_NAMES[Math.floor(pick() * PERSON_NAMES.length)] as string) : `${kind}name`;
        if (kind !== 'person') entities.push({ start: text.length, end: text.length + surface.length, kind });
        text += surface;
        last = (m.index ?? 0) + m[0].length;
      }
      text += row.text.slice(last);
      const target = new Int8Array(CLASSES);
      const k = SEMANTIC_CATEGORIES.indexOf(row.category as SemanticCategory);
      if (row.category !== 'none' && k < 0) throw new Error(`${f}: unknown category ${row.category}`);
      if (k >= 0) target[k] = 1;
      if (row.protected) target[SEMANTIC_CATEGORIES.indexOf('protected')] = 1;
      out.push({ text, entities, target, weight: 1 });
    }
  }
  return out;
}

/** Entity spans of a company's dictionary entries in a text (case-insensitive, whole words), longest first. */
export function entitySpans(text: string, company: Company): EntitySpan[] {
  const lower = text.toLowerCase();
  const spans: EntitySpan[] = [];
  const terms = ENTITY_DICTIONARIES.flatMap(([d, kind]) =>
    (company.dictionaries[d] ?? []).map((t) => ({ t: t.toLowerCase(), kind })),
  ).sort((a, b) => b.t.length - a.t.length);
  const taken = new Uint8Array(text.length);
  for (const { t, kind } of terms) {
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + 1)) {
      const e = i + t.length;
      if (/[\p{L}\p{N}]/u.test(lower[i - 1] ?? ' ') || /[\p{L}\p{N}]/u.test(lower[e] ?? ' ')) continue;
      if (taken.subarray(i, e).some((x) => x)) continue;
      taken.fill(1, i, e);
      spans.push({ start: i, end: e, kind });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/**
 * Dev posts as examples: each sentence of a clean post is a negative for every class; a protected post is a positive
 * for `protected` (whole post); a labelled post is a whole-post positive for its labels' categories (unknown for the
 * other category of a two-category label) and a negative for the rest.
 */
export function postExamples(
  posts: Post[],
  companies: Map<string, Company>,
  postWeight = TRAIN_OPTIONS.postWeight,
): Example[] {
  const out: Example[] = [];
  for (const post of posts) {
    const company = companies.get(post.company) as Company;
    const entities = entitySpans(post.text, company);
    if (post.labels.length === 0) {
      const sp = sentences(post.text);
      for (let i = 0; i < sp.length; i += 2) {
        const s = sp[i] as number;
        const e = sp[i + 1] as number;
        const text = post.text.slice(s, e);
        const ents = entities
          .filter((x) => x.start >= s && x.end <= e)
          .map((x) => ({ ...x, start: x.start - s, end: x.end - s }));
        const target = new Int8Array(CLASSES);
        if (post.protected) target[SEMANTIC_CATEGORIES.indexOf('protected')] = -1;
        out.push({ text, entities: ents, target, weight: 1 });
      }
      if (post.protected) {
        const target = new Int8Array(CLASSES).fill(0);
        target[SEMANTIC_CATEGORIES.indexOf('protected')] = 1;
        out.push({ text: post.text, entities, target, weight: 1, whole: true });
      }
      continue;
    }
    const target = new Int8Array(CLASSES);
    for (const label of post.labels) {
      const cats = CATEGORIES_OF_LABEL[label] ?? [];
      for (const c of cats) target[SEMANTIC_CATEGORIES.indexOf(c)] = cats.length === 1 ? 1 : -1;
    }
    out.push({ text: post.text, entities, target, weight: postWeight, whole: true });
  }
  return out;
}

/** Hashed feature buckets of each example, computed once. */
function featurise(examples: Example[], mask: number): Int32Array[] {
  return examples.map((ex) => {
    const buf = new Int32Array(maxFeatures(ex.text.length));
    const count = ex.whole
      ? postFeatures(ex.text, ex.entities, mask, buf)
      : features(ex.text, 0, ex.text.length, ex.entities, mask, buf);
    return buf.slice(0, count);
  });
}

/** Train on examples; returns float weights (bucket-major) and biases. Deterministic for a seed. */
export function train(
  examples: Example[],
  seed = SEED,
  bits = BITS,
  { epochs, l2, rate: rate0, maxPosWeight }: TrainOptions = TRAIN_OPTIONS,
): { w: Float64Array; b: Float64Array } {
  const mask = (1 << bits) - 1;
  const feats = featurise(examples, mask);
  const w = new Float64Array((1 << bits) * CLASSES);
  const b = new Float64Array(CLASSES);
  // Class-balanced weights: positives count as much as negatives in total (capped at 20x).
  const posWeight = new Float64Array(CLASSES);
  for (let k = 0; k < CLASSES; k++) {
    let pos = 0;
    let neg = 0;
    for (const ex of examples) {
      if (ex.target[k] === 1) pos += ex.weight;
      else if (ex.target[k] === 0) neg += ex.weight;
    }
    posWeight[k] = pos ? Math.min(maxPosWeight, Math.max(1, neg / pos / 2)) : 1;
  }
  const order = examples.map((_, i) => i);
  const random = rng(seed);
  const z = new Float64Array(CLASSES);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const rate = rate0 / (1 + epoch);
    for (const idx of order) {
      const ex = examples[idx] as Example;
      const f = feats[idx] as Int32Array;
      const scale = 1 / Math.sqrt(f.length);
      for (let k = 0; k < CLASSES; k++) z[k] = b[k] as number;
      for (const bucket of f)
        for (let k = 0; k < CLASSES; k++) z[k] = (z[k] as number) + (w[bucket * CLASSES + k] as number);
      for (let k = 0; k < CLASSES; k++) {
        const t = ex.target[k] as number;
        if (t < 0) continue;
        const p = 1 / (1 + Math.exp(-(z[k] as number)));
        const g = (p - t) * ex.weight * (t === 1 ? (posWeight[k] as number) : 1) * rate;
        if (g === 0) continue;
        b[k] = (b[k] as number) - g * 0.1;
        for (const bucket of f) {
          const at = bucket * CLASSES + k;
          w[at] = (w[at] as number) - g * scale * 2 - l2 * (w[at] as number);
        }
      }
    }
  }
  return { w, b };
}

/** Quantise to int8 per class and pack as model.json. */
export function toModelFile(
  w: Float64Array,
  b: Float64Array,
  thresholds: Record<string, number>,
  bits = BITS,
): SemanticModelFile {
  const scales: number[] = [];
  for (let k = 0; k < CLASSES; k++) {
    let max = 0;
    for (let i = k; i < w.length; i += CLASSES) max = Math.max(max, Math.abs(w[i] as number));
    scales.push(max > 0 ? Number((max / 127).toPrecision(6)) : 1);
  }
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++)
    q[i] = Math.max(-127, Math.min(127, Math.round((w[i] as number) / (scales[i % CLASSES] as number))));
  return {
    version: `semantic-${bits}`,
    bits,
    scales,
    bias: Array.from(b, (x) => Number(x.toPrecision(6))),
    weights: Buffer.from(q.buffer).toString('base64'),
    thresholds,
  };
}

/** How a post is scored per category: its best sentence, the whole post, or the higher of the two. */
export type PostScores = Record<SemanticMode, Float64Array>;

/** A post's scores per category in every mode (see SemanticMode). */
export function postScores(model: ReturnType<typeof loadSemanticModel>, post: Post, company: Company): PostScores {
  const best = new Float64Array(CLASSES);
  const out = new Float64Array(CLASSES);
  const entities = entitySpans(post.text, company);
  const sp = sentences(post.text);
  for (let i = 0; i < sp.length; i += 2) {
    const s = sp[i] as number;
    const e = sp[i + 1] as number;
    scoreSpan(
      model,
      post.text,
      s,
      e,
      entities.filter((x) => x.start >= s && x.end <= e),
      out,
    );
    for (let k = 0; k < CLASSES; k++) best[k] = Math.max(best[k] as number, out[k] as number);
  }
  const whole = new Float64Array(CLASSES);
  scorePost(model, post.text, entities, whole);
  const either = best.map((x, k) => Math.max(x, whole[k] as number));
  return { sentence: best, post: whole, either };
}

/** Average precision of one category's scores against the posts' labels (out-of-fold dev scores). */
function averagePrecision(scored: Array<{ post: Post; scores: Float64Array }>, k: number): number {
  const cat = SEMANTIC_CATEGORIES[k] as SemanticCategory;
  const label = labelOf(cat);
  const gold = (post: Post) => (cat === 'protected' ? post.protected === true : !!label && post.labels.includes(label));
  const rows = scored
    .map(({ post, scores }) => [scores[k] as number, gold(post) ? 1 : 0] as const)
    .sort((a, b) => b[0] - a[0]);
  const positives = rows.filter((r) => r[1]).length;
  let tp = 0;
  let ap = 0;
  rows.forEach((r, i) => {
    if (r[1]) {
      tp++;
      ap += tp / (i + 1);
    }
  });
  return positives ? ap / positives : 0;
}

/** Per category, the scoring mode with the best out-of-fold average precision on the dev half. */
export function chooseModes(scored: Array<{ post: Post; scores: PostScores }>): Record<string, SemanticMode> {
  const modes: Record<string, SemanticMode> = {};
  for (let k = 0; k < CLASSES; k++) {
    let best: SemanticMode = 'sentence';
    let bestAp = -1;
    for (const mode of SEMANTIC_MODES) {
      const ap = averagePrecision(
        scored.map(({ post, scores }) => ({ post, scores: scores[mode] })),
        k,
      );
      if (ap > bestAp + 1e-9) {
        best = mode;
        bestAp = ap;
      }
    }
    modes[SEMANTIC_CATEGORIES[k] as string] = best;
  }
  return modes;
}

/** The lowest threshold (of the candidates) with post-level precision ≥ the goal for each category. */
export interface ThresholdReport {
  threshold: number;
  precision: number;
  recall: number;
  /** Whether the precision goal was reached (else the threshold with the best precision is kept). */
  reached: boolean;
}

/**
 * Per category, the lowest threshold whose post-level precision on the out-of-fold dev scores reaches the goal (with
 * at least MIN_SUPPORT true positives); when none does, OFF (the best precision seen is reported). For `protected` (which
 * silences findings) the goal is PROTECTED_PRECISION: a post it marks should really be protected speech.
 */
export function chooseThresholds(scored: Array<{ post: Post; scores: Float64Array }>): Record<string, ThresholdReport> {
  const out: Record<string, ThresholdReport> = {};
  for (let k = 0; k < CLASSES; k++) {
    const cat = SEMANTIC_CATEGORIES[k] as SemanticCategory;
    const label = labelOf(cat);
    const gold = (post: Post) =>
      cat === 'protected' ? post.protected === true : !!label && post.labels.includes(label);
    const goal = cat === 'protected' ? PROTECTED_PRECISION : PRECISION_GOAL;
    const positives = scored.filter(({ post }) => gold(post)).length;
    let best: ThresholdReport | null = null;
    let first: ThresholdReport | null = null;
    for (let step = 199; step >= 60; step--) {
      const t = step / 200;
      let tp = 0;
      let fp = 0;
      for (const { post, scores } of scored) {
        if ((scores[k] as number) < t) continue;
        if (gold(post)) tp++;
        else fp++;
      }
      if (tp < MIN_SUPPORT) continue;
      const r = { threshold: t, precision: tp / (tp + fp), recall: tp / Math.max(1, positives), reached: false };
      if (r.precision >= goal) first = { ...r, reached: true };
      if (!best || r.precision > best.precision) best = r;
    }
    // A category that never reaches the goal is as good as off by default (0.995); the console can lower it.
    out[cat] = first ?? { ...(best ?? { precision: 0, recall: 0 }), threshold: OFF, reached: false };
  }
  return out;
}

export const FOLDS = 5;

/**
 * Models that each left one fold of the dev posts out (fold = index in the dev list modulo FOLDS): thresholds are
 * chosen on their scores, and the eval measures the dev half with them, so no dev post is scored by a model that
 * trained on it.
 */
export function foldModels(
  dev: Post[],
  base: Example[],
  companies: Map<string, Company>,
): Array<{ held: Set<string>; file: SemanticModelFile }> {
  const out: Array<{ held: Set<string>; file: SemanticModelFile }> = [];
  for (let f = 0; f < FOLDS; f++) {
    const held = dev.filter((_, i) => i % FOLDS === f);
    const kept = dev.filter((_, i) => i % FOLDS !== f);
    const { w, b } = train([...base, ...postExamples(kept, companies)], SEED + f);
    out.push({ held: new Set(held.map((p) => p.id)), file: toModelFile(w, b, {}) });
  }
  return out;
}

/** The whole recipe: what `npm run train:guidance` writes. */
export function trainGuidance(): {
  file: SemanticModelFile;
  report: { report: Record<string, ThresholdReport>; modes: Record<string, SemanticMode> };
} {
  const companies = new Map(loadCompanies().map((c) => [c.id, c]));
  const dev = loadPosts().filter((p) => p.split === 'dev');
  const base = loadSentences();
  const scored: Array<{ post: Post; scores: PostScores }> = [];
  for (const { held, file } of foldModels(dev, base, companies)) {
    const model = loadSemanticModel(file);
    for (const post of dev) {
      if (held.has(post.id))
        scored.push({ post, scores: postScores(model, post, companies.get(post.company) as Company) });
    }
  }
  const modes = chooseModes(scored);
  const report = chooseThresholds(
    scored.map(({ post, scores }) => ({
      post,
      scores: Float64Array.from(SEMANTIC_CATEGORIES, (c, k) => scores[modes[c] ?? 'sentence'][k] as number),
    })),
  );
  const thresholds = Object.fromEntries(Object.entries(report).map(([c, r]) => [c, r.threshold]));
  const { w, b } = train([...base, ...postExamples(dev, companies)]);
  return { file: { ...toModelFile(w, b, thresholds), modes }, report: { report, modes } };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  const started = performance.now();
  const {
    file,
    report: { report, modes },
  } = trainGuidance();
  writeFileSync(MODEL_PATH, `${JSON.stringify(file)}\n`);
  const size = Buffer.byteLength(JSON.stringify(file));
  console.log('category       mode      threshold  precision  recall  (post level, out-of-fold on the dev half)');
  for (const [c, r] of Object.entries(report)) {
    console.log(
      `${c.padEnd(14)} ${(modes[c] ?? '').padEnd(9)} ${r.threshold.toFixed(3).padStart(9)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}${r.reached ? '' : '  (goal not reached: off by default; precision and recall of its most precise threshold)'}`,
    );
  }
  console.log(
    `wrote ${MODEL_PATH} (${(size / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}
