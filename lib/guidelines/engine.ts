import twitter from 'twitter-text';
import { type Automaton, buildAutomaton } from './aho';
import { type Detection, type DetectMemo, detect, type Marks, parseNumber, URL_SCHEMES } from './detectors';
import {
  baseView,
  deriveView,
  foldString,
  isNoSpaceScriptAt,
  isWordAt,
  markProfileUnits,
  normalizeTerm,
  origEnd,
  origStart,
  profileKey,
  profilePositions,
  profilePositionsFrom,
  unitFolder,
  type View,
} from './normalize';
import { type CompiledPattern, compilePattern, PatternError } from './patterns';
import {
  type CompareOp,
  type Cond,
  type DetectorName,
  type Fix,
  type Matcher,
  type Network,
  type Phrase,
  type PolicyPack,
  type PostKind,
  type Rule,
  SEVERITY_RANK,
  type Severity,
} from './schema';

export interface CheckContext {
  network: Network;
  postKind: PostKind;
  businessUnit?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
}
/** Replace the UTF-16 range [start, end) of the ORIGINAL text with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}
export interface FindingFix {
  label: string;
  edits: TextEdit[];
}
export interface Finding {
  ruleId: string;
  severity: Severity;
  category: string;
  title: string;
  start: number;
  end: number;
  message: string;
  rationale: string;
  source?: { label: string; url?: string };
  fixes: FindingFix[];
}

export interface CompiledPolicy {
  readonly version: string;
}

/** Raised by compile() for a pack that cannot run; `errors` name the rule and the JSON path. */
export class CompileError extends Error {
  constructor(readonly errors: Array<{ ruleId?: string; path: string; message: string }>) {
    super(errors.map((e) => `${e.ruleId ? `${e.ruleId}: ` : ''}${e.path}: ${e.message}`).join('\n'));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Compiled structures

/** Shared between keys (see addTermNormalized), hence read-only. */
interface KeyEntry {
  readonly source: number;
  readonly left: boolean; // needs a word boundary before
  readonly right: boolean; // needs a word boundary after
  /** 0, or the derived profile this entry shadows (its hits count only where the profile changes nothing). */
  readonly shadow: number;
}
interface ProfileIndex {
  key: number;
  terms: string[];
  entries: KeyEntry[][]; // parallel to the automaton's sorted keys after build
  automaton: Automaton;
  maxLen: number;
  /** key lengths, parallel to the automaton's keys */
  keyLen: Int32Array;
}

type MatcherFn = (st: State) => number[]; // original-text spans [s, e, s, e, ...], sorted, deduplicated

type CondFn = (st: State) => boolean;

interface CompiledRule {
  rule: Rule;
  index: number;
  matchers: Map<string, MatcherFn>;
  guard: boolean;
  when: CondFn;
  unless: CondFn | null;
  escalate: Array<{ severity: Severity; when: CondFn }>;
}

interface Internals {
  readonly version: string;
  readonly pack: PolicyPack;
  readonly profiles: Map<number, ProfileIndex>;
  readonly rules: CompiledRule[];
  readonly guardSource: number;
  readonly guardExceptSource: number;
  /** hits of URL_SCHEMES, for the url detector */
  readonly schemeSource: number;
  readonly sourceCount: number;
  readonly matcherCount: number;
  readonly company: string;
  readonly disclosureTag: string;
}

const POLICIES = new WeakMap<CompiledPolicy, Internals>();
const CACHE = new Map<string, CompiledPolicy>();

// Protected concerted activity (NLRA Section 7): the author's own pay, hours, conditions, collective action.
const PROTECTED = [
  'my pay',
  'our pay',
  'my salary',
  'our salary',
  'our salaries',
  'my wage',
  'my wages',
  'our wages',
  'my hours',
  'our hours',
  'my shift',
  'my shifts',
  'our shifts',
  'my schedule',
  'our schedules',
  'working conditions',
  'work conditions',
  'workplace safety',
  'unsafe conditions',
  'overtime',
  'pay raise',
  'pay rise',
  'pay cut',
  'pay cuts',
  'pay gap',
  'pay transparency',
  'equal pay',
  'underpaid',
  'understaffed',
  'my benefits',
  'our benefits',
  'parental leave',
  'sick leave',
  'union',
  'unions',
  'unionize',
  'unionise',
  'unionizing',
  'unionising',
  'unionized',
  'collective bargaining',
  'collective action',
  'walkout',
  'on strike',
  'strike vote',
  'organizing',
  'organising',
  'coworkers and i',
  'co-workers and i',
  'my coworkers',
  'my colleagues and i',
];
const PROTECTED_EXCEPT = [
  'european union',
  'credit union',
  'soviet union',
  'union square',
  'union station',
  'union pacific',
  'student union',
  'organizing committee',
];

// ---------------------------------------------------------------------------------------------------------------
// Phrases and inflections

function phraseText(p: Phrase): string {
  return typeof p === 'string' ? p : p.text;
}

const VOWEL = /[aeiou]/;
/** Simple English inflections of the last word: -s, -es, -ed, -ing, 's (over-generation is harmless). */
export function inflections(phrase: string): string[] {
  const m = /^(.*?)([a-z]+)$/i.exec(phrase);
  if (!m) return [phrase];
  const head = m[1] as string;
  const w = m[2] as string;
  const forms = new Set<string>([w, `${w}s`, `${w}'s`, `${w}ed`, `${w}ing`]);
  const last = w.charAt(w.length - 1);
  if (/(s|x|z|ch|sh)$/.test(w)) forms.add(`${w}es`);
  if (last === 'y' && w.length > 2 && !VOWEL.test(w.charAt(w.length - 2))) {
    forms.add(`${w.slice(0, -1)}ies`);
    forms.add(`${w.slice(0, -1)}ied`);
  }
  if (last === 'e') {
    forms.add(`${w}d`);
    forms.add(`${w.slice(0, -1)}ing`);
  }
  if (/[^aeiou][aeiou][bdgklmnprt]$/.test(w) && w.length <= 6) {
    forms.add(`${w}${last}ed`);
    forms.add(`${w}${last}ing`);
  }
  return [...forms].map((f) => head + f);
}

function phraseForms(p: Phrase, inflectDefault: boolean): string[] {
  const text = phraseText(p);
  const out = new Set<string>([text]);
  const inflect = typeof p === 'string' ? inflectDefault : (p.inflect ?? inflectDefault);
  if (inflect) for (const f of inflections(text)) out.add(f);
  if (typeof p !== 'string' && p.forms) for (const f of p.forms) out.add(f);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------------
// Per-check state

const SURROGATE = /[\ud800-\udfff]/;
// bit 0: ASCII letter, bit 1: upper case
const ASCII_CASE = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_CASE[c] = 3;
for (let c = 97; c <= 122; c++) ASCII_CASE[c] = 1;

class State {
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
      v = key === 0 ? baseView(this.text) : deriveView(this.view(0), key);
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
    this.marks = { text: s, hash, at, dollar, digitRuns, schemes: this.schemeStarts() };
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
      d = detect(name, this.view(0).text, this.detectMemo);
      this.detections.set(name, d);
    }
    return d;
  }

  guarded(): boolean {
    if (this.guard === null) {
      this.runProfile(0);
      const hits = this.srcHits[this.p.guardSource];
      if (!hits) this.guard = false;
      else {
        const ex = this.srcHits[this.p.guardExceptSource] ?? [];
        this.guard = false;
        for (let i = 0; i < hits.length && !this.guard; i += 2) {
          if (!inside(hits[i] as number, hits[i + 1] as number, ex)) this.guard = true;
        }
      }
    }
    return this.guard;
  }
}

function inside(s: number, e: number, ranges: number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2)
    if ((ranges[i] as number) <= s && (ranges[i + 1] as number) >= e) return true;
  return false;
}

