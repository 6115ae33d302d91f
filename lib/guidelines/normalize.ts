// Normalisation with an offset map back to the original text.
//
// Base view: NFKC + lower case (plus ß→ss, ς→σ, curly apostrophes → ') with default-ignorable code points removed
// (zero-width space/joiners, soft hyphen, variation selectors, BOM). Every UTF-16 unit of the view records the
// [start, end) range of the original text it came from, so findings always point into the ORIGINAL text.
//
// Speed: a per-code-unit class table (built lazily, 256 code points at a time) sends characters that normalise to a
// single unit through a table lookup; only clusters that really change length (ligatures, compatibility forms,
// base + combining marks) call String.prototype.normalize. Pure-ASCII text is just lower-cased with an identity map.
//
// Derived views (per rule profile): leetspeak, confusable and mark folding, each 1:1 or dropping a unit, applied to
// the base view and composed with its map.

export interface View {
  /** The normalised text. */
  readonly text: string;
  /**
   * Offset map as segments [viewStart, origStart, origEnd, ...] ascending by viewStart. origEnd = -1 marks a 1:1
   * run (view unit v ↔ original origStart + (v - viewStart)); otherwise every unit of the segment comes from the
   * original cluster [origStart, origEnd). null = identity.
   */
  readonly segs: readonly number[] | null; // (a plain array: a small typed array costs more to make than to read)
  /** Explicit per-unit maps (only for derived views that dropped units). */
  readonly ms?: Int32Array;
  readonly me?: Int32Array;
  /** True when the view is known to be pure ASCII (so no confusable, accent or mark can occur). */
  readonly ascii?: boolean;
  /** The view may contain combining marks (left after NFKC). */
  readonly marks?: boolean;
}

function segFor(segs: readonly number[], v: number): number {
  let lo = 0;
  let hi = segs.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segs[mid * 3] as number) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo * 3;
}

export function origStart(view: View, i: number): number {
  if (view.ms) return view.ms[i] ?? 0;
  const segs = view.segs;
  if (!segs) return i;
  const k = segFor(segs, i);
  const e = segs[k + 2] as number;
  return e < 0 ? (segs[k + 1] as number) + (i - (segs[k] as number)) : (segs[k + 1] as number);
}
/** `j` is an exclusive end in the view. */
export function origEnd(view: View, j: number): number {
  if (j <= 0) return origStart(view, 0);
  const u = j - 1;
  if (view.me) return view.me[u] ?? 0;
  const segs = view.segs;
  if (!segs) return j;
  const k = segFor(segs, u);
  const e = segs[k + 2] as number;
  return e < 0 ? (segs[k + 1] as number) + (u - (segs[k] as number)) + 1 : e;
}

const K_UNKNOWN = 0;
const K_IDENT = 1; // unchanged once the whole view is lower-cased
const K_REPL = 2; // one unit → one other unit (repl table)
const K_DROP = 3; // default-ignorable
const K_COMBINING = 4; // joins the previous cluster
const K_SLOW = 5; // needs NFKC of its cluster

const kind = new Uint8Array(65536);
const repl = new Uint16Array(65536);

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const IGNORABLE_G = /\p{Default_Ignorable_Code_Point}/gu;
export const MARK = /\p{M}/u;

function extraFold(s: string): string {
  let r = s;
  if (r.includes('ß')) r = r.replace(/ß/g, 'ss');
  if (r.includes('ς')) r = r.replace(/ς/g, 'σ');
  if (/[\u2018\u2019\u02bc\u201b]/.test(r)) r = r.replace(/[\u2018\u2019\u02bc\u201b]/g, "'");
  if (/[\u201c\u201d\u201f]/.test(r)) r = r.replace(/[\u201c\u201d\u201f]/g, '"');
  return r;
}

/** Normalise a short string without a map (used for clusters and dictionary terms). */
const ANY_NON_ASCII = /[\u0080-\uffff]/;

export function foldString(s: string): string {
  if (!ANY_NON_ASCII.test(s)) return s.toLowerCase();
  let r: string;
  try {
    r = s.normalize('NFKC');
  } catch {
    r = s;
  }
  r = extraFold(r.toLowerCase());
  if (IGNORABLE.test(r)) r = r.replace(IGNORABLE_G, '');
  return r;
}

