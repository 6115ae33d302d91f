// The engine's shapes: what callers pass and get back, and the compiled form checks run on.

import type { Automaton } from './aho';
import type { CompiledCond } from './conditions';
import type { EvasionIndex } from './evasion';
import type { Network, PolicyPack, PostKind, Rule, Severity } from './schema';
import type { SealedIndex } from './sealed';
import type { EntityKind, SemanticModel } from './semantic';
import type { State } from './state';

export interface CheckContext {
  network: Network;
  postKind: PostKind;
  businessUnit?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
  /**
   * The longest post the member's X account takes, in X's weighted characters: 280 by default, up to 25,000 with X
   * Premium. Metric conditions with `valueFrom: "xPostLimit"` compare with it (LEN-001).
   */
  xPostLimit?: number;
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
export interface KeyEntry {
  readonly source: number;
  readonly left: boolean; // needs a word boundary before
  readonly right: boolean; // needs a word boundary after
  /** 0, or the derived profile this entry shadows (its hits count only where the profile changes nothing). */
  readonly shadow: number;
}
export interface ProfileIndex {
  key: number;
  terms: string[];
  entries: KeyEntry[][]; // parallel to the automaton's sorted keys after build
  automaton: Automaton;
  maxLen: number;
  /** key lengths, parallel to the automaton's keys */
  keyLen: Int32Array;
}

/** Original-text spans [s, e, s, e, ...], sorted, deduplicated. */
export type MatcherFn = (st: State) => number[];

export type CondFn = (st: State) => boolean;

export interface CompiledRule {
  rule: Rule;
  index: number;
  matchers: Map<string, MatcherFn>;
  guard: boolean;
  /** Compiled as a tree: the report logic reads which part of it fired. */
  when: CompiledCond;
  unless: CondFn | null;
  escalate: Array<{ severity: Severity; when: CondFn }>;
}

export interface Internals {
  readonly version: string;
  readonly pack: PolicyPack;
  readonly profiles: Map<number, ProfileIndex>;
  readonly rules: CompiledRule[];
  /** hits of PROTECTED and PROTECTED_EXCEPT, for the protected-activity guard */
  readonly guardSource: number;
  readonly guardExceptSource: number;
  /** hits of URL_SCHEMES, for the url detector */
  readonly schemeSource: number;
  /** hits of NUMBER_UNITS, for figures written in words */
  readonly unitSource: number;
  readonly sourceCount: number;
  readonly matcherCount: number;
  readonly company: string;
  readonly disclosureTag: string;
  /** Skeleton keys of the matchers that look for evasive spellings (owner = matcher id), or null. */
  readonly evasion: EvasionIndex | null;
  /** The semantic layer, when some rule uses it: the model and the sources of the entity dictionaries. */
  readonly semantic: SemanticSetup | null;
  /** Sealed (secret) dictionaries, as members' devices receive them (sealed.ts): names and indexes, in step. */
  readonly sealed: { readonly names: readonly string[]; readonly indexes: readonly SealedIndex[] };
  /** How far around a suspicious spot the skeleton is read: enough for the longest evasion key and sealed entry. */
  readonly windowReach: number;
}

interface SemanticSetup {
  readonly model: SemanticModel;
  readonly entities: ReadonlyArray<readonly [source: number, kind: EntityKind]>;
  /** Entity dictionaries that are sealed: their hits come from State.sealed, not from a source. */
  readonly sealedEntities: ReadonlyArray<readonly [dictionary: string, kind: EntityKind]>;
  /**
   * The previous check's sentence weight sums by a 64-bit hash of the sentence and its names (never the text): while
   * typing, only the sentence being edited is scored again.
   */
  recent: Map<string, Int32Array>;
}
