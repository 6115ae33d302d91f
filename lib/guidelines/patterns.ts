import { RE2JS } from 're2js';

// Admin-written patterns run through re2js (RE2 semantics: linear time, no back-references, no look-around).
// On top of that we refuse shapes that backtrack catastrophically in other engines (nested quantifiers such as
// `(a+)+`, huge counted repetitions) so a pack stays portable and reviewable, and we extract a required literal so
// the pattern only runs when the Aho-Corasick pass saw that literal.

export interface CompiledPattern {
  readonly source: string;
  readonly re: RE2JS;
  /** A literal that every match contains (lower case), or null when none could be proven. */
  readonly literal: string | null;
  /** Every match starts with `literal` (so matches can only start where the literal occurs). */
  readonly literalAtStart: boolean;
}

export class PatternError extends Error {}

/** Lower-case literal letters outside escapes, since patterns run on case-folded text. */
export function foldPattern(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const ch = p.charAt(i);
    if (ch === '\\') {
      const nx = p.charAt(i + 1);
      if ((nx === 'p' || nx === 'P' || nx === 'x') && p.charAt(i + 2) === '{') {
        const close = p.indexOf('}', i + 2);
        const end = close < 0 ? p.length : close + 1;
        out += p.slice(i, end);
        i = end - 1;
      } else if (nx === 'p' || nx === 'P') {
        out += p.slice(i, i + 3);
        i += 2;
      } else if (nx === 'x') {
        out += p.slice(i, i + 4);
        i += 3;
      } else if (nx === 'Q') {
        const close = p.indexOf('\\E', i + 2);
        const end = close < 0 ? p.length : close;
        out += `\\Q${p.slice(i + 2, end).toLowerCase()}`;
        i = end - 1;
      } else {
        out += ch + nx;
        i++;
      }
    } else {
      out += ch.toLowerCase();
    }
  }
  return out;
}

interface Scan {
  nested: boolean;
  maxCount: number;
  literal: string | null;
  literalAtStart: boolean;
}

