// Compile: a pack becomes one Aho-Corasick automaton per normalisation profile (phrases, dictionaries, pattern
// literals, the protected-activity phrases) plus a closure per matcher and condition. Compiled policies are cached.

import { buildAutomaton } from './aho';
import { compileCond } from './conditions';
import { isRoleMailbox, parseNumber, URL_SCHEMES } from './detectors';
import { bindEvasionKeys, type EvasionTerm, evasionKeys } from './evasion';
import { foldString, isNoSpaceScriptAt, isWordAt, markProfileUnits, normalizeTerm, profileKey } from './normalize';
import { NUMBER_UNITS } from './number-words';
import { type CompiledPattern, compilePattern, PatternError } from './patterns';
import { guardsProtectedActivity, PROTECTED, PROTECTED_EXCEPT } from './protected';
import type { Cond, Matcher, Phrase, PolicyPack, Rule } from './schema';
import {
  ENTITY_DICTIONARIES,
  type EntityKind,
  loadSemanticModel,
  SEMANTIC_CATEGORIES,
  type SemanticModel,
  type SemanticModelFile,
} from './semantic';
import semanticModelFile from './semantic-model.json';
import { inside, NO_HITS, sortSpans, toOriginal } from './spans';
import { semanticDecides } from './state';
import {
  type CompiledPolicy,
  type CompiledRule,
  CompileError,
  type Internals,
  type KeyEntry,
  type MatcherFn,
  type ProfileIndex,
} from './types';

const POLICIES = new WeakMap<CompiledPolicy, Internals>();
const CACHE = new Map<string, CompiledPolicy>();

/** The compiled form behind a policy handle (undefined for a handle compile() did not make). */
export function internalsOf(policy: CompiledPolicy): Internals | undefined {
  return POLICIES.get(policy);
}

// ---------------------------------------------------------------------------------------------------------------
// Phrases and inflections

function phraseText(p: Phrase): string {
  return typeof p === 'string' ? p : p.text;
}

