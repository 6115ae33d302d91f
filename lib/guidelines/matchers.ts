// Matchers: each rule matcher (phrases, pattern, detector, semantic) becomes a closure over the per-check state that
// computes its hits once per check; rules defining the same matcher share it.

import { addTerm, type Builder, dictSource, phraseForms, phraseText } from './builder';
import { isRoleMailbox } from './mailboxes';
import { foldString, isNoSpaceScriptAt, isWordAt } from './normalize';
import { parseNumber } from './number-values';
import { type CompiledPattern, compilePattern, PatternError } from './patterns';
import type { Matcher, PolicyPack, Rule } from './schema';
import { ENTITY_DICTIONARIES, SEMANTIC_CATEGORIES } from './semantic';
import { inside, NO_HITS, sortSpans, toOriginal } from './spans';
import { semanticDecides } from './state';
import { CompileError, type MatcherFn } from './types';

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

export function compileMatcher(
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
  const id = b.matchers; // compileMatcherFn takes this id first
  const fn = compileMatcherFn(b, pack, rule, m, key, errors, path, evasions);
  if (fn) MATCHER_IDS.set(fn, { id, kind: m.kind });
  if (fn && errors.length === errorsBefore) b.matcherBySignature.set(signature, fn);
  return fn;
}

/** Each compiled matcher's slot in State.matcherHits and its kind: the incremental checker fills slots from parts. */
export const MATCHER_IDS = new WeakMap<MatcherFn, { id: number; kind: Matcher['kind'] }>();

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
    // Sealed dictionaries (secret ones on members' devices) have no entries to add: State.sealed finds them.
    const sealedIn = m.dicts.filter((d) => pack.dictionaries[d]?.sealed);
    const sealedExcept = m.exceptionDicts.filter((d) => pack.dictionaries[d]?.sealed);
    if (!word) {
      for (const d of m.dicts) {
        if (pack.dictionaries[d]?.secret)
          errors.push({
            ruleId: rule.id,
            path: `${path}.boundary`,
            message: `"${d}" is secret: members' devices match it at word edges only, so use boundary "word"`,
          });
      }
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
      let evaded = evasions.on ? st.evasion(id) : undefined;
      for (const d of sealedIn) {
        const h = st.sealed(d);
        if (h.length) evaded = evaded ? evaded.concat(h) : h;
      }
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
      let sealedEx: number[] | undefined;
      for (const d of sealedExcept) {
        const h = st.sealed(d);
        if (h.length) sealedEx = sealedEx ? sealedEx.concat(h) : h;
      }
      if (sealedEx && out.length) {
        const kept: number[] = [];
        for (let i = 0; i < out.length; i += 2) {
          if (!inside(out[i] as number, out[i + 1] as number, sealedEx))
            kept.push(out[i] as number, out[i + 1] as number);
        }
        out = kept;
      }
      if (evaded) {
        // Evasive spellings (and sealed entries) are in original offsets already; the allow-list applies to them too.
        let exOrig = ex ? toOriginal(st.hitView(key), ex) : undefined;
        if (sealedEx) exOrig = exOrig ? exOrig.concat(sealedEx) : sealedEx;
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
      if (d.secret) {
        // Members' devices get it sealed (no entries to compare domains or tags with).
        errors.push({ ruleId: rule.id, path, message: `"${n}" is secret: only phrase matchers can use it` });
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
