// Conditions (`when`, `unless`, `escalate`): what they mean for one check, and the metrics they measure.

import twitter from 'twitter-text';
import { isWordAt } from './normalize';
import type { CompareOp, Cond, PolicyPack } from './schema';
import { inside, NO_HITS, toOriginal } from './spans';
import type { State } from './state';
import type { CondFn, MatcherFn } from './types';

const SURROGATE = /[\ud800-\udfff]/;
// bit 0: ASCII letter, bit 1: upper case
const ASCII_CASE = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_CASE[c] = 3;
for (let c = 97; c <= 122; c++) ASCII_CASE[c] = 1;

function compare(a: number, op: CompareOp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return a === b;
  }
}

export function countCodePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0) n++;
    else {
      const h = s.charCodeAt(i - 1);
      if (h < 0xd800 || h > 0xdbff) n++;
    }
  }
  return n;
}

type MetricCond = Extract<Cond, { metric: unknown }>;

/** What a metric is compared with: the check context's limit named by `valueFrom` when it has a usable one. */
export function metricThreshold(st: State, metric: MetricCond): number {
  const own = metric.valueFrom ? st.ctx[metric.valueFrom] : undefined;
  return own !== undefined && Number.isFinite(own) && own > 0 ? own : metric.value;
}

/** The measured value of a metric condition (a cheap bound when it settles the comparison). */
export function metricValue(st: State, metric: MetricCond): number {
  const t = st.text;
  const limit = metricThreshold(st, metric);
  switch (metric.metric) {
    case 'chars':
      // code points <= UTF-16 length, so short texts need no count; without surrogates they are equal
      if ((metric.op === '>' && t.length <= limit) || (metric.op === '>=' && t.length < limit)) return t.length;
      st.codePoints ??= SURROGATE.test(t) ? countCodePoints(t) : t.length;
      return st.codePoints;
    case 'xWeightedLength': {
      // Cheap upper bound first: 2 per unit + 23 per possible link.
      let dots = 0;
      for (let i = t.indexOf('.'); i >= 0 && dots < 1000; i = t.indexOf('.', i + 1)) dots++;
      if (t.length * 2 + dots * 23 <= limit && (metric.op === '>' || metric.op === '>=')) return t.length * 2;
      st.weighted ??= twitter.parseTweet(t);
      return st.weighted.weightedLength;
    }
    case 'hashtags':
      return st.detection('hashtag').values.length;
    case 'mentions':
      return st.detection('mention').values.length;
    case 'exclamations': {
      st.runProfile(0);
      if (st.marks) return st.bangs;
      let n = 0;
      const v = st.view(0).text;
      for (let i = v.indexOf('!'); i >= 0; i = v.indexOf('!', i + 1)) n++;
      return n;
    }
    case 'shoutingWords':
      return shouting(st).words;
    case 'capsRatio': {
      let letters = 0;
      let upper = 0;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c < 128) {
          const k = ASCII_CASE[c] as number;
          letters += k & 1;
          upper += k >> 1;
        }
      }
      if (letters < (metric.minLetters ?? 0)) return 0;
      return letters ? upper / letters : 0;
    }
  }
  return 0;
}

/** Word starts in text[from, to), counting at most `cap + 1`. */
function wordStartsBetween(t: string, from: number, to: number, cap: number): number {
  let n = 0;
  let prev = isWordAt(t, from - 1);
  for (let i = from; i < to; i++) {
    const w = isWordAt(t, i);
    if (w && !prev && ++n > cap) return n;
    prev = w;
  }
  return n;
}

// ALL-CAPS words in a row ("THIS IS THE BEST"): at least two capitals to start, then words separated by up to three
// non-letters. Linear: the classes don't overlap.
const SHOUTING = /[A-Z]{2,}(?:[^a-zA-Z\n]{1,3}[A-Z]+)*/g;
function shouting(st: State): { words: number; start: number; end: number } {
  if (st.shout) return st.shout;
  let best = { words: 0, start: 0, end: 0 };
  const t = st.text;
  SHOUTING.lastIndex = 0;
  for (let m = SHOUTING.exec(t); m; m = SHOUTING.exec(t)) {
    if (isWordAt(t, m.index - 1) || isWordAt(t, m.index + m[0].length)) continue;
    let words = 0; // runs of capitals in the match
    for (let i = 0, inWord = false; i < m[0].length; i++) {
      const c = m[0].charCodeAt(i);
      const cap = c >= 65 && c <= 90;
      if (cap && !inWord) words++;
      inWord = cap;
    }
    if (words > best.words) best = { words, start: m.index, end: m.index + m[0].length };
  }
  st.shout = best;
  return best;
}

/** Hits of `a` within `within` words of some hit of `b` (both sorted); with `first`, stops at the first one. */
export function nearFilter(st: State, a: number[], b: number[], within: number, first = false): number[] {
  if (!a.length || !b.length) return [];
  const t = st.text;
  const out: number[] = [];
  const nb = b.length / 2;
  for (let i = 0; i < a.length; i += 2) {
    const as = a[i] as number;
    const ae = a[i + 1] as number;
    // first b starting at or after ae
    let lo = 0;
    let hi = nb;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((b[mid * 2] as number) < ae) lo = mid + 1;
      else hi = mid;
    }
    let ok = false;
    // overlapping or preceding hits: scan back while they could still be close
    for (let j = lo - 1; j >= 0 && !ok; j--) {
      const bs = b[j * 2] as number;
      const be = b[j * 2 + 1] as number;
      if (be > as && bs < ae) ok = true;
      else if (be <= as) {
        ok = wordStartsBetween(t, be, as, within) <= within;
        break;
      }
    }
    if (!ok && lo < nb) {
      const bs = b[lo * 2] as number;
      ok = bs < ae || wordStartsBetween(t, ae, bs, within) <= within;
    }
    if (ok) {
      out.push(as, ae);
      if (first) break;
    }
  }
  return out;
}

