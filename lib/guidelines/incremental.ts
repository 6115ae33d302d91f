// Incremental checking while typing: the post is cut into blocks at line breaks that nothing of the engine reads
// across; each block's matcher hits, guard, semantic sentence scores, tag detections and the findings of its
// block-local rules (blockLocal()) are kept with the block, and the blocks an edit left alone (found by the common
// prefix and suffix with the last post) are reused by position, so a keystroke re-reads only the block it changed.
// The other rules (conditions, unless, guard, escalate, report, highlight, merge, order, messages, fixes) then run as
// check() runs them, on a state of the whole post whose per-part results are filled in from the blocks. The findings
// equal check()'s (property-tested in tests/unit/guidelines/incremental.test.ts); when a post holds something that
// could be read across a line break in a way the cut cannot see, the checker does the whole check.
//
// What can reach across a line break, and how each is handled:
// - evasive spellings: their windows stretch a few tokens, at most `windowReach` view units, around a suspicious spot
//   (evasion.ts), through whitespace; a line break is a cut only when no window of either paragraph reaches it.
// - sealed dictionaries read spans of several words through any whitespace: a policy with one is checked whole.
// - patterns: a pattern that could match a line break, or anchors on the text's ends, makes the policy checked whole.
// - obfuscated e-mail addresses ("jane at acme dot com") are looked for in the whole text once a hint occurs
//   anywhere: a post with a hint is checked whole.
// - the base view joins a combining mark to the unit before it: a cut needs a plain character after the line break;
//   nor a '.', since the url detector skips a '.' at a text's very start.
// - derived profiles read at most 4,096 positions per text (profiles.ts): a post whose view is longer is checked whole.
// Everything else (phrases, detectors, number words, sentences, the guard's phrases) stops at a line break.

import { check, inScope, runRule, runRules } from './check';
import { internalsOf } from './compile';
import { countCodePoints, metricValue } from './conditions';
import type { Detection } from './detectors';
import { suspiciousSpots, windowEnd, windowStart } from './evasion';
import { hasObfuscationHint } from './mailboxes';
import { MATCHER_IDS } from './matchers';
import { baseView, type View } from './normalize';
import type { Cond } from './schema';
import { biasBucket, CLASSES, probabilities } from './semantic';
import { NO_HITS } from './spans';
import { type SemanticScores, State } from './state';
import type { CheckContext, CompiledPolicy, CompiledRule, Finding, Internals } from './types';

export interface IncrementalChecker {
  /** The findings check() would return for `text`; re-reads only the blocks that changed since the last call. */
  check(text: string): Finding[];
  /** How many blocks the last check cut the post into (0: it was checked whole). */
  readonly blocks: number;
}

/** What the cut needs to know of one paragraph (a line, without its line break). */
interface LineInfo {
  viewLength: number;
  /**
   * Whether an evasion window (evasion.ts) of a suspicious spot of the paragraph's own base view reaches its start /
   * its end, or a spot lies so near that the text across the break could change it: then the break there is no cut.
   */
  openStart: boolean;
  openEnd: boolean;
  view: View;
}

/** One block's results, in block offsets (original text for hits, base view for detections). */
interface BlockResult {
  view: View;
  hits: Array<number[] | undefined>;
  /** The matchers (slots) with hits in this block. */
  found: number[];
  guard: boolean;
  semantic: SemanticScores | null;
  hashtag: Detection | null;
  mention: Detection | null;
  shout: { words: number; start: number; end: number } | null;
  hint: boolean;
  /** Its length in code points. */
  codePoints: number;
  /** The block-local rules' findings on the block alone (block offsets); see blockLocal(). */
  findings: Finding[];
}

/** How near a paragraph's edge a suspicious spot depends on the text across the break (evasion.ts reads 3 back). */
const EDGE = 4;

/** A block of the post: where it starts and its first and last paragraph (indexes). */
interface Part {
  start: number;
  first: number;
  last: number;
  result: BlockResult;
}

