// Per-check state: the views of one draft, the phrase hits per normalisation profile and the detector results,
// each computed on first use and shared by every rule of the check.

import type twitter from 'twitter-text';
import { type Detection, type DetectMemo, detect, type Marks } from './detectors';
import { evasionHits, type SkeletonWindow, skeletonWindows } from './evasion';
import { baseView, isWordAt, type View } from './normalize';
import { deriveView, profilePositions, profilePositionsFrom, unitFolder } from './profiles';
import { mentionsProtectedActivity } from './protected';
import type { DetectorName } from './schema';
import { sealedHits } from './sealed';
import {
  biasBucket,
  CLASSES,
  type EntitySpan,
  probabilities,
  SEMANTIC_CATEGORIES,
  type SemanticMode,
  sentences,
  sumSpan,
} from './semantic';
import { NO_HITS, sortSpans, toOriginal } from './spans';
import type { CheckContext, Internals, KeyEntry, ProfileIndex } from './types';

export class State {
  // Views, derived hit views and shadow hits per profile key (0..7); a bit per profile whose pass ran.
  private readonly views: Array<View | undefined> = [];
  private readonly hitViews: Array<View | undefined> = [];
  private readonly shadows: Array<number[] | undefined> = [];
  private acDone = 0;
  readonly srcHits: Array<number[] | undefined>;
  readonly matcherHits: Array<number[] | undefined>;
  readonly detections = new Map<DetectorName, Detection>();
  readonly detectMemo: DetectMemo = {};
  guard: boolean | null = null;
  shout: { words: number; start: number; end: number } | null = null;
  weighted: ReturnType<typeof twitter.parseTweet> | null = null;
  /** The text's length in code points, once a rule measured it (or an incremental check summed its blocks'). */
  codePoints: number | null = null;
  constructor(
    readonly p: Internals,
    readonly text: string,
    readonly ctx: CheckContext,
  ) {
    this.srcHits = new Array(p.sourceCount);
    this.matcherHits = new Array(p.matcherCount);
  }

  view(key: number): View {
    let v = this.views[key];
    if (!v) {
      v = key === 0 ? (this.lazyBase?.() ?? baseView(this.text)) : deriveView(this.view(0), key);
      this.views[key] = v;
    }
    return v;
  }

  /** The view in which a profile's phrase hits are expressed. */
  hitView(key: number): View {
    return this.hitViews[key] ?? this.view(0);
  }

  private pushHits(idx: ProfileIndex, s: string, count: number, hits: Int32Array, shadowOk: boolean): void {
    const keyLen = idx.keyLen;
    for (let h = 0; h < count; h++) {
      const k = hits[h * 2] as number;
      const end = hits[h * 2 + 1] as number;
      const start = end - (keyLen[k] as number);
      const entries = idx.entries[k] as KeyEntry[];
      let lb = -1;
      let rb = -1;
      for (const en of entries) {
        if (en.left) {
          if (lb < 0) lb = isWordAt(s, start - 1) ? 0 : 1;
          if (lb === 0) continue;
        }
        if (en.right) {
          if (rb < 0) rb = isWordAt(s, end) ? 0 : 1;
          if (rb === 0) continue;
        }
        if (en.shadow !== 0) {
          if (!shadowOk) continue;
          let sh = this.shadows[en.shadow];
          if (!sh) {
            sh = [];
            this.shadows[en.shadow] = sh;
          }
          sh.push(en.source, start, end);
          continue;
        }
        let arr = this.srcHits[en.source];
        if (!arr) {
          arr = [];
          this.srcHits[en.source] = arr;
        }
        arr.push(start, end);
      }
    }
  }

  runProfile(key: number): void {
    if (this.acDone & (1 << key)) return;
    this.acDone |= 1 << key;
    if (key !== 0) this.runProfile(0);
    const idx = this.p.profiles.get(key);
    if (!idx) return;
    const base = this.view(0);
    if (key === 0) {
      const r = idx.automaton.search(base.text);
      this.pushHits(idx, base.text, r.count, r.hits, true);
      this.takeEvents(base.text, r.events, r.eventCount);
      return;
    }
    if (key & 4 && base.marks) {
      // Rare: combining marks survive NFKC and this profile drops them: search a real derived view.
      const v = deriveView(base, key);
      this.hitViews[key] = v;
      const { count, hits } = idx.automaton.search(v.text);
      this.pushHits(idx, v.text, count, hits, false);
      return;
    }
    // 1:1 profile: hits in unchanged stretches came from the base pass (shadow entries); search only windows
    // around the units this profile changes, folding on the fly.
    const sh = this.shadows[key];
    if (sh) {
      for (let i = 0; i < sh.length; i += 3) {
        const src = sh[i] as number;
        let arr = this.srcHits[src];
        if (!arr) {
          arr = [];
          this.srcHits[src] = arr;
        }
        arr.push(sh[i + 1] as number, sh[i + 2] as number);
      }
    }
    const s = base.text;
    const pos = this.marks
      ? profilePositionsFrom(key, base, 4096, this.digits, this.letters)
      : profilePositions(key, base, 4096);
    if (!pos.length) return;
    const L = idx.maxLen;
    const fold = unitFolder(key);
    let from = -1;
    let to = -1;
    for (let k = 0; k <= pos.length; k++) {
      const p = pos[k];
      const a = p === undefined ? -1 : Math.max(0, p - L + 1);
      const b = p === undefined ? -1 : Math.min(s.length, p + L);
      if (p !== undefined && from >= 0 && a <= to) {
        to = Math.max(to, b);
        continue;
      }
      if (from >= 0) {
        const { count, hits } = idx.automaton.searchFolded(s, from, to, fold);
        this.pushHits(idx, s, count, hits, false);
      }
      from = a;
      to = b;
    }
  }