/** A light structural scan: nested quantifiers, counted repetition sizes and a required top-level literal. */
function scan(p: string): Scan {
  // Stack of groups: whether the group contains a quantifier.
  const stack: boolean[] = [];
  let nested = false;
  let maxCount = 0;
  let topAlt = false;
  let runs: string[] = [];
  let run = '';
  let runFrom = -1; // pattern offset of the current run's first atom
  let firstRunFrom = -1;
  let atomFrom = 0;
  let lastAtom: { lit: string | null; group: boolean; hadQuant: boolean } | null = null;
  const pushRun = () => {
    if (run.length > 0) {
      if (runs.length === 0) firstRunFrom = runFrom;
      runs.push(run);
    }
    run = '';
    runFrom = -1;
  };
  const append = (x: string) => {
    if (run.length === 0) runFrom = atomFrom;
    run += x;
  };
  const isQuant = (i: number) => {
    const c = p.charAt(i);
    if (c === '*' || c === '+' || c === '?') return true;
    return c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i));
  };
  let i = 0;
  while (i < p.length) {
    const ch = p.charAt(i);
    const depth = stack.length;
    atomFrom = i;
    if (ch === '\\') {
      const nx = p.charAt(i + 1);
      let lit: string | null = null;
      let len = 2;
      if (/[^A-Za-z0-9]/.test(nx)) lit = nx;
      else if ((nx === 'p' || nx === 'P' || nx === 'x') && p.charAt(i + 2) === '{') {
        len = p.indexOf('}', i) - i + 1;
        if (len <= 0) len = p.length - i;
      } else if (nx === 'p' || nx === 'P') len = 3;
      else if (nx === 'x') len = 4;
      else if (nx === 'Q') {
        const close = p.indexOf('\\E', i + 2);
        const end = close < 0 ? p.length : close + 2;
        const quoted = p.slice(i + 2, close < 0 ? p.length : close);
        i = end;
        if (depth === 0 && quoted) append(quoted);
        lastAtom = { lit: null, group: false, hadQuant: false };
        continue;
      }
      i += len;
      lastAtom = { lit, group: false, hadQuant: false };
      if (depth === 0) {
        if (lit !== null && !isQuant(i)) append(lit);
        else if (lit !== null && (p.charAt(i) === '+' || p.charAt(i) === '{')) {
          append(lit);
          pushRun();
        } else pushRun();
      }
      continue;
    }
    if (ch === '[') {
      let j = i + 1;
      if (p.charAt(j) === '^') j++;
      if (p.charAt(j) === ']') j++;
      while (j < p.length && p.charAt(j) !== ']') j += p.charAt(j) === '\\' ? 2 : 1;
      i = j + 1;
      lastAtom = { lit: null, group: false, hadQuant: false };
      if (depth === 0) pushRun();
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      if (depth === 0) pushRun();
      i++;
      if (p.charAt(i) === '?') {
        // (?:  (?i)  (?P<name>  (?<name>
        const close = p.slice(i).search(/[:)>]/);
        i += close < 0 ? 1 : close + 1;
      }
      continue;
    }
    if (ch === ')') {
      const hadQuant = stack.pop() ?? false;
      if (hadQuant && stack.length > 0) stack[stack.length - 1] = true;
      i++;
      lastAtom = { lit: null, group: true, hadQuant };
      continue;
    }
    if (ch === '|') {
      if (depth === 0) topAlt = true;
      pushRun();
      i++;
      continue;
    }
    if (isQuant(i)) {
      let len = 1;
      if (ch === '{') {
        const m = /^\{(\d+)(?:,(\d*))?\}/.exec(p.slice(i));
        if (m) {
          len = m[0].length;
          maxCount = Math.max(maxCount, Number(m[1]), m[2] ? Number(m[2]) : 0);
        }
      }
      const repeats = ch === '*' || ch === '+' || (ch === '{' && !/^\{(\d+)(,\1)?\}/.test(p.slice(i)));
      if (lastAtom?.group && lastAtom.hadQuant && repeats) nested = true;
      if ((repeats || ch === '?') && stack.length > 0) stack[stack.length - 1] = true;
      i += len;
      if (p.charAt(i) === '?') i++;
      continue;
    }
    if (ch === '.' || ch === '^' || ch === '$') {
      if (depth === 0) pushRun();
      lastAtom = { lit: null, group: false, hadQuant: false };
      i++;
      continue;
    }
    // plain literal
    i++;
    lastAtom = { lit: ch, group: false, hadQuant: false };
    if (depth === 0) {
      if (!isQuant(i)) append(ch);
      else if (p.charAt(i) === '+' || (p.charAt(i) === '{' && !/^\{0/.test(p.slice(i)))) {
        append(ch);
        pushRun();
      } else pushRun();
    }
  }
  pushRun();
  if (topAlt) runs = [];
  let literal: string | null = null;
  for (const r of runs) if (r.length >= 2 && (literal === null || r.length > literal.length)) literal = r;
  const literalAtStart = literal !== null && runs[0] === literal && firstRunFrom === 0;
  return { nested, maxCount, literal, literalAtStart };
}

// Compiled patterns are immutable (each use creates its own matcher), so packs and overlays that share a pattern
// share its compilation.
const compiled = new Map<string, CompiledPattern>();

/** Compile an admin pattern or throw a PatternError with a message a CoE author can act on. */
export function compilePattern(source: string): CompiledPattern {
  const known = compiled.get(source);
  if (known) return known;
  const result = compilePatternUncached(source);
  if (compiled.size > 5000) compiled.clear();
  compiled.set(source, result);
  return result;
}

function compilePatternUncached(source: string): CompiledPattern {
  if (source.length > 2000) throw new PatternError('pattern is longer than 2,000 characters');
  const folded = foldPattern(source);
  const s = scan(folded);
  if (s.nested) {
    throw new PatternError(
      `pattern "${source}" repeats a group that itself repeats (like "(a+)+"); such nested quantifiers can take exponential time, so write it with a single quantifier (e.g. "a+")`,
    );
  }
  if (s.maxCount > 1000) {
    throw new PatternError(`pattern "${source}" uses a counted repetition above 1,000; use a smaller bound`);
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(folded);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/\\[1-9]|\\k<|\(\?[=!<]/.test(source)) {
      throw new PatternError(
        `pattern "${source}" uses a back-reference or look-around, which can make checks slow; these are not supported (RE2 syntax): ${msg}`,
      );
    }
    throw new PatternError(`pattern "${source}" is not valid RE2 syntax: ${msg}`);
  }
  if (re.matches('')) throw new PatternError(`pattern "${source}" matches the empty string`);
  return { source, re, literal: s.literal, literalAtStart: s.literalAtStart };
}