function buildBlock(b: number): void {
  const base = b << 8;
  for (let c = base; c < base + 256; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      kind[c] = K_IDENT; // surrogates are handled by the caller
      continue;
    }
    const ch = String.fromCharCode(c);
    if (IGNORABLE.test(ch)) {
      kind[c] = K_DROP;
      continue;
    }
    if (MARK.test(ch) || (c >= 0x1160 && c <= 0x11ff)) {
      kind[c] = K_COMBINING;
      continue;
    }
    const r = foldString(ch);
    if (r.length === 1 && !MARK.test(r)) {
      if (ch.toLowerCase() === r && c !== 0x03a3) kind[c] = K_IDENT;
      else {
        kind[c] = K_REPL;
        repl[c] = r.charCodeAt(0);
      }
    } else {
      kind[c] = K_SLOW;
    }
  }
}

function kindOf(c: number): number {
  let k = kind[c] as number;
  if (k === K_UNKNOWN) {
    buildBlock(c >> 8);
    k = kind[c] as number;
  }
  return k;
}

/** Astral code points that normalise to themselves and have no case: emoji, CJK extensions. */
function astralStable(cp: number): boolean {
  if (cp >= 0x1f000 && cp <= 0x1faff) return !(cp >= 0x1f100 && cp <= 0x1f1e5);
  if (cp >= 0x20000 && cp <= 0x3ffff) return !(cp >= 0x2f800 && cp <= 0x2fa1f);
  return false;
}

export function unitsToString(buf: Uint16Array, n: number): string {
  if (n === 0) return '';
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return s;
}

// Candidates for special handling, one unit each. Everything else (ASCII, Latin-1 letters, kana, CJK and its
// punctuation, Hangul syllables, emoji, dingbats such as ✨ ❤ ✓, the prolonged sound mark ー) is unchanged by NFKC and
// only needs the final toLowerCase, so the native regex skips it. Keep the class to a few ranges: a longer class
// makes every unit of a two-byte string slower to scan (measured 3x with ~20 more ranges).
// (A unit test checks that every unit outside this class really folds to its own lower case.)
const SPECIAL =
  /[\u0080-\u00bf\u00df\u0100-\u24ea\u2a0c-\u3000\u302a-\u3040\u3097-\u30a0\u30ff-\u33ff\u4dc0-\u4dff\ua000-\uabff\ud7a4-\ud83b\ud83f\ud87e-\udbff\ue000-\uffff]|\ud83c(?=[\udd00-\udde5])|\ud83e(?![\udc00-\udeff])/g;
/** For tests: the units baseView() treats as candidates for special handling. */
export function isSpecialCandidate(unit: string): boolean {
  SPECIAL.lastIndex = 0;
  return SPECIAL.test(unit);
}

/**
 * The base view of `text`. Only characters that change length (ignorables, compatibility expansions, base +
 * combining marks) open a new offset segment; everything else is copied in runs and lower-cased once at the end.
 */
