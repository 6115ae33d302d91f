// Compile: a pack becomes one Aho-Corasick automaton per normalisation profile (phrases, dictionaries, pattern
// literals, the protected-activity phrases) plus a closure per matcher and condition. Compiled policies are cached.

import { buildAutomaton } from './aho';
import { addTerm, dictSource, newBuilder, phraseText } from './builder';
import { compileCond } from './conditions';
import { URL_SCHEMES } from './detectors';
import { bindEvasionKeys, evasionKeys } from './evasion';
import { compileMatcher } from './matchers';
import { NUMBER_UNITS } from './number-words';
import { markProfileUnits, profileKey } from './profiles';
import { guardsProtectedActivity, PROTECTED, PROTECTED_EXCEPT } from './protected';
import type { Cond, PolicyPack, Rule } from './schema';
import { type SealedIndex, sealedIndex } from './sealed';
import {
  ENTITY_DICTIONARIES,
  type EntityKind,
  loadSemanticModel,
  type SemanticModel,
  type SemanticModelFile,
} from './semantic';
import semanticModelFile from './semantic-model.json';
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

/** The shipped model's default threshold per category (chosen on the dev half for precision). */
export const SEMANTIC_THRESHOLDS: Readonly<Record<string, number>> = (semanticModelFile as SemanticModelFile)
  .thresholds;

let semanticModel: SemanticModel | undefined;
/** The shipped model, decoded on first use (only packs with a semantic rule pay for it). */
function shippedSemanticModel(): SemanticModel {
  semanticModel ??= loadSemanticModel(semanticModelFile as SemanticModelFile);
  return semanticModel;
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
  const b = newBuilder();
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
    const sealedEntities: Array<readonly [string, EntityKind]> = [];
    for (const [name, kind] of ENTITY_DICTIONARIES) {
      if (pack.dictionaries[name]?.sealed) sealedEntities.push([name, kind]);
      else if (pack.dictionaries[name]?.entries.length)
        entities.push([dictSource(b, pack, name, 0, true, 'dictionaries', ''), kind]);
    }
    semantic = { model: options.semanticModel ?? shippedSemanticModel(), entities, sealedEntities, recent: new Map() };
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
  const sealed = { names: [] as string[], indexes: [] as SealedIndex[] };
  let sealedLength = 0;
  for (const [name, dict] of Object.entries(pack.dictionaries)) {
    if (!dict.sealed) continue;
    sealed.names.push(name);
    sealed.indexes.push(sealedIndex(dict.sealed));
    sealedLength = Math.max(sealedLength, dict.sealed.maxLength);
  }
  const firstCompany = pack.dictionaries.companyNames?.entries[0];
  const company = firstCompany ? phraseText(firstCompany) : 'the company';
  const evasionIndex = bindEvasionKeys(evasion, (profiles.get(0) as ProfileIndex).automaton);
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
    evasion: evasionIndex,
    semantic,
    sealed,
    // An evasive spelling takes at most ~3 units per letter (as bindEvasionKeys reckons for its keys).
    windowReach: Math.max(evasionIndex?.reach ?? 0, sealedLength ? 3 * sealedLength + 2 : 0),
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