  // Sigils, digits and letters the derived profiles change, as reported by the base Aho-Corasick pass.
  marks: Marks | null = null;
  digits: number[] = [];
  letters: number[] = [];
  bangs = 0;
  private takeEvents(s: string, ev: Int32Array, n: number): void {
    const hash: number[] = [];
    const at: number[] = [];
    const dollar: number[] = [];
    const digitRuns: number[] = [];
    for (let j = 0; j < n; j++) {
      const i = ev[j] as number;
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        this.digits.push(i);
        if (digitRuns.length && digitRuns[digitRuns.length - 1] === i) digitRuns[digitRuns.length - 1] = i + 1;
        else digitRuns.push(i, i + 1);
      } else if (c === 35) hash.push(i);
      else if (c === 64) at.push(i);
      else if (c === 36) dollar.push(i);
      else if (c === 33) this.bangs++;
      else this.letters.push(i);
    }
    this.marks = {
      text: s,
      hash,
      at,
      dollar,
      digitRuns,
      schemes: this.schemeStarts(),
      units: this.srcHits[this.p.unitSource] ?? [],
    };
    this.detectMemo.marks = this.marks;
  }

  /** Starts of "http://", "https://" and "www." in the base view, ascending, from the base pass. */
  private schemeStarts(): number[] {
    const h = this.srcHits[this.p.schemeSource];
    if (!h) return [];
    const starts: number[] = [];
    for (let i = 0; i < h.length; i += 2) starts.push(h[i] as number);
    if (starts.length > 1) starts.sort((a, b) => a - b);
    return starts;
  }

  private urls: number[] | null = null;
  /** Links and e-mail addresses, in original-text offsets. */
  linkSpans(): number[] {
    if (!this.urls) {
      const base = this.view(0);
      const spans = toOriginal(base, this.detection('url').spans);
      if (base.text.includes('@')) spans.push(...toOriginal(base, this.detection('email').spans));
      this.urls = spans;
    }
    return this.urls;
  }

  detection(name: DetectorName): Detection {
    let d = this.detections.get(name);
    if (!d) {
      this.runProfile(0); // its pass finds the sigils and digits the detectors look for
      d = detect(name, this.view(0).text, this.detectMemo, this.p.pack.settings);
      this.detections.set(name, d);
    }
    return d;
  }

  private evasions: Map<number, number[]> | null = null;
  /** Evasive spellings found for one matcher (original offsets, unsorted; see evasion.ts). */
  evasion(owner: number): number[] | undefined {
    const index = this.p.evasion;
    if (!index) return undefined;
    this.evasions ??= evasionHits(index, this.windows(), this.view(0), this.text);
    return this.evasions.get(owner);
  }

  private skeletonWindows: SkeletonWindow[] | null = null;
  /** The stretches where an evasive spelling may be, with their skeletons (evasion.ts), read once per check. */
  private windows(): SkeletonWindow[] {
    this.skeletonWindows ??= skeletonWindows(this.view(0), this.p.windowReach);
    return this.skeletonWindows;
  }

  private sealedFound: number[][] | null = null;
  /** Where a sealed dictionary's entries occur (original offsets, unsorted; see sealed.ts). */
  sealed(dictionary: string): number[] {
    const at = this.p.sealed.names.indexOf(dictionary);
    if (at < 0) return NO_HITS;
    if (!this.sealedFound) {
      this.runProfile(0); // its pass finds the hashtags
      const found = sealedHits(this.p.sealed.indexes, this.view(0), this.text, this.windows(), this.marks?.hash ?? []);
      this.sealedFound = found;
    }
    return this.sealedFound[at] ?? NO_HITS;
  }

  private sentenceScores: SemanticScores | null = null;
  /**
   * The semantic layer's scores (computed once): sentence spans [s, e…] with CLASSES scores each, and the whole
   * post's CLASSES scores.
   */
  semantic(): SemanticScores | null {
    const setup = this.p.semantic;
    if (!setup) return null;
    if (!this.sentenceScores) {
      this.runProfile(0);
      const entities: EntitySpan[] = [];
      const base = this.view(0);
      for (const [source, kind] of setup.entities) {
        const hits = this.srcHits[source];
        if (!hits) continue;
        const sp = sortSpans(toOriginal(base, hits));
        for (let i = 0; i < sp.length; i += 2)
          entities.push({ start: sp[i] as number, end: sp[i + 1] as number, kind });
      }
      for (const [dictionary, kind] of setup.sealedEntities) {
        const sp = sortSpans(this.sealed(dictionary));
        for (let i = 0; i < sp.length; i += 2)
          entities.push({ start: sp[i] as number, end: sp[i + 1] as number, kind });
      }
      entities.sort((a, b) => a.start - b.start || b.end - a.end);
      const spans = sentences(this.text);
      const model = setup.model;
      const scores = new Float64Array((spans.length / 2) * CLASSES);
      const recent = new Map<string, Int32Array>();
      const total = new Int32Array(CLASSES);
      const one = new Float64Array(CLASSES);
      let e0 = 0;
      for (let i = 0; i < spans.length; i += 2) {
        const s = spans[i] as number;
        const e = spans[i + 1] as number;
        while (e0 < entities.length && (entities[e0] as EntitySpan).start < s) e0++;
        let e1 = e0;
        while (e1 < entities.length && (entities[e1] as EntitySpan).end <= e) e1++;
        const names = entities.slice(e0, e1);
        const key = sentenceKey(this.text, s, e, names);
        let sums = setup.recent.get(key) ?? recent.get(key);
        if (!sums) {
          sums = new Int32Array(CLASSES);
          sumSpan(model, this.text, s, e, names, sums);
        }
        recent.set(key, sums);
        probabilities(model, sums, one);
        scores.set(one, (i / 2) * CLASSES);
        for (let k = 0; k < CLASSES; k++) total[k] = (total[k] as number) + (sums[k] as number);
      }
      setup.recent = recent;
      const sums = total.slice();
      // The post: its sentences' sums with the bias feature counted once (see postFeatures).
      const bias = biasBucket(model.mask) * CLASSES;
      const extra = Math.max(0, spans.length / 2 - 1);
      for (let k = 0; k < CLASSES; k++) total[k] = (total[k] as number) - extra * (model.weights[bias + k] as number);
      const post = new Float64Array(CLASSES);
      probabilities(model, total, post);
      this.sentenceScores = { spans, scores, post, sums };
    }
    return this.sentenceScores;
  }

  /**
   * Take the base view and the semantic scores as computed elsewhere (incremental.ts assembles them from the post's
   * parts), so this check does not compute them again.
   */
  adopt(base: View | (() => View), semantic: SemanticScores | null): void {
    if (typeof base === 'function') this.lazyBase = base;
    else this.views[0] = base;
    this.sentenceScores = semantic;
  }
  /** The base view, put together on first need (an incremental check's, from its blocks'). */
  private lazyBase: (() => View) | null = null;

  guarded(): boolean {
    if (this.guard === null) {
      this.runProfile(0);
      this.guard = mentionsProtectedActivity(this.srcHits[this.p.guardSource], this.srcHits[this.p.guardExceptSource]);
      if (!this.guard && this.p.semantic) {
        // The classifier reads protected speech that the phrase list misses ("we deserve better wages").
        const sem = this.semantic();
        const k = SEMANTIC_CATEGORIES.indexOf('protected');
        const t = this.p.semantic.model.thresholds.protected ?? 1;
        if (sem)
          for (let i = k; i < sem.scores.length; i += CLASSES) if ((sem.scores[i] as number) >= t) this.guard = true;
      }
    }
    return this.guard;
  }
}