/** How a post was cut: its paragraphs' starts and infos, whether each break is a cut, its blocks. */
interface Cutting {
  text: string;
  starts: number[];
  infos: LineInfo[];
  cut: boolean[];
  parts: Part[];
}

/** Units compared at once when looking for what an edit left alone. */
const STRETCH = 64;

/** Sentence sums kept across edits (about 16 bytes a class each): a few hundred sentences' worth. */
const SENTENCE_MEMORY = 2048;

/** The most view units the engine's derived profiles read positions of (profiles.ts, state.ts: 4096). */
const PROFILE_POSITIONS = 4096;

// The base view maps each unit from its own cluster; a combining mark, a joiner or a variation selector after a line
// break would join the break's cluster. Only these starts keep the break a cluster of its own.
function plainStart(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  // The url detector reads bare domains from the first '.' after a text's first unit (detectors.ts: `dot > 0`).
  if (c === 46) return false;
  if (c < 0x80) return true;
  if ((c >= 0x2e80 && c < 0xa000) || (c >= 0xac00 && c < 0xd7a4)) return true; // CJK, kana, Hangul syllables
  if (c >= 0xd83c && c <= 0xd83e) {
    const cp = text.codePointAt(i) ?? 0;
    return cp > 0xffff && !(cp >= 0x1f3fb && cp <= 0x1f3ff); // emoji, not a skin-tone modifier
  }
  return false;
}

function usesMetric(c: Cond, names: ReadonlySet<string>): boolean {
  if ('metric' in c) return names.has(c.metric);
  if ('position' in c) return c.where === 'hashtagCluster' && names.has('hashtags');
  if ('not' in c) return usesMetric(c.not, names);
  if ('all' in c) return c.all.some((x) => usesMetric(x, names));
  if ('any' in c) return c.any.some((x) => usesMetric(x, names));
  return false;
}

