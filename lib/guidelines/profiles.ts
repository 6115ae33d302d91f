// Derived normalisation profiles: leet digits, confusable letters and stripped marks, each a 1:1 (or dropping) fold of
// the base view, so a derived view can share the base view's offset map.

import { foldString, MARK, origEnd, origStart, unitsToString, type View } from './normalize';

export interface Profile {
  leet: boolean;
  confusables: boolean;
  stripMarks: boolean;
}
export function profileKey(p: Profile): number {
  return (p.leet ? 1 : 0) | (p.confusables ? 2 : 0) | (p.stripMarks ? 4 : 0);
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};
// A small subset of UTS #39 confusables: Cyrillic and Greek letters that look like Latin ones (already lower-cased).
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ɑ: 'a',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  ı: 'i',
};

const derivedTables = new Map<number, Int32Array>();
const derivedRes = new Map<number, RegExp>();

function derivedTable(key: number): Int32Array {
  let t = derivedTables.get(key);
  if (t) return t;
  t = new Int32Array(65536).fill(-2);
  derivedTables.set(key, t);
  return t;
}

/** Characters a profile may change (a superset; the table decides). */
function derivedRe(key: number): RegExp {
  let re = derivedRes.get(key);
  if (re) return re;
  let cls = '';
  if (key & 1) cls += Object.keys(LEET).join('');
  if (key & 2) cls += Object.keys(CONFUSABLES).join('');
  if (key & 4) cls += '\\u00c0-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff';
  re = new RegExp(`[${cls}]`, 'g');
  derivedRes.set(key, re);
  return re;
}

const letterRes = new Map<number, RegExp>();
const LEET_DIGITS = /[013-57-9]/g;
function isLetterUnit(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}
/** Letters this profile changes (confusables, accented letters, marks), or null when it changes none. */
function letterRe(key: number): RegExp | null {
  if (!(key & 6)) return null;
  let re = letterRes.get(key);
  if (re) return re;
  let cls = '';
  if (key & 2) cls += Object.keys(CONFUSABLES).join('');
  if (key & 4) cls += '\\u00c0-\\u024f\\u0300-\\u036f\\u1e00-\\u1eff';
  re = new RegExp(`[${cls}]`, 'g');
  letterRes.set(key, re);
  return re;
}

/**
 * Where a profile can change a word, ascending: a leet digit next to a letter, or a confusable / accented letter.
 * (A digit between spaces or other digits, as in "42%" or "$1.2M", cannot be part of a leet-spelled word.)
 */
export function profilePositions(key: number, view: View, limit: number): number[] {
  const s = view.text;
  const out: number[] = [];
  if (key & 1) {
    LEET_DIGITS.lastIndex = 0;
    for (let m = LEET_DIGITS.exec(s); m && out.length < limit; m = LEET_DIGITS.exec(s)) {
      const i = m.index;
      if (isLetterUnit(s.charCodeAt(i - 1)) || isLetterUnit(s.charCodeAt(i + 1))) out.push(i);
    }
  }
  const re = view.ascii ? null : letterRe(key);
  if (re) {
    const before = out.length;
    re.lastIndex = 0;
    for (let m = re.exec(s); m && out.length < limit; m = re.exec(s)) out.push(m.index);
    if (before > 0 && out.length > before) out.sort((x, y) => x - y);
  }
  return out;
}

const CONFUSABLE_UNITS = new Uint8Array(65536);
for (const k of Object.keys(CONFUSABLES)) CONFUSABLE_UNITS[k.charCodeAt(0)] = 1;
/** Does profile `key` change this letter unit (the class of letterRe(key))? */
function changesLetter(key: number, c: number): boolean {
  if (key & 4 && ((c >= 0xc0 && c <= 0x24f) || (c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff))) return true;
  return (key & 2) !== 0 && CONFUSABLE_UNITS[c] === 1;
}

/** Flag in `table` every unit that profilePositions() looks for under profile `key` (for a search that reports them). */
export function markProfileUnits(table: Uint8Array, key: number): void {
  if (key & 1) for (const d of '01345789') table[d.charCodeAt(0)] = 1;
  if (key & 6) for (let c = 0x80; c < 65536; c++) if (changesLetter(key, c)) table[c] = 1;
}

