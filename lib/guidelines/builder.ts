// The term builder: phrases with their inflections and dictionaries become normalised terms, each with a source
// (what it counts as a hit for), gathered per normalisation profile before compile() builds the automata.

import type { EvasionTerm } from './evasion';
import { isNoSpaceScriptAt, isWordAt } from './normalize';
import { normalizeTerm } from './profiles';
import type { Phrase, PolicyPack } from './schema';
import { CompileError, type KeyEntry, type MatcherFn } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Phrases and inflections

export function phraseText(p: Phrase): string {
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

export function phraseForms(p: Phrase, inflectDefault: boolean): string[] {
  const text = phraseText(p);
  const out = new Set<string>([text]);
  const inflect = typeof p === 'string' ? inflectDefault : (p.inflect ?? inflectDefault);
  if (inflect) for (const f of inflections(text)) out.add(f);
  if (typeof p !== 'string' && p.forms) for (const f of p.forms) out.add(f);
  return [...out];
}

// ---------------------------------------------------------------------------------------------------------------
// Builder

export interface Builder {
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

export function newBuilder(): Builder {
  return {
    profiles: new Map(),
    sources: 0,
    dictSources: new Map(),
    matcherBySignature: new Map(),
    matchers: 0,
    entries: new Map(),
    evasionTerms: [],
    semantic: false,
  };
}

export function addTerm(
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

export function dictSource(
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
