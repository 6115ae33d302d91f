// Check: run every in-scope rule of a compiled policy on a draft and turn the rules that fire into findings.

import twitter from 'twitter-text';
import { internalsOf } from './compile';
import { type CompiledCond, metricThreshold, metricValue, nearFilter } from './conditions';
import { buildFixes, render, shorten } from './fixes';
import { type Network, type Rule, SEVERITY_RANK } from './schema';
import { mergeSpans, toOriginal } from './spans';
import { State } from './state';
import type { CheckContext, CompiledPolicy, CompiledRule, Finding, MatcherFn } from './types';

/** twitter-text's own configuration (v3): its defaults, with another length limit where the member has one. */
const X_TEXT_CONFIG = (twitter as unknown as { configs: { defaults: twitter.ParseTweetOptions } }).configs.defaults;

/** UTF-16 offset of the n-th code point (or the length). */
function offsetOfCodePoint(s: string, n: number): number {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    if (k === n) return i;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    k++;
  }
  return s.length;
}

interface Report {
  spans: number[];
  value?: number;
  limit?: number;
}

/** The spans a firing rule highlights: its `report` matcher, else the first positive leaf of `when`. */
function reportSpans(st: State, rule: CompiledRule): Report {
  const r = rule.rule;
  if (r.report) return { spans: rule.matchers.get(r.report)?.(st) ?? [] };
  return leafReport(st, rule.when) ?? { spans: st.text.length ? [0, st.text.length] : [] };
}

function leafReport(st: State, node: CompiledCond): Report | null {
  const c = node.cond;
  const hits = (i: number) => (node.matchers[i] as MatcherFn)(st);
  if ('has' in c) {
    const h = hits(0);
    return h.length ? { spans: h } : null;
  }
  if ('count' in c) {
    const h = hits(0);
    return h.length ? { spans: h, value: h.length / 2, limit: c.n } : null;
  }
  if ('position' in c) {
    const h = hits(0);
    return h.length ? { spans: h } : null;
  }
  if ('near' in c) {
    const h = nearFilter(st, hits(0), hits(1), c.within);
    return h.length ? { spans: h } : null;
  }
  if ('metric' in c) {
    if (!node.holds(st)) return null;
    const value = metricValue(st, c);
    const limit = metricThreshold(st, c);
    const t = st.text;
    if (c.metric === 'chars' && (c.op === '>' || c.op === '>=')) {
      const from = offsetOfCodePoint(t, c.op === '>' ? limit : Math.max(0, limit - 1));
      return { spans: [Math.min(from, t.length - 1), t.length], value, limit };
    }
    if (c.metric === 'xWeightedLength') {
      st.weighted ??= twitter.parseTweet(t);
      // The part past the limit: twitter-text's valid range, measured against the member's limit when it differs.
      const parsed =
        limit === X_TEXT_CONFIG.maxWeightedTweetLength
          ? st.weighted
          : twitter.parseTweet(t, { ...X_TEXT_CONFIG, maxWeightedTweetLength: limit });
      const from = Math.min(parsed.validRangeEnd + 1, t.length - 1);
      return { spans: [Math.max(0, from), t.length], value, limit };
    }
    if (c.metric === 'hashtags' || c.metric === 'mentions') {
      const d = st.detection(c.metric === 'hashtags' ? 'hashtag' : 'mention');
      return { spans: toOriginal(st.view(0), d.spans), value, limit };
    }
    return { spans: [0, t.length], value, limit };
  }
  if ('all' in c) {
    for (const part of node.parts) {
      const got = leafReport(st, part);
      if (got) return got;
    }
    return null;
  }
  if ('any' in c) {
    for (const part of node.parts) {
      if (!part.holds(st)) continue;
      const got = leafReport(st, part);
      if (got) return got;
    }
    return null;
  }
  return null;
}

const NETWORK_LABEL: Record<Network, string> = { linkedin: 'LinkedIn', x: 'X' };

export function inScope(rule: Rule, ctx: CheckContext): boolean {
  const sc = rule.scope;
  if (sc.networks && !sc.networks.includes(ctx.network)) return false;
  if (sc.postKinds && !sc.postKinds.includes(ctx.postKind)) return false;
  if (sc.businessUnits && !(ctx.businessUnit && sc.businessUnits.includes(ctx.businessUnit))) return false;
  return true;
}