/**
 * profilePositions() from offsets found elsewhere: `digits` holds every ASCII digit offset and `letters` every offset
 * of a unit some profile may change (both ascending, a superset is fine). Same answer, no scan of the text.
 */
export function profilePositionsFrom(
  key: number,
  view: View,
  limit: number,
  digits: readonly number[],
  letters: readonly number[],
): number[] {
  const s = view.text;
  const out: number[] = [];
  if (key & 1) {
    for (let j = 0; j < digits.length && out.length < limit; j++) {
      const i = digits[j] as number;
      const c = s.charCodeAt(i);
      if (c === 50 || c === 54) continue; // 2 and 6 have no leet reading
      if (isLetterUnit(s.charCodeAt(i - 1)) || isLetterUnit(s.charCodeAt(i + 1))) out.push(i);
    }
  }
  if (key & 6 && !view.ascii) {
    const before = out.length;
    for (let j = 0; j < letters.length && out.length < limit; j++) {
      const i = letters[j] as number;
      if (changesLetter(key, s.charCodeAt(i))) out.push(i);
    }
    if (before > 0 && out.length > before) out.sort((x, y) => x - y);
  }
  return out;
}

function deriveChar(c: number, key: number): number {
  let ch = String.fromCharCode(c);
  if (key & 4) {
    if (c >= 0xd800 && c <= 0xdfff) return c;
    if (MARK.test(ch)) return -1;
    const d = ch.normalize('NFD');
    if (d.length > 1 && [...d.slice(1)].every((x) => MARK.test(x))) ch = d.charAt(0);
  }
  if (key & 2) ch = CONFUSABLES[ch] ?? ch;
  if (key & 1) ch = LEET[ch] ?? ch;
  return ch.charCodeAt(0);
}

/** A folding function for one profile (1:1; dropped units are kept as they are). */
export function unitFolder(key: number): (c: number) => number {
  const table = derivedTable(key);
  return (c) => {
    let r = table[c] as number;
    if (r === -2) {
      r = deriveChar(c, key);
      table[c] = r;
    }
    return r < 0 ? c : r;
  };
}

function mapped(table: Int32Array, c: number, key: number): number {
  let r = table[c] as number;
  if (r === -2) {
    r = deriveChar(c, key);
    table[c] = r;
  }
  return r;
}

/** A view derived from the base view by 1:1 (or dropping) folds; 1:1 views share the base view's offset map. */
export function deriveView(base: View, key: number): View {
  if (key === 0) return base;
  const table = derivedTable(key);
  const re = derivedRe(key);
  const s = base.text;
  let dropped = false;
  re.lastIndex = 0;
  const text = s.replace(re, (ch) => {
    const r = mapped(table, ch.charCodeAt(0), key);
    if (r < 0) {
      dropped = true;
      return ch;
    }
    return String.fromCharCode(r);
  });
  if (!dropped) return { text, segs: base.segs, ...(base.ms ? { ms: base.ms, me: base.me } : {}) };
  // Rare: combining marks left after NFKC (e.g. "i̇" from "İ") are dropped; keep explicit per-unit maps.
  const n = text.length;
  const out = new Uint16Array(n);
  const ms = new Int32Array(n);
  const me = new Int32Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const r = mapped(table, c, key);
    if (r < 0) continue;
    out[o] = text.charCodeAt(i);
    ms[o] = origStart(base, i);
    me[o] = origEnd(base, i + 1);
    o++;
  }
  return { text: unitsToString(out, o), segs: null, ms: ms.subarray(0, o), me: me.subarray(0, o) };
}

/** Normalise a dictionary term or phrase for a profile (no map). */
export function normalizeTerm(term: string, key: number): string {
  const b = foldString(term);
  if (key === 0) return b;
  const table = derivedTable(key);
  let r = '';
  for (let i = 0; i < b.length; i++) {
    const x = mapped(table, b.charCodeAt(i), key);
    if (x >= 0) r += String.fromCharCode(x);
  }
  return r;
}