const VOWEL = /[aeiou]/;
/** Simple English inflections of the last word: -s, -es, -ed, -ing, 's (over-generation is harmless). */
function inflections(phrase: string): string[] {
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
// Builder

interface Builder {
  profiles: Map<number, { terms: Map<string, KeyEntry[]> }>;
  sources: number;
  dictSources: Map<string, number>;
  /** Matchers by definition and profile: rules that define the same matcher share one (and its per-check result). */
  matcherBySignature: Map<string, MatcherFn>;
  matchers: number;
  /** Shared key entries by (source, shadow, left, right). */
  entries: Map<number, KeyEntry>;
  /** Terms whose evasive spellings are searched too (owner = matcher id). */
  evasionTerms: EvasionTerm[];
  /** Some rule has a semantic matcher. */
  semantic: boolean;
}

// Dictionaries of names (evasion-proof by default, and masked as entities for the semantic layer).
const ENTITY_DICT_NAMES = new Set(ENTITY_DICTIONARIES.map(([d]) => d));
// Rule categories whose phrase lists are risk lexicons (evasion-proof by default).
const LEXICON_CATEGORIES = new Set(['conduct', 'confidential', 'legal', 'security']);

/** Whether a phrases matcher also looks for evasive spellings, and with masked letters. */
function evasionsOf(rule: Rule, m: Matcher): { on: boolean; masks: boolean } {
  if (m.kind !== 'phrases') return { on: false, masks: false };
  const lexicon = LEXICON_CATEGORIES.has(rule.category) && (m.phrases.length > 0 || m.dicts.length > 0);
  const on = m.evasions ?? (lexicon || m.dicts.some((d) => ENTITY_DICT_NAMES.has(d)));
  return { on, masks: on && rule.category === 'conduct' };
}

/** The shipped model's default threshold per category (chosen on the dev half for precision). */
export const SEMANTIC_THRESHOLDS: Readonly<Record<string, number>> = (semanticModelFile as SemanticModelFile)
  .thresholds;

let semanticModel: SemanticModel | undefined;
/** The shipped model, decoded on first use (only packs with a semantic rule pay for it). */
function shippedSemanticModel(): SemanticModel {
  semanticModel ??= loadSemanticModel(semanticModelFile as SemanticModelFile);
  return semanticModel;
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

// ---------------------------------------------------------------------------------------------------------------
// Matchers

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
  const evasions = evasionsOf(rule, m);
  const signature = `${key}\u0000${evasions.on}${evasions.masks}\u0000${JSON.stringify(m)}`;
  const known = b.matcherBySignature.get(signature);
  if (known) return known;
  const errorsBefore = errors.length;
  const fn = compileMatcherFn(b, pack, rule, m, key, errors, path, evasions);
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
  evasions: { on: boolean; masks: boolean },
): MatcherFn | null {
  const id = b.matchers++;
  if (m.kind === 'semantic') {
    b.semantic = true;
    const k = SEMANTIC_CATEGORIES.indexOf(m.category);
    const explicit = m.threshold;
    return (st) => {
      const cached = st.matcherHits[id];
      if (cached !== undefined) return cached;
      const sem = st.semantic();
      const model = st.p.semantic?.model;
      const out =
        sem && model
          ? semanticDecides(sem, k, model.modes[m.category], explicit ?? model.thresholds[m.category] ?? 1)
          : [];
      st.matcherHits[id] = out;
      return out;
    };
  }
  if (m.kind === 'phrases') {
    const word = m.boundary === 'word';
    const sources: number[] = [];
    const evasive = (text: string) => {
      if (evasions.on) b.evasionTerms.push({ text, owner: id, masks: evasions.masks });
    };
    if (m.phrases.length) {
      const src = b.sources++;
      sources.push(src);
      for (const p of m.phrases)
        for (const f of phraseForms(p, m.inflect)) {
          addTerm(b, key, f, src, word);
          evasive(f);
        }
    }
    if (evasions.on) {
      for (const d of m.dicts)
        for (const e of pack.dictionaries[d]?.entries ?? []) for (const f of phraseForms(e, false)) evasive(f);
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
      const evaded = evasions.on ? st.evasion(id) : undefined;
      if (!raw && !evaded) {
        st.matcherHits[id] = NO_HITS;
        return NO_HITS;
      }
      let ex: number[] | undefined;
      for (const s of except) {
        const h = st.srcHits[s];
        if (h) ex = ex ? ex.concat(h) : h;
      }
      if (ex && raw) {
        const kept: number[] = [];
        for (let i = 0; i < raw.length; i += 2) {
          if (!inside(raw[i] as number, raw[i + 1] as number, ex)) kept.push(raw[i] as number, raw[i + 1] as number);
        }
        raw = kept;
      }
      let out = raw?.length ? toOriginal(st.hitView(key), raw) : [];
      if (evaded) {
        // Evasive spellings are in original offsets already; the allow-list applies to them too.
        const exOrig = ex ? toOriginal(st.hitView(key), ex) : undefined;
        for (let i = 0; i < evaded.length; i += 2) {
          const a = evaded[i] as number;
          const e = evaded[i + 1] as number;
          if (!exOrig || !inside(a, e, exOrig)) out.push(a, e);
        }
      }
      out = out.length ? sortSpans(out) : NO_HITS;
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
  const personal = m.personal === true && det === 'email';
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
      if (personal) {
        const text = st.view(0).text.slice(d.spans[i * 2] as number, d.spans[i * 2 + 1] as number);
        if (isRoleMailbox(text)) continue;
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

// ---------------------------------------------------------------------------------------------------------------
// Compile

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

export interface CompileOptions {
  /** Use a cached policy for the same id + version (default true). */
  cache?: boolean;
  /** The semantic layer's model (default: the shipped one); for training and evaluation. */
  semanticModel?: SemanticModel;
}

export function compileUncached(pack: PolicyPack, options: CompileOptions = {}): CompiledPolicy {
  const errors: Array<{ ruleId?: string; path: string; message: string }> = [];
  const b: Builder = {
    profiles: new Map(),
    sources: 0,
    dictSources: new Map(),
    matcherBySignature: new Map(),
    matchers: 0,
    entries: new Map(),
    evasionTerms: [],
    semantic: false,
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
    const guard = guardsProtectedActivity(rule);
    rules.push({
      rule,
      index: ri,
      matchers,
      guard,
      when: compileCond(pack, matchers, rule.when),
      unless: rule.unless ? compileCond(pack, matchers, rule.unless).holds : null,
      escalate: rule.escalate.map((x) => ({ severity: x.severity, when: compileCond(pack, matchers, x.when).holds })),
    });
  });
  if (errors.length) throw new CompileError(errors);
  // Protected phrases are whole words in the base profile: every check finds them in its first pass.
  const guardSource = b.sources++;
  for (const p of PROTECTED) addTerm(b, 0, p, guardSource, true);
  const guardExceptSource = b.sources++;
  for (const p of PROTECTED_EXCEPT) addTerm(b, 0, p, guardExceptSource, true);
  const schemeSource = b.sources++;
  for (const p of URL_SCHEMES) addTerm(b, 0, p, schemeSource, false);
  const unitSource = b.sources++;
  for (const u of NUMBER_UNITS) addTerm(b, 0, u, unitSource, u !== '%');
  // The semantic layer reads names as their kind ("__company__"), so it learns no company's wording.
  let semantic: Internals['semantic'] = null;
  if (b.semantic) {
    const entities: Array<readonly [number, EntityKind]> = [];
    for (const [name, kind] of ENTITY_DICTIONARIES) {
      if (pack.dictionaries[name]?.entries.length)
        entities.push([dictSource(b, pack, name, 0, true, 'dictionaries', ''), kind]);
    }
    semantic = { model: options.semanticModel ?? shippedSemanticModel(), entities, recent: new Map() };
  }

  const profiles = new Map<number, ProfileIndex>();
  // The base pass also reports the units detectors and derived profiles look for, so they need no scan of their own.
  let profileMask = 0;
  for (const key of b.profiles.keys()) profileMask |= 1 << key;
  const events = eventUnits(profileMask);
  if (!b.profiles.has(0)) b.profiles.set(0, { terms: new Map() });
  // Skeleton keys of evasion-proof matchers join the base automaton (most equal an ordinary key: a single word), so
  // the skeleton pass needs no automaton of its own; keys only the skeleton uses carry no entries.
  const evasion = evasionKeys(b.evasionTerms);
  const baseTerms = (b.profiles.get(0) as { terms: Map<string, KeyEntry[]> }).terms;
  for (const k of evasion.keys()) if (!baseTerms.has(k)) baseTerms.set(k, []);
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
    unitSource,
    sourceCount: b.sources,
    matcherCount: b.matchers,
    company,
    disclosureTag: pack.settings.disclosureTag ?? `#${company.replace(/[^\p{L}\p{N}]/gu, '')}Employee`,
    evasion: bindEvasionKeys(evasion, (profiles.get(0) as ProfileIndex).automaton),
    semantic,
  };
  const policy: CompiledPolicy = Object.freeze({ version: pack.version });
  POLICIES.set(policy, internals);
  return policy;
}

/** Compile a pack once (cached by id + version; pass { cache: false } to force). Throws CompileError. */
export function compile(pack: PolicyPack, options: CompileOptions = {}): CompiledPolicy {
  const cacheKey = `${pack.id}\u0000${pack.version}`;
  if (options.cache !== false) {
    const hit = CACHE.get(cacheKey);
    if (hit && POLICIES.get(hit)?.pack === pack) return hit;
    if (hit && JSON.stringify(POLICIES.get(hit)?.pack) === JSON.stringify(pack)) return hit;
  }
  if (options.semanticModel) return compileUncached(pack, options);
  const policy = compileUncached(pack);
  if (options.cache !== false) {
    if (CACHE.size > 32) CACHE.clear();
    CACHE.set(cacheKey, policy);
  }
  return policy;
}

/** For benches: the normalised terms of one profile's automaton (0 = the base profile). */
export function termsOf(policy: CompiledPolicy, key = 0): string[] {
  return POLICIES.get(policy)?.profiles.get(key)?.terms ?? [];
}