function hashtagClusters(st: State): number[] {
  const tags = toOriginal(st.view(0), st.detection('hashtag').spans);
  const out: number[] = [];
  let i = 0;
  while (i < tags.length) {
    let j = i;
    while (j + 2 < tags.length && /^\s*$/.test(st.text.slice(tags[j + 1] as number, tags[j + 2] as number))) j += 2;
    if ((j - i) / 2 + 1 >= 3) out.push(tags[i] as number, tags[j + 1] as number);
    i = j + 2;
  }
  return out;
}

const tzFormatters = new Map<string, Intl.DateTimeFormat>();
// The local minute stamp per time zone, recomputed when the minute changes (Intl formatting is slow).
const stamps = new Map<string, { minute: number; value: string }>();
function localStamp(now: number, tz: string): string {
  const minute = Math.floor(now / 60_000);
  const known = stamps.get(tz);
  if (known && known.minute === minute) return known.value;
  const value = localStampUncached(now, tz);
  if (stamps.size > 32) stamps.clear();
  stamps.set(tz, { minute, value });
  return value;
}
function localStampUncached(now: number, tz: string): string {
  let f = tzFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    tzFormatters.set(tz, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(now))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

const noHits: MatcherFn = () => NO_HITS;

/**
 * A condition compiled once, with its sub-conditions and matchers resolved. `holds` is the only place a condition's
 * meaning lives: the hot path calls it, and the report logic (check.ts) walks `parts` asking `holds`.
 */
export interface CompiledCond {
  readonly cond: Cond;
  readonly holds: CondFn;
  /** The compiled sub-conditions of not/all/any, in order; empty for a leaf. */
  readonly parts: readonly CompiledCond[];
  /** The matchers a has/count/position/near leaf reads (a missing name matches nothing); empty otherwise. */
  readonly matchers: readonly MatcherFn[];
}

export function compileCond(pack: PolicyPack, matchers: Map<string, MatcherFn>, c: Cond): CompiledCond {
  const sub = (x: Cond) => compileCond(pack, matchers, x);
  const parts = 'not' in c ? [sub(c.not)] : 'all' in c ? c.all.map(sub) : 'any' in c ? c.any.map(sub) : [];
  const names =
    'has' in c ? [c.has] : 'count' in c ? [c.count] : 'position' in c ? [c.position] : 'near' in c ? c.near : [];
  const fns = names.map((name) => matchers.get(name) ?? noHits);
  return { cond: c, holds: holdsFn(pack, c, fns, parts), parts, matchers: fns };
}

/** A condition as a closure over its matchers and compiled parts: no walk of the tree per check. */
function holdsFn(pack: PolicyPack, c: Cond, m: readonly MatcherFn[], parts: readonly CompiledCond[]): CondFn {
  const f = m[0] ?? noHits;
  if ('has' in c) return (st) => f(st).length > 0;
  if ('count' in c) {
    const { op, n } = c;
    return (st) => compare(f(st).length / 2, op, n);
  }
  if ('near' in c) {
    const fb = m[1] ?? noHits;
    const within = c.within;
    return (st) => {
      const a = f(st);
      if (!a.length) return false;
      return nearFilter(st, a, fb(st), within, true).length > 0; // a condition only needs one
    };
  }
  if ('position' in c) {
    if (c.where === 'afterChars') {
      const chars = c.chars ?? 0;
      return (st) => {
        const h = f(st);
        if (!h.length) return false;
        for (let i = 0; i < h.length; i += 2) if ((h[i] as number) < chars) return false;
        return true;
      };
    }
    return (st) => {
      const h = f(st);
      if (!h.length) return false;
      const clusters = hashtagClusters(st);
      for (let i = 0; i < h.length; i += 2) if (!inside(h[i] as number, h[i + 1] as number, clusters)) return false;
      return true;
    };
  }
  if ('metric' in c) return (st) => compare(metricValue(st, c), c.op, metricThreshold(st, c));
  if ('calendar' in c) {
    const windows = (pack.calendars[c.calendar] ?? []).map((w) => ({
      start: w.start.length === 10 ? `${w.start}T00:00` : w.start,
      end: w.end.length === 10 ? `${w.end}T23:59` : w.end,
    }));
    if (!windows.length) return () => false;
    const tz = pack.settings.timeZone ?? 'UTC';
    return (st) => {
      const stamp = localStamp(st.ctx.now ?? Date.now(), tz);
      for (const w of windows) if (stamp >= w.start && stamp <= w.end) return true;
      return false;
    };
  }
  if ('network' in c) {
    const list = c.network;
    return (st) => list.includes(st.ctx.network);
  }
  if ('postKind' in c) {
    const list = c.postKind;
    return (st) => list.includes(st.ctx.postKind);
  }
  const fs = parts.map((x) => x.holds);
  if ('not' in c) {
    const g = fs[0] ?? (() => false);
    return (st) => !g(st);
  }
  if ('all' in c) {
    return (st) => {
      for (const g of fs) if (!g(st)) return false;
      return true;
    };
  }
  if ('any' in c) {
    return (st) => {
      for (const g of fs) if (g(st)) return true;
      return false;
    };
  }
  return () => false;
}