// A pattern is cut-safe when it cannot match a line break and has no anchors: every escape that could stand for one
// (\s, \W, \D, \n, \x…, \p…, classes such as [^…] or ranges through control characters) or a flag group refuses.
const PATTERN_MAY_CROSS = /\\[sWDnxuUpPvfrtCzAQEhHN0-9]|\[\^|\(\?[a-zA-Z-]*s|\(\?[a-zA-Z-]*m|\^|\$|\[[^\]]*\\[^\]]*-/;

function wholeOnly(p: Internals): boolean {
  if (p.sealed.names.length) return true;
  for (const cr of p.rules) {
    for (const m of Object.values(cr.rule.matchers)) {
      if (m.kind === 'pattern' && PATTERN_MAY_CROSS.test(m.pattern)) return true;
    }
  }
  for (const prof of p.profiles.values()) for (const t of prof.terms) if (/[\n\r]/.test(t)) return true;
  return false;
}

// Fixes whose edits lie inside or right beside the finding's span (fixes.ts): the others read the whole post.
const SPAN_FIXES = new Set(['replace', 'remove', 'mask', 'appendUtm']);

/**
 * A rule whose findings in a post are its findings in each block, shifted: it fires on the hits of one matcher
 * (read per block) and reports them, with nothing that reads the post as a whole: no `unless`, `escalate`, first-only
 * highlight, post-wide counts in its texts, or fixes at the post's start or end. A protected-activity guard is applied
 * when the blocks are put together (the guard holds for the post when it holds in some block).
 */
function blockLocal(cr: CompiledRule, localFns: ReadonlySet<unknown>): boolean {
  const r = cr.rule;
  if (!('has' in r.when) || (r.report && r.report !== r.when.has)) return false;
  if (cr.unless || cr.escalate.length || r.highlight === 'first') return false;
  if (!localFns.has(cr.matchers.get(r.when.has))) return false;
  if (/\{(count|value)\}/.test(r.message + r.rationale + JSON.stringify(r.fixes))) return false;
  return r.fixes.every((f) => SPAN_FIXES.has(f.kind));
}

/** A block's finding at its place in the post: a fresh object, as check() returns, in the same key order. */
function shifted(f: Finding, by: number): Finding {
  return {
    ...f,
    start: f.start + by,
    end: f.end + by,
    ...(f.source ? { source: { ...f.source } } : {}),
    fixes: f.fixes.map((x) => ({
      label: x.label,
      edits: x.edits.map((e) => ({ start: e.start + by, end: e.end + by, text: e.text })),
    })),
  };
}

/**
 * One checker per open composer, policy and context (make a new one when either changes). Never throws: anything
 * unexpected falls back to check().
 */
export function createIncrementalChecker(policy: CompiledPolicy, ctx: CheckContext): IncrementalChecker {
  const p = internalsOf(policy);
  if (!p) return { check: (text) => check(policy, text, ctx), blocks: 0 };
  const context = ctx ?? { network: 'linkedin', postKind: 'post' };
  const whole = wholeOnly(p);
  // The in-scope rules' matchers whose hits are read per block (semantic ones are decided on the whole post's
  // scores), and what the rules' conditions read besides.
  const local: Array<{ id: number; fn: (st: State) => number[] }> = [];
  const seen = new Set<number>();
  let guard = false;
  let shout = false;
  let tags = false;
  for (const cr of p.rules) {
    if (!inScope(cr.rule, context)) continue;
    guard ||= cr.guard;
    const conds = [cr.rule.when, ...(cr.rule.unless ? [cr.rule.unless] : []), ...cr.rule.escalate.map((x) => x.when)];
    shout ||= conds.some((c) => usesMetric(c, new Set(['shoutingWords'])));
    tags ||= conds.some((c) => usesMetric(c, new Set(['hashtags', 'mentions'])));
    for (const fn of cr.matchers.values()) {
      const info = MATCHER_IDS.get(fn);
      if (!info) return { check: (text) => check(policy, text, ctx), blocks: 0 };
      if (info.kind === 'semantic' || seen.has(info.id)) continue;
      seen.add(info.id);
      local.push({ id: info.id, fn });
    }
  }
  const reach = p.windowReach;
  // Rules run per block (their findings kept with the block) and rules run on the whole post each time.
  const localFns = new Set(local.map((m) => m.fn));
  const blockRules: CompiledRule[] = [];
  const postRules: CompiledRule[] = [];
  const guardedIds = new Set<string>();
  for (const cr of p.rules) {
    if (!inScope(cr.rule, context)) continue;
    if (blockLocal(cr, localFns)) {
      blockRules.push(cr);
      if (cr.guard) guardedIds.add(cr.rule.id);
    } else postRules.push(cr);
  }
  // The matchers (by id) whose hits the post-level rules read.
  const postRead: boolean[] = [];
  for (const cr of postRules) {
    for (const fn of cr.matchers.values()) {
      const info = MATCHER_IDS.get(fn);
      if (info) postRead[info.id] = true;
    }
  }

  let lastText: string | null = null;
  let lastFindings: Finding[] = [];
  // The last post cut incrementally: its paragraphs (start offsets, infos), cuts and blocks, reused by position where
  // an edit left them as they were.
  let last: Cutting | null = null;
  // Sentence sums of the blocks read so far (by sentence key, as State.semantic keeps them), so a block read again
  // after an edit re-scores only its changed sentence; started afresh when it outgrows SENTENCE_MEMORY.
  let sums = new Map<string, Int32Array>();

  const lineInfo = (text: string): LineInfo => {
    const view = baseView(text);
    const v = view.text;
    const spots = p.evasion ? suspiciousSpots(v) : [];
    // A window ending short of the paragraph's edge ends there in the whole post too: tokensBack/Forward read only
    // the units between the spot and where they stop. Spots within EDGE of an edge read units across the break.
    let openStart = false;
    let openEnd = false;
    for (const at of spots) {
      if (at > reach + EDGE) break;
      if (at < EDGE || windowStart(v, at, reach) === 0) openStart = true;
    }
    for (let k = spots.length - 1; k >= 0; k--) {
      const at = spots[k] as number;
      if (at < v.length - reach - EDGE) break;
      if (at >= v.length - EDGE || windowEnd(v, at, reach) >= v.length) openEnd = true;
    }
    return { viewLength: v.length, openStart, openEnd, view };
  };

  const blockResult = (text: string, view: View | null): BlockResult => {
    const st = new State(p, text, context);
    if (view) st.adopt(view, null);
    const hits: Array<number[] | undefined> = [];
    const found: number[] = [];
    for (const m of local) {
      const h = m.fn(st);
      hits[m.id] = h;
      if (h.length) found.push(m.id);
    }
    // The semantic layer re-scores only sentences it has not seen: let it see the sentences of the blocks read before
    // (the policy's own memory holds only the last check's, here the last block's).
    if (p.semantic) {
      if (sums.size > SENTENCE_MEMORY) sums = new Map();
      p.semantic.recent = sums;
    }
    const g = guard ? st.guarded() : false;
    const semantic = p.semantic ? st.semantic() : null;
    if (p.semantic && p.semantic.recent !== sums) for (const [k, v] of p.semantic.recent) sums.set(k, v);
    const v = st.view(0);
    let sh: BlockResult['shout'] = null;
    if (shout) {
      metricValue(st, { metric: 'shoutingWords', op: '>', value: 0 });
      sh = st.shout;
    }
    const r: BlockResult = {
      view: v,
      hits,
      found,
      guard: g,
      semantic,
      hashtag: tags ? st.detection('hashtag') : null,
      mention: tags ? st.detection('mention') : null,
      shout: sh,
      hint: hasObfuscationHint(v.text),
      codePoints: countCodePoints(text),
      findings: [],
    };
    // The guard is the post's (applied when the blocks are put together): here the rule runs as if none were guarded.
    st.guard = false;
    for (const cr of blockRules) {
      try {
        runRule(st, cr, r.findings);
      } catch {
        // as check(): one broken rule must not hide the others
      }
    }
    return r;
  };

  const incremental = (text: string): Finding[] | null => {
    if (whole || text.length === 0) return null;
    // What the edit left alone: the text before `pre` and the last `suf` units are the last post's.
    const old = last;
    let pre = 0;
    let suf = 0;
    if (old) {
      const o = old.text;
      const n = Math.min(o.length, text.length);
      // By stretches first: comparing two slices is a memory compare, a unit at a time is not.
      while (pre + STRETCH <= n && o.slice(pre, pre + STRETCH) === text.slice(pre, pre + STRETCH)) pre += STRETCH;
      while (pre < n && o.charCodeAt(pre) === text.charCodeAt(pre)) pre++;
      const ol = o.length;
      const tl = text.length;
      while (
        suf + STRETCH <= n - pre &&
        o.slice(ol - suf - STRETCH, ol - suf) === text.slice(tl - suf - STRETCH, tl - suf)
      )
        suf += STRETCH;
      while (suf < n - pre && o.charCodeAt(ol - 1 - suf) === text.charCodeAt(tl - 1 - suf)) suf++;
    }
    const tail = text.length - suf;
    // Paragraphs: a paragraph and the break after it inside `pre` is the last post's paragraph of the same index; one
    // and the break before it inside the last `suf` units is the last post's counted from the end.
    const starts: number[] = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    const n = starts.length;
    const back = old ? old.starts.length - n : 0;
    const from: number[] = new Array(n); // the last post's paragraph index of each paragraph, or -1
    const infos: LineInfo[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const s = starts[k] as number;
      const e = k + 1 < n ? (starts[k + 1] as number) - 1 : text.length;
      let was = -1;
      if (old && e < pre) was = k;
      else if (old && s - 1 >= tail && k + back >= 0) was = k + back;
      from[k] = was;
      infos[k] = was >= 0 ? (old?.infos[was] as LineInfo) : lineInfo(text.slice(s, e));
    }
    // A break is a cut when no evasion window of either paragraph reaches it, and the units around it make no
    // suspicious spot that neither paragraph has on its own (a spot reads at most 3 units back and 1 forward).
    const cut: boolean[] = new Array(Math.max(0, n - 1));
    for (let k = 0; k + 1 < n; k++) {
      const was = from[k] as number;
      if (old && was >= 0 && from[k + 1] === was + 1) {
        cut[k] = old.cut[was] as boolean;
        continue;
      }
      const a = infos[k] as LineInfo;
      const b = infos[k + 1] as LineInfo;
      let ok = plainStart(text, starts[k + 1] as number);
      if (ok && p.evasion) {
        ok =
          !a.openEnd &&
          !b.openStart &&
          suspiciousSpots(`${a.view.text.slice(-EDGE)}\n${b.view.text.slice(0, EDGE)}`).length === 0;
      }
      cut[k] = ok;
    }
    // Blocks: runs of paragraphs between cuts; one the last post had, from the same paragraphs, is reused.
    const parts: Part[] = [];
    let viewLength = 0;
    let first = 0;
    let o = 0; // the last post's blocks are walked in step
    for (let k = 0; k < n; k++) {
      if (k + 1 < n && !cut[k]) continue;
      const s = starts[first] as number;
      const e = k + 1 < n ? (starts[k + 1] as number) - 1 : text.length;
      let result: BlockResult | null = null;
      const a = from[first] as number;
      const b = from[k] as number;
      if (old && a >= 0 && b - a === k - first && (e < pre || s >= tail)) {
        while (o < old.parts.length && (old.parts[o] as Part).first < a) o++;
        const was = old.parts[o];
        if (was && was.first === a && was.last === b) result = was.result;
      }
      result ??= blockResult(text.slice(s, e), first === k ? (infos[k] as LineInfo).view : null);
      if (result.hint) return null;
      viewLength += result.view.text.length + (parts.length ? 1 : 0);
      parts.push({ start: s, first, last: k, result });
      first = k + 1;
    }
    if (viewLength > PROFILE_POSITIONS) return null;
    last = { text, starts, infos, cut, parts };
    const st = assemble(text, parts);
    const out: Finding[] = [];
    const guarded = guardedIds.size > 0 && st.guarded();
    for (const { start, result } of parts) {
      for (const f of result.findings) if (!(guarded && guardedIds.has(f.ruleId))) out.push(shifted(f, start));
    }
    return runRules(st, postRules, out);
  };

  const assemble = (text: string, parts: Part[]): State => {
    const st = new State(p, text, context);
    // The post's base view, only if a post-level rule reads it (most read hits, detections and scores kept here).
    st.adopt(() => baseOf(parts), p.semantic ? semanticOf(p, parts) : null);
    const viewStarts: number[] = [];
    let v = 0;
    for (const { result } of parts) {
      if (viewStarts.length) v++; // the line break
      viewStarts.push(v);
      v += result.view.text.length;
    }
    // Only the hits the post-level rules read: a matcher nothing else reads is never asked for (and would be read
    // from the whole post if it were).
    const hits = st.matcherHits;
    for (const m of local) if (postRead[m.id]) hits[m.id] = NO_HITS;
    for (const { start, result } of parts) {
      for (const id of result.found) {
        if (!postRead[id]) continue;
        const h = result.hits[id] as number[];
        let all = hits[id] as number[];
        if (all === NO_HITS) {
          all = [];
          hits[id] = all;
        }
        for (let i = 0; i < h.length; i++) all.push((h[i] as number) + start);
      }
    }
    if (guard) st.guard = parts.some((x) => x.result.guard);
    // Blocks end at line breaks, never inside a surrogate pair: the post's code points are the blocks' and the breaks.
    let codePoints = parts.length - 1;
    for (const { result } of parts) codePoints += result.codePoints;
    st.codePoints = codePoints;
    if (shout) {
      let best = { words: 0, start: 0, end: 0 };
      for (const { start, result } of parts) {
        const s = result.shout;
        if (s && s.words > best.words) best = { words: s.words, start: s.start + start, end: s.end + start };
      }
      st.shout = best;
    }
    if (tags) {
      for (const name of ['hashtag', 'mention'] as const) {
        const spans: number[] = [];
        const values: Detection['values'] = [];
        parts.forEach(({ result }, k) => {
          const d = result[name] as Detection;
          const at = viewStarts[k] as number;
          for (let i = 0; i < d.spans.length; i++) spans.push((d.spans[i] as number) + at);
          values.push(...d.values);
        });
        st.detections.set(name, { spans, values });
      }
    }
    return st;
  };

  return {
    get blocks() {
      return last ? last.parts.length : 0;
    },
    check(text: string): Finding[] {
      if (typeof text !== 'string') return [];
      if (text === lastText) return lastFindings;
      let out: Finding[] | null = null;
      try {
        out = incremental(text);
      } catch {
        out = null;
      }
      if (!out) {
        last = null;
        out = check(policy, text, ctx);
      }
      lastText = text;
      lastFindings = out;
      return out;
    },
  };
}

/** The whole post's base view from its blocks': at a cut, a line break is a unit of its own, mapped 1:1. */
function baseOf(parts: Part[]): View {
  const segs: number[] = [];
  const texts: string[] = [];
  let v = 0;
  let ascii = true;
  let marks = false;
  for (const { start, result } of parts) {
    const view = result.view;
    if (view.ms || view.me) throw new Error('a base view with a unit map');
    if (texts.length) {
      segs.push(v, start - 1, -1);
      texts.push('\n');
      v++;
    }
    if (view.segs) {
      for (let i = 0; i < view.segs.length; i += 3) {
        const oe = view.segs[i + 2] as number;
        segs.push((view.segs[i] as number) + v, (view.segs[i + 1] as number) + start, oe < 0 ? -1 : oe + start);
      }
    } else if (view.text.length) segs.push(v, start, -1);
    texts.push(view.text);
    v += view.text.length;
    ascii &&= view.ascii === true;
    marks ||= view.marks === true;
  }
  return { text: texts.join(''), segs, ...(ascii ? { ascii } : {}), ...(marks ? { marks } : {}) };
}

/** The whole post's semantic scores from its blocks': sentences never cross a line break (semantic.ts). */
function semanticOf(p: Internals, parts: Part[]): SemanticScores | null {
  const setup = p.semantic;
  if (!setup) return null;
  const spans: number[] = [];
  const total = new Int32Array(CLASSES);
  let n = 0;
  for (const { result } of parts) n += (result.semantic?.spans.length ?? 0) / 2;
  const scores = new Float64Array(n * CLASSES);
  let at = 0;
  for (const { start, result } of parts) {
    const sem = result.semantic;
    if (!sem) throw new Error('a block without semantic scores');
    for (let i = 0; i < sem.spans.length; i++) spans.push((sem.spans[i] as number) + start);
    scores.set(sem.scores, at);
    at += sem.scores.length;
    for (let k = 0; k < CLASSES; k++) total[k] = (total[k] as number) + (sem.sums[k] as number);
  }
  const sums = total.slice();
  // As State.semantic: the bias feature counted once for the post.
  const model = setup.model;
  const bias = biasBucket(model.mask) * CLASSES;
  const extra = Math.max(0, n - 1);
  for (let k = 0; k < CLASSES; k++) total[k] = (total[k] as number) - extra * (model.weights[bias + k] as number);
  const post = new Float64Array(CLASSES);
  probabilities(model, total, post);
  return { spans, scores, post, sums };
}