export function baseView(text: string): View {
  const n = text.length;
  // Lower-case once up front when that keeps every index (only U+0130 İ grows), and copy runs from it.
  // (U+0130 İ is the one character whose lower case is longer: a length change means it is there.)
  const lowered = text.toLowerCase();
  const lower = lowered.length === n ? lowered : null;
  const src = lower ?? text;
  const pieces: string[] = [];
  const segs: number[] = [0, 0, -1];
  const newSeg = (v: number, a: number, b: number) => {
    const L = segs.length;
    if (segs[L - 3] === v) {
      segs[L - 2] = a;
      segs[L - 1] = b;
    } else segs.push(v, a, b);
  };
  let runStart = 0; // original index where the pending copy run starts
  let o = 0; // view length of everything already pushed
  // The last unit group emitted on its own (replacement or cluster), so a following combining mark can re-open it.
  let lastEnd = -1;
  let lastStart = 0;
  let lastPiece = 0;
  let lastView = 0;
  let lastSegs = 0;
  let touched = false;
  let hasMarks = false;
  SPECIAL.lastIndex = 0;
  // test(), not exec(): every alternative matches one unit, so lastIndex - 1 is the match, and no match array is built
  while (SPECIAL.test(text)) {
    let i = SPECIAL.lastIndex - 1;
    if (i < runStart) {
      SPECIAL.lastIndex = runStart;
      continue;
    }
    const c = text.charCodeAt(i);
    let k: number;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        if (astralStable(cp)) {
          SPECIAL.lastIndex = i + 2;
          continue;
        }
        width = 2;
        k = cp >= 0xe0000 && cp <= 0xe0fff ? K_DROP : K_SLOW;
      } else continue; // lone high surrogate: keep
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      continue; // lone low surrogate: keep
    } else k = kindOf(c);
    if (k === K_IDENT) continue;
    touched = true;
    if (k === K_REPL) {
      if (i > runStart) pieces.push(src.slice(runStart, i));
      o += i - runStart;
      lastStart = i;
      lastPiece = pieces.length;
      lastView = o;
      lastSegs = segs.length;
      pieces.push(String.fromCharCode(repl[c] as number));
      o += 1;
      i++;
      runStart = i;
      lastEnd = i;
      continue;
    }
    if (k === K_DROP) {
      if (i > runStart) pieces.push(src.slice(runStart, i));
      o += i - runStart;
      i += width;
      runStart = i;
      newSeg(o, i, -1);
      SPECIAL.lastIndex = i;
      continue;
    }
    // A cluster: a starter plus following combining marks, normalised together.
    let start = i;
    if (k === K_COMBINING) {
      if (lastEnd === i) {
        // re-open the previous replacement or cluster
        pieces.length = lastPiece;
        o = lastView;
        segs.length = lastSegs;
        start = lastStart;
        runStart = start;
      } else if (i > runStart) {
        const p = text.charCodeAt(i - 1);
        start = p >= 0xdc00 && p <= 0xdfff && i - 2 >= runStart ? i - 2 : i - 1;
      }
    }
    if (start > runStart) pieces.push(src.slice(runStart, start));
    o += start - runStart;
    let j = i + width;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d < 128) break;
      const kd = d >= 0xd800 && d <= 0xdfff ? K_IDENT : kindOf(d);
      if (kd === K_COMBINING) j++;
      else if (kd === K_DROP && j + 1 < n && kindOf(text.charCodeAt(j + 1)) === K_COMBINING) j++;
      else break;
    }
    const folded = foldString(text.slice(start, j));
    if (!hasMarks && MARK.test(folded)) hasMarks = true;
    lastStart = start;
    lastPiece = pieces.length;
    lastView = o;
    lastSegs = segs.length;
    newSeg(o, start, j);
    pieces.push(folded);
    o += folded.length;
    newSeg(o, j, -1);
    runStart = j;
    lastEnd = j;
    i = j;
    SPECIAL.lastIndex = j;
  }
  if (!touched) return { text: lower ?? lowered, segs: null, marks: false };
  if (n > runStart) pieces.push(src.slice(runStart));
  const out = lower ? pieces.join('') : pieces.join('').toLowerCase();
  return {
    text: out,
    segs: segs.length === 3 && segs[1] === 0 ? null : segs,
    ascii: false,
    marks: hasMarks,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Word characters (Unicode-aware, never JS \b)

const wordCache = new Uint8Array(65536); // 0 unknown, 1 word, 2 not
const WORD = /^[\p{L}\p{N}\p{M}_]$/u;
const NO_SPACE =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]$/u;

function codePointAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const h = s.charCodeAt(i - 1);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_WORD[c] = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 95 ? 1 : 0;
}

function isWordCp(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  if (cp < 65536) {
    let w = wordCache[cp] as number;
    if (w === 0) {
      w = WORD.test(String.fromCharCode(cp)) ? 1 : 2;
      wordCache[cp] = w;
    }
    return w === 1;
  }
  return WORD.test(String.fromCodePoint(cp));
}

/** Is the unit at `i` (possibly half of a surrogate pair) part of a word character? */
export function isWordAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_WORD[c] === 1;
  return isWordCp(codePointAt(s, i));
}

export function isNoSpaceScriptAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 0x0e00) return false;
  return NO_SPACE.test(String.fromCodePoint(codePointAt(s, i)));
}