/** Two 32-bit hashes of a sentence, its length and its names' places and kinds: a cache key that holds no text. */
function sentenceKey(text: string, s: number, e: number, names: readonly EntitySpan[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  let key = `${h1 >>> 0}:${h2 >>> 0}:${e - s}`;
  for (const n of names) key += `:${n.start - s}-${n.end - s}${n.kind[0]}`;
  return key;
}

export interface SemanticScores {
  spans: number[];
  scores: Float64Array;
  post: Float64Array;
  /** The sentences' weight sums added up (the bias counted once per sentence): parts of a post add up to the post. */
  sums: Int32Array;
}

/**
 * The sentences a category reports, by its mode: those scoring at least `t` ('sentence'), or, when the whole post
 * does ('post'), its best sentence; 'either' takes both. Spans [s, e…].
 */
export function semanticDecides(sem: SemanticScores, k: number, mode: SemanticMode | undefined, t: number): number[] {
  const out: number[] = [];
  const m = mode ?? 'sentence';
  if (m !== 'post') {
    for (let i = 0; i < sem.spans.length; i += 2) {
      if ((sem.scores[(i / 2) * CLASSES + k] as number) >= t)
        out.push(sem.spans[i] as number, sem.spans[i + 1] as number);
    }
  }
  if (m !== 'sentence' && !out.length && (sem.post[k] as number) >= t && sem.spans.length) {
    let best = 0;
    for (let i = 2; i < sem.spans.length; i += 2) {
      if ((sem.scores[(i / 2) * CLASSES + k] as number) > (sem.scores[(best / 2) * CLASSES + k] as number)) best = i;
    }
    out.push(sem.spans[best] as number, sem.spans[best + 1] as number);
  }
  return out;
}