/** Sort span pairs and drop exact duplicates. */
function sortSpans(sp: number[]): number[] {
  if (sp.length <= 2) return sp;
  let sorted = true;
  for (let i = 2; i < sp.length; i += 2) {
    const d = (sp[i] as number) - (sp[i - 2] as number) || (sp[i - 1] as number) - (sp[i + 1] as number);
    if (d <= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return sp;
  const idx: number[] = [];
  for (let i = 0; i < sp.length; i += 2) idx.push(i);
  idx.sort((a, b) => (sp[a] as number) - (sp[b] as number) || (sp[b + 1] as number) - (sp[a + 1] as number));
  const out: number[] = [];
  for (const i of idx) {
    const s = sp[i] as number;
    const e = sp[i + 1] as number;
    if (out.length && out[out.length - 2] === s && out[out.length - 1] === e) continue;
    out.push(s, e);
  }
  return out;
}

function toOriginal(view: View, spans: number[]): number[] {
  if (!view.segs && !view.ms) {
    // identity map: only drop empty spans
    let empty = false;
    for (let i = 0; i < spans.length; i += 2) if ((spans[i + 1] as number) <= (spans[i] as number)) empty = true;
    if (!empty) return spans.slice();
  }
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const s = origStart(view, spans[i] as number);
    const e = origEnd(view, spans[i + 1] as number);
    if (e > s) out.push(s, e);
  }
  return out;
}

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

// ---------------------------------------------------------------------------------------------------------------
// Compile

interface Builder {
  profiles: Map<number, { terms: Map<string, KeyEntry[]> }>;
  sources: number;
  dictSources: Map<string, number>;
  /** Matchers by definition and profile: rules that define the same matcher share one (and its per-check result). */
  matcherBySignature: Map<string, MatcherFn>;
  matchers: number;
  /** Shared key entries by (source, shadow, left, right). */
  entries: Map<number, KeyEntry>;
}

function addTerm(
  b: Builder,
  key: number,
  term: string,
  source: number,
  wordBoundary: boolean,
  shadow = 0,
  trim = true,
): void {
  const folded = normalizeTerm(term, key);
  const norm = trim ? folded.trim() : folded;
  if (!norm) return;
  if (key !== 0 && shadow === 0) addTermNormalized(b, 0, norm, source, wordBoundary, key);
  addTermNormalized(b, key, norm, source, wordBoundary, shadow);
}

function addTermNormalized(
  b: Builder,
  key: number,
  norm: string,
  source: number,
  wordBoundary: boolean,
  shadow: number,
): void {
  let prof = b.profiles.get(key);
  if (!prof) {
    prof = { terms: new Map() };
    b.profiles.set(key, prof);
  }
  const left = wordBoundary && isWordAt(norm, 0) && !isNoSpaceScriptAt(norm, 0);
  const right = wordBoundary && isWordAt(norm, norm.length - 1) && !isNoSpaceScriptAt(norm, norm.length - 1);
  // Entries are immutable and few distinct ones exist (per source): share them instead of one object per term.
  const id = ((source * 8 + shadow) << 2) | (left ? 2 : 0) | (right ? 1 : 0);
  let entry = b.entries.get(id);
  if (!entry) {
    entry = { source, left, right, shadow };
    b.entries.set(id, entry);
  }
  const list = prof.terms.get(norm);
  if (!list) {
    prof.terms.set(norm, [entry]);
    return;
  }
  if (!list.includes(entry)) list.push(entry);
}

function dictSource(
  b: Builder,
  pack: PolicyPack,
  name: string,
  key: number,
  boundary: boolean,
  path: string,
  ruleId: string,
): number {
  const id = `${name}:${key}:${boundary}`;
  const known = b.dictSources.get(id);
  if (known !== undefined) return known;
  const dict = pack.dictionaries[name];
  if (!dict) throw new CompileError([{ ruleId, path, message: `unknown dictionary "${name}"` }]);
  const src = b.sources++;
  b.dictSources.set(id, src);
  for (const e of dict.entries) {
    if (typeof e === 'string') addTerm(b, key, e, src, boundary);
    else for (const f of phraseForms(e, false)) addTerm(b, key, f, src, boundary);
  }
  return src;
}

function condMatchers(c: Cond, out: string[]): void {
  if ('has' in c) out.push(c.has);
  else if ('count' in c) out.push(c.count);
  else if ('near' in c) out.push(c.near[0], c.near[1]);
  else if ('position' in c) out.push(c.position);
  else if ('not' in c) condMatchers(c.not, out);
  else if ('all' in c) for (const x of c.all) condMatchers(x, out);
  else if ('any' in c) for (const x of c.any) condMatchers(x, out);
}

function compileMatcher(
  b: Builder,
  pack: PolicyPack,
  rule: Rule,
  name: string,
  m: Matcher,
  key: number,
  errors: Array<{ ruleId?: string; path: string; message: string }>,
  ri: number,
): MatcherFn | null {
  const path = `rules[${ri}].matchers.${name}`;
  const signature = `${key}\u0000${JSON.stringify(m)}`;
  const known = b.matcherBySignature.get(signature);
  if (known) return known;
  const errorsBefore = errors.length;
  const fn = compileMatcherFn(b, pack, rule, m, key, errors, path);
  if (fn && errors.length === errorsBefore) b.matcherBySignature.set(signature, fn);
  return fn;
}

function compileMatcherFn(
  b: Builder,
  pack: PolicyPack,
  rule: Rule,
  m: Matcher,
  key: number,
  errors: Array<{ ruleId?: string; path: string; message: string }>,
  path: string,
): MatcherFn | null {
  const id = b.matchers++;
  if (m.kind === 'phrases') {
    const word = m.boundary === 'word';
    const sources: number[] = [];
    if (m.phrases.length) {
      const src = b.sources++;
      sources.push(src);
      for (const p of m.phrases) for (const f of phraseForms(p, m.inflect)) addTerm(b, key, f, src, word);
    }
    const except: number[] = [];
    try {
      for (const d of m.dicts) sources.push(dictSource(b, pack, d, key, word, `${path}.dicts`, rule.id));
      for (const d of m.exceptionDicts)
        except.push(dictSource(b, pack, d, key, false, `${path}.exceptionDicts`, rule.id));
    } catch (e) {
      if (e instanceof CompileError) errors.push(...e.errors);
      return null;
    }
    if (m.exceptions.length) {
      const src = b.sources++;
      except.push(src);
      for (const p of m.exceptions) for (const f of phraseForms(p, false)) addTerm(b, key, f, src, false);
    }
    return (st) => {
      const cached = st.matcherHits[id];
      if (cached !== undefined) return cached;
      st.runProfile(key);
      let raw: number[] | undefined;
      for (const s of sources) {
        const h = st.srcHits[s];
        if (!h) continue;
        raw = raw ? raw.concat(h) : h; // never changed in place: sources' arrays stay as they are
      }
      if (!raw) {
        st.matcherHits[id] = NO_HITS;
        return NO_HITS;
      }
      let ex: number[] | undefined;
      for (const s of except) {
        const h = st.srcHits[s];
        if (h) ex = ex ? ex.concat(h) : h;
      }
      if (ex) {
        const kept: number[] = [];
        for (let i = 0; i < raw.length; i += 2) {
          if (!inside(raw[i] as number, raw[i + 1] as number, ex)) kept.push(raw[i] as number, raw[i + 1] as number);
        }
        raw = kept;
      }
      let out = raw.length ? sortSpans(toOriginal(st.hitView(key), raw)) : NO_HITS;
      if (out.length) {
        // Words inside links (acme.com/blog, github.com/acme) and e-mail addresses (jane@acme.com) are not mentions.
        const urls = st.linkSpans();
        if (urls.length) {
          const kept: number[] = [];
          for (let i = 0; i < out.length; i += 2) {
            if (!inside(out[i] as number, out[i + 1] as number, urls))
              kept.push(out[i] as number, out[i + 1] as number);
          }
          out = kept;
        }
      }
      st.matcherHits[id] = out;
      return out;
    };
  }
  if (m.kind === 'pattern') {
    let cp: CompiledPattern;
    try {
      cp = compilePattern(m.pattern);
    } catch (e) {
      errors.push({
        ruleId: rule.id,
        path: `${path}.pattern`,
        message: e instanceof PatternError ? e.message : String(e),
      });
      return null;
    }
    let trigger = -1;
    if (cp.literal) {
      trigger = b.sources++;
      addTerm(b, key, cp.literal, trigger, false, 0, false); // keep spaces: " ext" must not fire on "next"
    }
    const word = m.boundary === 'word';
    // Base-profile patterns that start with an ASCII literal (folding leaves it as it is) run from its occurrences.
    const fromLiteral = trigger >= 0 && key === 0 && cp.literalAtStart && /^[\x20-\x7e]+$/.test(cp.literal ?? '');
    return (st) => {
      const cached = st.matcherHits[id];
      if (cached !== undefined) return cached;
      let out: number[] = [];
      if (trigger >= 0) st.runProfile(key);
      if (trigger < 0 || st.srcHits[trigger]) {
        const view = st.view(key);
        const raw: number[] = [];
        const s = view.text;
        const keep = (a: number, e: number) => {
          if (word) {
            if (isWordAt(s, a) && isWordAt(s, a - 1) && !isNoSpaceScriptAt(s, a)) return;
            if (isWordAt(s, e - 1) && isWordAt(s, e) && !isNoSpaceScriptAt(s, e - 1)) return;
          }
          raw.push(a, e);
        };
        const occurrences = fromLiteral ? st.srcHits[trigger] : undefined;
        if (occurrences) {
          // Every match starts with the literal: search only from its occurrences (ascending), never re-scanning
          // the text before them. Same matches, in the same order, as a scan from the start.
          const mm = cp.re.matcher(s);
          let from = 0;
          for (let j = 0; j < occurrences.length; j += 2) {
            const at = occurrences[j] as number;
            if (at < from) continue;
            if (!mm.find(at)) break;
            const a = mm.start();
            const e = mm.end();
            from = e > a ? e : a + 1;
            if (e > a) keep(a, e);
          }
        } else if (cp.re.test(s)) {
          const mm = cp.re.matcher(s);
          while (mm.find()) {
            const a = mm.start();
            const e = mm.end();
            if (e > a) keep(a, e);
          }
        }
        out = sortSpans(toOriginal(view, raw));
      }
      st.matcherHits[id] = out;
      return out;
    };
  }
  // detector
  const det = m.detector;
  const listOf = (names: string[] | undefined, extra?: string[]): Set<string> | null => {
    if (!names && !extra) return null;
    const set = new Set<string>();
    for (const n of names ?? []) {
      const d = pack.dictionaries[n];
      if (!d) {
        errors.push({ ruleId: rule.id, path, message: `unknown dictionary "${n}"` });
        continue;
      }
      for (const e of d.entries)
        set.add(
          foldString(phraseText(e))
            .replace(/^[#$@]/, '')
            .trim(),
        );
    }
    for (const e of extra ?? []) set.add(foldString(e).trim());
    return set;
  };
  const domainsIn = listOf(m.domainsIn, m.domains);
  const domainsNotIn = listOf(m.domainsNotIn);
  const tagsIn = listOf(m.tagsIn);
  const missing = m.missingParams;
  const min = m.min;
  const domainMatches = (domain: string, set: Set<string>) => {
    if (set.has(domain)) return true;
    for (const d of set) if (domain.endsWith(`.${d}`)) return true;
    return false;
  };
  return (st) => {
    const cached = st.matcherHits[id];
    if (cached !== undefined) return cached;
    const d = st.detection(det);
    const raw: number[] = [];
    for (let i = 0; i < d.values.length; i++) {
      const v = d.values[i];
      if (tagsIn && !tagsIn.has(String(v))) continue;
      if (min !== undefined) {
        const num = typeof v === 'number' ? v : parseNumber(String(v ?? ''));
        if (!(Math.abs(num) >= min)) continue;
      }
      if (det === 'url') {
        const domain = String(v);
        if (domainsIn && !domainMatches(domain, domainsIn)) continue;
        if (domainsNotIn && domainMatches(domain, domainsNotIn)) continue;
        if (missing) {
          const url = d.extra?.[i] ?? '';
          const q = url.indexOf('?');
          const query = q < 0 ? '' : url.slice(q + 1).split('#')[0];
          const have = new Set((query ?? '').split('&').map((kv) => kv.split('=')[0]));
          if (missing.every((p) => have.has(p))) continue;
        }
      }
      raw.push(d.spans[i * 2] as number, d.spans[i * 2 + 1] as number);
    }
    const out = sortSpans(toOriginal(st.view(0), raw));
    st.matcherHits[id] = out;
    return out;
  };
}

function checkCondRefs(
  c: Cond,
  rule: Rule,
  ri: number,
  path: string,
  pack: PolicyPack,
  errors: Array<{ ruleId?: string; path: string; message: string }>,
): void {
  const names: string[] = [];
  condMatchers(c, names);
  for (const n of names) {
    if (!rule.matchers[n])
      errors.push({ ruleId: rule.id, path: `rules[${ri}].${path}`, message: `unknown matcher "${n}"` });
  }
  const walk = (x: Cond) => {
    if ('calendar' in x && !pack.calendars[x.calendar])
      errors.push({ ruleId: rule.id, path: `rules[${ri}].${path}`, message: `unknown calendar "${x.calendar}"` });
    if ('not' in x) walk(x.not);
    if ('all' in x) x.all.forEach(walk);
    if ('any' in x) x.any.forEach(walk);
  };
  walk(c);
}

// Event tables by the set of profiles in a pack (a bit per profile key): few distinct sets, built once.
const eventTables = new Map<number, Uint8Array>();
function eventUnits(profileMask: number): Uint8Array {
  let t = eventTables.get(profileMask);
  if (!t) {
    t = new Uint8Array(65536);
    for (const c of '0123456789#@$!') t[c.charCodeAt(0)] = 1;
    for (let key = 1; key < 8; key++) if (profileMask & (1 << key)) markProfileUnits(t, key);
    eventTables.set(profileMask, t);
  }
  return t;
}

export function compileUncached(pack: PolicyPack): CompiledPolicy {
  const errors: Array<{ ruleId?: string; path: string; message: string }> = [];
  const b: Builder = {
    profiles: new Map(),
    sources: 0,
    dictSources: new Map(),
    matcherBySignature: new Map(),
    matchers: 0,
    entries: new Map(),
  };
  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  pack.rules.forEach((rule, ri) => {
    if (seen.has(rule.id)) errors.push({ ruleId: rule.id, path: `rules[${ri}].id`, message: 'duplicate rule id' });
    seen.add(rule.id);
    const key = profileKey(rule.normalize);
    const matchers = new Map<string, MatcherFn>();
    for (const [name, m] of Object.entries(rule.matchers)) {
      const fn = compileMatcher(b, pack, rule, name, m, key, errors, ri);
      if (fn) matchers.set(name, fn);
    }
    checkCondRefs(rule.when, rule, ri, 'when', pack, errors);
    if (rule.unless) checkCondRefs(rule.unless, rule, ri, 'unless', pack, errors);
    rule.escalate.forEach((x, i) => {
      checkCondRefs(x.when, rule, ri, `escalate[${i}].when`, pack, errors);
    });
    if (rule.report && !rule.matchers[rule.report])
      errors.push({ ruleId: rule.id, path: `rules[${ri}].report`, message: `unknown matcher "${rule.report}"` });
    const guard = rule.protectedActivityGuard ?? (rule.category === 'conduct' || rule.category === 'confidential');
    rules.push({
      rule,
      index: ri,
      matchers,
      guard,
      when: compileCond(pack, matchers, rule.when),
      unless: rule.unless ? compileCond(pack, matchers, rule.unless) : null,
      escalate: rule.escalate.map((x) => ({ severity: x.severity, when: compileCond(pack, matchers, x.when) })),
    });
  });
  if (errors.length) throw new CompileError(errors);
  const guardSource = b.sources++;
  for (const p of PROTECTED) addTerm(b, 0, p, guardSource, true);
  const guardExceptSource = b.sources++;
  for (const p of PROTECTED_EXCEPT) addTerm(b, 0, p, guardExceptSource, true);
  const schemeSource = b.sources++;
  for (const p of URL_SCHEMES) addTerm(b, 0, p, schemeSource, false);

  const profiles = new Map<number, ProfileIndex>();
  // The base pass also reports the units detectors and derived profiles look for, so they need no scan of their own.
  let profileMask = 0;
  for (const key of b.profiles.keys()) profileMask |= 1 << key;
  const events = eventUnits(profileMask);
  if (!b.profiles.has(0)) b.profiles.set(0, { terms: new Map() });
  for (const [key, prof] of b.profiles) {
    const terms = [...prof.terms.keys()];
    const automaton = buildAutomaton(terms, key === 0 ? { unique: true, events } : true);
    const keys = automaton.keys;
    const entries: KeyEntry[][] = new Array(keys.length);
    const keyLen = new Int32Array(keys.length);
    let maxLen = 0;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k] as string;
      entries[k] = prof.terms.get(key) ?? [];
      keyLen[k] = key.length;
      if (key.length > maxLen) maxLen = key.length;
    }
    profiles.set(key, { key, terms, entries, automaton, maxLen, keyLen });
  }
  const firstCompany = pack.dictionaries.companyNames?.entries[0];
  const company = firstCompany ? phraseText(firstCompany) : 'the company';
  const internals: Internals = {
    version: pack.version,
    pack,
    profiles,
    rules,
    guardSource,
    guardExceptSource,
    schemeSource,
    sourceCount: b.sources,
    matcherCount: b.matchers,
    company,
    disclosureTag: pack.settings.disclosureTag ?? `#${company.replace(/[^\p{L}\p{N}]/gu, '')}Employee`,
  };
  const policy: CompiledPolicy = Object.freeze({ version: pack.version });
  POLICIES.set(policy, internals);
  return policy;
}

/** Compile a pack once (cached by id + version; pass { cache: false } to force). Throws CompileError. */
export function compile(pack: PolicyPack, options: { cache?: boolean } = {}): CompiledPolicy {
  const cacheKey = `${pack.id}\u0000${pack.version}`;
  if (options.cache !== false) {
    const hit = CACHE.get(cacheKey);
    if (hit && POLICIES.get(hit)?.pack === pack) return hit;
    if (hit && JSON.stringify(POLICIES.get(hit)?.pack) === JSON.stringify(pack)) return hit;
  }
  const policy = compileUncached(pack);
  if (options.cache !== false) {
    if (CACHE.size > 32) CACHE.clear();
    CACHE.set(cacheKey, policy);
  }
  return policy;
}

// ---------------------------------------------------------------------------------------------------------------
// Check

function countCodePoints(s: string): number {
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

type MetricCond = Extract<Cond, { metric: unknown }>;

function metricValue(st: State, metric: MetricCond): number {
  const t = st.text;
  switch (metric.metric) {
    case 'chars':
      // code points <= UTF-16 length, so short texts need no count; without surrogates they are equal
      if ((metric.op === '>' && t.length <= metric.value) || (metric.op === '>=' && t.length < metric.value))
        return t.length;
      if (!SURROGATE.test(t)) return t.length;
      return countCodePoints(t);
    case 'xWeightedLength': {
      // Cheap upper bound first: 2 per unit + 23 per possible link.
      let dots = 0;
      for (let i = t.indexOf('.'); i >= 0 && dots < 1000; i = t.indexOf('.', i + 1)) dots++;
      if (t.length * 2 + dots * 23 <= metric.value && (metric.op === '>' || metric.op === '>=')) return t.length * 2;
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

/** Hits of `a` within `within` words of some hit of `b` (both sorted). */
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

function nearFilter(st: State, a: number[], b: number[], within: number): number[] {
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
    if (ok) out.push(as, ae);
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

const NO_HITS: number[] = [];
const noHits: MatcherFn = () => NO_HITS;

/** A condition as a closure over its matchers (same meaning as evalCond, without walking the tree per check). */
function compileCond(pack: PolicyPack, matchers: Map<string, MatcherFn>, c: Cond): CondFn {
  const m = (name: string): MatcherFn => matchers.get(name) ?? noHits;
  if ('has' in c) {
    const f = m(c.has);
    return (st) => f(st).length > 0;
  }
  if ('count' in c) {
    const f = m(c.count);
    const { op, n } = c;
    return (st) => compare(f(st).length / 2, op, n);
  }
  if ('near' in c) {
    const fa = m(c.near[0]);
    const fb = m(c.near[1]);
    const within = c.within;
    return (st) => {
      const a = fa(st);
      if (!a.length) return false;
      return nearFilter(st, a, fb(st), within).length > 0;
    };
  }
  if ('position' in c) {
    const f = m(c.position);
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
  if ('metric' in c) return (st) => compare(metricValue(st, c), c.op, c.value);
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
  if ('not' in c) {
    const f = compileCond(pack, matchers, c.not);
    return (st) => !f(st);
  }
  if ('all' in c) {
    const fs = c.all.map((x) => compileCond(pack, matchers, x));
    return (st) => {
      for (const f of fs) if (!f(st)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const fs = c.any.map((x) => compileCond(pack, matchers, x));
    return (st) => {
      for (const f of fs) if (f(st)) return true;
      return false;
    };
  }
  return () => false;
}

function matcherHits(st: State, rule: CompiledRule, name: string): number[] {
  const fn = rule.matchers.get(name);
  return fn ? fn(st) : [];
}

function evalCond(st: State, rule: CompiledRule, c: Cond): boolean {
  if ('has' in c) return matcherHits(st, rule, c.has).length > 0;
  if ('count' in c) return compare(matcherHits(st, rule, c.count).length / 2, c.op, c.n);
  if ('near' in c) {
    const a = matcherHits(st, rule, c.near[0]);
    if (!a.length) return false;
    const b = matcherHits(st, rule, c.near[1]);
    return nearFilter(st, a, b, c.within).length > 0;
  }
  if ('position' in c) {
    const h = matcherHits(st, rule, c.position);
    if (!h.length) return false;
    if (c.where === 'afterChars') {
      for (let i = 0; i < h.length; i += 2) if ((h[i] as number) < (c.chars ?? 0)) return false;
      return true;
    }
    const clusters = hashtagClusters(st);
    for (let i = 0; i < h.length; i += 2) if (!inside(h[i] as number, h[i + 1] as number, clusters)) return false;
    return true;
  }
  if ('metric' in c) return compare(metricValue(st, c), c.op, c.value);
  if ('calendar' in c) {
    const windows = st.p.pack.calendars[c.calendar] ?? [];
    if (!windows.length) return false;
    const stamp = localStamp(st.ctx.now ?? Date.now(), st.p.pack.settings.timeZone ?? 'UTC');
    for (const w of windows) {
      const start = w.start.length === 10 ? `${w.start}T00:00` : w.start;
      const end = w.end.length === 10 ? `${w.end}T23:59` : w.end;
      if (stamp >= start && stamp <= end) return true;
    }
    return false;
  }
  if ('network' in c) return c.network.includes(st.ctx.network);
  if ('postKind' in c) return c.postKind.includes(st.ctx.postKind);
  if ('not' in c) return !evalCond(st, rule, c.not);
  if ('all' in c) return c.all.every((x) => evalCond(st, rule, x));
  if ('any' in c) return c.any.some((x) => evalCond(st, rule, x));
  return false;
}

interface Report {
  spans: number[];
  value?: number;
  limit?: number;
}

/** The spans a firing rule highlights: its `report` matcher, else the first positive leaf of `when`. */
function reportSpans(st: State, rule: CompiledRule): Report {
  const r = rule.rule;
  if (r.report) return { spans: matcherHits(st, rule, r.report) };
  return leafReport(st, rule, r.when) ?? { spans: st.text.length ? [0, st.text.length] : [] };
}

function leafReport(st: State, rule: CompiledRule, c: Cond): Report | null {
  if ('has' in c) {
    const h = matcherHits(st, rule, c.has);
    return h.length ? { spans: h } : null;
  }
  if ('count' in c) {
    const h = matcherHits(st, rule, c.count);
    return h.length ? { spans: h, value: h.length / 2, limit: c.n } : null;
  }
  if ('position' in c) {
    const h = matcherHits(st, rule, c.position);
    return h.length ? { spans: h } : null;
  }
  if ('near' in c) {
    const h = nearFilter(st, matcherHits(st, rule, c.near[0]), matcherHits(st, rule, c.near[1]), c.within);
    return h.length ? { spans: h } : null;
  }
  if ('metric' in c) {
    if (!evalCond(st, rule, c)) return null;
    const value = metricValue(st, c);
    const t = st.text;
    if (c.metric === 'chars' && (c.op === '>' || c.op === '>=')) {
      const from = offsetOfCodePoint(t, c.op === '>' ? c.value : Math.max(0, c.value - 1));
      return { spans: [Math.min(from, t.length - 1), t.length], value, limit: c.value };
    }
    if (c.metric === 'xWeightedLength') {
      st.weighted ??= twitter.parseTweet(t);
      const from = Math.min(st.weighted.validRangeEnd + 1, t.length - 1);
      return { spans: [Math.max(0, from), t.length], value, limit: c.value };
    }
    if (c.metric === 'hashtags' || c.metric === 'mentions') {
      const d = st.detection(c.metric === 'hashtags' ? 'hashtag' : 'mention');
      return { spans: toOriginal(st.view(0), d.spans), value, limit: c.value };
    }
    return { spans: [0, t.length], value, limit: c.value };
  }
  if ('all' in c) {
    for (const x of c.all) {
      const got = leafReport(st, rule, x);
      if (got) return got;
    }
    return null;
  }
  if ('any' in c) {
    for (const x of c.any) {
      if (!evalCond(st, rule, x)) continue;
      const got = leafReport(st, rule, x);
      if (got) return got;
    }
    return null;
  }
  return null;
}

function mergeSpans(sp: number[]): number[] {
  const s = sortSpans(sp);
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 2) {
    const a = s[i] as number;
    const e = s[i + 1] as number;
    if (out.length && a < (out[out.length - 1] as number)) {
      out[out.length - 1] = Math.max(out[out.length - 1] as number, e);
    } else out.push(a, e);
  }
  return out;
}

const NETWORK_LABEL: Record<Network, string> = { linkedin: 'LinkedIn', x: 'X' };

// Templates are split once into literal and placeholder parts (odd indices are placeholder names).
const templates = new Map<string, string[]>();
function templateParts(tpl: string): string[] {
  let parts = templates.get(tpl);
  if (!parts) {
    parts = tpl.split(/\{([a-zA-Z]+)\}/);
    if (templates.size > 5000) templates.clear();
    templates.set(tpl, parts);
  }
  return parts;
}

function render(tpl: string, vars: Record<string, string>): string {
  const parts = templateParts(tpl);
  if (parts.length === 1) return tpl;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (i % 2 === 0) out += p;
    else out += p in vars ? (vars[p] as string) : `{${p}}`;
  }
  return out;
}

const SPACES = /\s+/g;
const ODD_SPACE = /[\t\n\r\f\v\u00a0\u2000-\u200a\u2028\u2029\u3000]| {2}/;
function shorten(s: string, n = 80): string {
  const cut = s.length > n * 2 ? s.slice(0, n * 2) : s;
  const one = ODD_SPACE.test(cut) ? cut.replace(SPACES, ' ') : cut;
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function matchCase(original: string, replacement: string): string {
  if (!replacement) return replacement;
  const first = original.charAt(0);
  if (first && first !== first.toLowerCase() && original !== original.toUpperCase()) {
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  }
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) {
    return replacement.toUpperCase();
  }
  return replacement;
}

function removalRange(text: string, s: number, e: number): [number, number] {
  if (text.charAt(e) === ' ') return [s, e + 1];
  if (s > 0 && text.charAt(s - 1) === ' ') return [s - 1, e];
  return [s, e];
}

function buildFixes(st: State, fixes: Fix[], s: number, e: number, vars: Record<string, string>): FindingFix[] {
  const t = st.text;
  const out: FindingFix[] = [];
  const matched = t.slice(s, e);
  for (const f of fixes) {
    switch (f.kind) {
      case 'replace': {
        let rep: string | undefined;
        if (typeof f.with === 'string') rep = render(f.with, vars);
        else {
          const k = foldString(matched).trim();
          const found = f.with[k];
          if (found !== undefined) rep = render(found, vars);
        }
        if (rep === undefined) break;
        rep = matchCase(matched, rep);
        if (rep === matched) break;
        out.push({
          label: f.label ? render(f.label, vars) : rep ? `Replace with “${shorten(rep, 60)}”` : 'Remove it',
          edits: [{ start: s, end: e, text: rep }],
        });
        break;
      }
      case 'remove': {
        const [a, b] = removalRange(t, s, e);
        out.push({ label: f.label ?? 'Remove it', edits: [{ start: a, end: b, text: '' }] });
        break;
      }
      case 'mask': {
        const cps = [...matched];
        const masked = (cps[0] ?? '') + '*'.repeat(Math.max(0, cps.length - 1));
        out.push({ label: f.label ?? 'Mask it', edits: [{ start: s, end: e, text: masked }] });
        break;
      }
      case 'insert': {
        const text = render(f.text, vars);
        if (t.includes(text)) break;
        let edit: TextEdit;
        if (f.at === 'start') {
          edit = { start: 0, end: 0, text: `${text} ` };
        } else if (f.at === 'end') {
          const p = t.trimEnd().length;
          edit = { start: p, end: p, text: p === 0 ? text : ` ${text}` };
        } else {
          const m = /[.!?](?=\s)|\n/.exec(t);
          if (!m) {
            const p = t.trimEnd().length;
            edit = { start: p, end: p, text: ` ${text}` };
          } else if (m[0] === '\n') edit = { start: m.index, end: m.index, text: ` ${text}` };
          else edit = { start: m.index + 1, end: m.index + 1, text: ` ${text}` };
        }
        out.push({ label: f.label ? render(f.label, vars) : `Add “${shorten(text, 60)}”`, edits: [edit] });
        break;
      }
      case 'moveToStart': {
        if (s === 0) break;
        const [a, b] = removalRange(t, s, e);
        out.push({
          label: f.label ?? 'Move it to the start',
          edits: [
            { start: 0, end: 0, text: `${matched} ` },
            { start: a, end: b, text: '' },
          ],
        });
        break;
      }
      case 'appendUtm': {
        const hash = matched.indexOf('#');
        const base = hash < 0 ? matched : matched.slice(0, hash);
        const q = base.indexOf('?');
        const have = new Set(
          (q < 0 ? '' : base.slice(q + 1))
            .split('&')
            .map((kv) => kv.split('=')[0])
            .filter(Boolean),
        );
        const add = Object.entries(f.params)
          .filter(([k]) => !have.has(k))
          .map(([k, v]) => `${k}=${encodeURIComponent(render(v, vars))}`);
        if (!add.length) break;
        const sep = q < 0 ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
        const at = s + base.length;
        out.push({
          label: f.label ?? 'Add tracking to the link',
          edits: [{ start: at, end: at, text: sep + add.join('&') }],
        });
        break;
      }
    }
  }
  return out.slice(0, 10);
}

function inScope(rule: Rule, ctx: CheckContext): boolean {
  const sc = rule.scope;
  if (sc.networks && !sc.networks.includes(ctx.network)) return false;
  if (sc.postKinds && !sc.postKinds.includes(ctx.postKind)) return false;
  if (sc.businessUnits && !(ctx.businessUnit && sc.businessUnits.includes(ctx.businessUnit))) return false;
  return true;
}

function runRule(st: State, cr: CompiledRule, out: Finding[]): void {
  const rule = cr.rule;
  if (!inScope(rule, st.ctx)) return;
  if (!cr.when(st)) return;
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
      fixes: buildFixes(st, rule.fixes, s, e, vars),
    });
  }
}

/** Check a draft. Never throws: a failing rule is skipped, a failing check returns []. */
export function check(policy: CompiledPolicy, text: string, ctx: CheckContext): Finding[] {
  const p = POLICIES.get(policy);
  if (!p || typeof text !== 'string' || text.length === 0) return [];
  try {
    const st = new State(p, text, ctx ?? { network: 'linkedin', postKind: 'post' });
    const out: Finding[] = [];
    for (const cr of p.rules) {
      try {
        runRule(st, cr, out);
      } catch {
        // one broken rule must not hide the others
      }
    }
    out.sort(
      (a, b) =>
        a.start - b.start ||
        a.end - b.end ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    return out;
  } catch {
    return [];
  }
}

/** For benches: time spent per rule over a set of texts (ms, summed), to find slow rules. */
export function ruleTimings(policy: CompiledPolicy, texts: string[], ctx: CheckContext): Map<string, number> {
  const p = POLICIES.get(policy);
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

/** For validation and tooling: the pack a compiled policy came from. */
export function packOf(policy: CompiledPolicy): PolicyPack | undefined {
  return POLICIES.get(policy)?.pack;
}
/** For benches: the automaton sizes per normalisation profile. */
export function statsOf(policy: CompiledPolicy): { profiles: Array<{ key: number; terms: number; nodes: number }> } {
  const p = POLICIES.get(policy);
  return {
    profiles: p
      ? [...p.profiles.values()].map((x) => ({ key: x.key, terms: x.terms.length, nodes: x.automaton.size }))
      : [],
  };
}
/** For benches: the normalised terms of one profile's automaton (0 = the base profile). */
export function termsOf(policy: CompiledPolicy, key = 0): string[] {
  return POLICIES.get(policy)?.profiles.get(key)?.terms ?? [];
}