/** One rule on one check's state: its findings, if it fires, appended to `out` (throws if the rule cannot run). */
export function runRule(st: State, cr: CompiledRule, out: Finding[]): void {
  const rule = cr.rule;
  if (!inScope(rule, st.ctx)) return;
  if (!cr.when.holds(st)) return;
  if (cr.unless?.(st)) return;
  if (cr.guard && st.guarded()) return;
  let severity = rule.severity;
  for (const esc of cr.escalate) {
    if (SEVERITY_RANK[esc.severity] > SEVERITY_RANK[severity] && esc.when(st)) severity = esc.severity;
  }
  const rep = reportSpans(st, cr);
  let spans = mergeSpans(rep.spans);
  if (!spans.length) return;
  if (rule.highlight === 'first') spans = spans.slice(0, 2);
  const p = st.p;
  const count = rep.value ?? spans.length / 2;
  for (let i = 0; i < spans.length; i += 2) {
    const s = spans[i] as number;
    const e = spans[i + 1] as number;
    const vars: Record<string, string> = {
      match: shorten(st.text.slice(s, e)),
      company: p.company,
      count: String(Number.isInteger(count) ? count : Math.round(count * 100) / 100),
      value: String(rep.value !== undefined ? Math.round(rep.value * 100) / 100 : count),
      limit: String(rep.limit ?? ''),
      network: NETWORK_LABEL[st.ctx.network] ?? String(st.ctx.network ?? ''),
      networkId: String(st.ctx.network ?? ''),
      disclosureTag: p.disclosureTag,
    };
    out.push({
      ruleId: rule.id,
      severity,
      category: rule.category,
      title: rule.title,
      start: s,
      end: e,
      message: render(rule.message, vars),
      rationale: render(rule.rationale, vars),
      ...(rule.source
        ? { source: { label: rule.source.label, ...(rule.source.url ? { url: rule.source.url } : {}) } }
        : {}),
      fixes: buildFixes(st.text, rule.fixes, s, e, vars),
    });
  }
}

/** Check a draft. Never throws: a failing rule is skipped, a failing check returns []. */
export function check(policy: CompiledPolicy, text: string, ctx: CheckContext): Finding[] {
  const p = internalsOf(policy);
  if (!p || typeof text !== 'string' || text.length === 0) return [];
  try {
    return runRules(new State(p, text, ctx ?? { network: 'linkedin', postKind: 'post' }));
  } catch {
    return [];
  }
}

/** check()'s order of findings: by place, then the more severe first, then by rule id. */
function findingOrder(a: Finding, b: Finding): number {
  return (
    a.start - b.start ||
    a.end - b.end ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Rules on one check's state (by default all of the policy's), their findings added to `out`, sorted in check()'s
 * order (throws only if the state cannot be read).
 */
export function runRules(st: State, rules: readonly CompiledRule[] = st.p.rules, out: Finding[] = []): Finding[] {
  for (const cr of rules) {
    try {
      runRule(st, cr, out);
    } catch {
      // one broken rule must not hide the others
    }
  }
  out.sort(findingOrder);
  return out;
}

/** For benches: time spent per rule over a set of texts (ms, summed), to find slow rules. */
export function ruleTimings(policy: CompiledPolicy, texts: string[], ctx: CheckContext): Map<string, number> {
  const p = internalsOf(policy);
  const out = new Map<string, number>();
  if (!p) return out;
  for (const text of texts) {
    const st = new State(p, text, ctx);
    const sink: Finding[] = [];
    let t0 = performance.now();
    st.view(0);
    let t1 = performance.now();
    out.set('(base view)', (out.get('(base view)') ?? 0) + t1 - t0);
    t0 = t1;
    st.runProfile(0);
    t1 = performance.now();
    out.set('(base phrases)', (out.get('(base phrases)') ?? 0) + t1 - t0);
    t0 = t1;
    for (const key of p.profiles.keys()) st.runProfile(key);
    t1 = performance.now();
    out.set('(derived phrases)', (out.get('(derived phrases)') ?? 0) + t1 - t0);
    for (const cr of p.rules) {
      t0 = t1;
      try {
        runRule(st, cr, sink);
      } catch {
        // ignore
      }
      t1 = performance.now();
      out.set(cr.rule.id, (out.get(cr.rule.id) ?? 0) + t1 - t0);
    }
  }
  return out;
}
