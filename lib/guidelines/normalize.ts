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
  /** For each unit of `text`, the start of its source range in the original (null = identity). */
  readonly ms: Int32Array | null;
  /** For each unit of `text`, the end of its source range in the original (null = identity). */
  readonly me: Int32Array | null;
}

export function origStart(view: View, i: number): number {
  return view.ms ? (view.ms[i] ?? 0) : i;
}
/** `j` is an exclusive end in the view. */
export function origEnd(view: View, j: number): number {
  if (j <= 0) return view.ms ? origStart(view, 0) : 0;
  return view.me ? (view.me[j - 1] ?? 0) : j;
}

const C_UNKNOWN = 0;
const C_MAP = 1; // one unit → one unit (repl table)
const C_SLOW = 2; // needs NFKC of its cluster
const C_COMBINING = 3; // joins the previous cluster
const C_DROP = 4; // default-ignorable
const C_HIGH = 5; // high surrogate: decide with the code point

const cls = new Uint8Array(65536);
const repl = new Uint16Array(65536);
const builtBlocks = new Uint8Array(256);

const IGNORABLE = /\p{Default_Ignorable_Code_Point}/u;
const IGNORABLE_G = /\p{Default_Ignorable_Code_Point}/gu;
const MARK = /\p{M}/u;

function extraFold(s: string): string {
  let r = s;
  if (r.includes('ß')) r = r.replace(/ß/g, 'ss');
  if (r.includes('ς')) r = r.replace(/ς/g, 'σ');
  if (/[\u2018\u2019\u02bc\u201b]/.test(r)) r = r.replace(/[\u2018\u2019\u02bc\u201b]/g, "'");
  if (/[\u201c\u201d\u201f]/.test(r)) r = r.replace(/[\u201c\u201d\u201f]/g, '"');
  return r;
}

/** Normalise a short string without a map (used for clusters and dictionary terms). */
export function foldString(s: string): string {
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
    if (c >= 0xd800 && c <= 0xdbff) {
      cls[c] = C_HIGH;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      cls[c] = C_MAP; // lone low surrogate: keep as is
      repl[c] = c;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (IGNORABLE.test(ch)) {
      cls[c] = C_DROP;
      continue;
    }
    if (MARK.test(ch) || (c >= 0x1160 && c <= 0x11ff)) {
      cls[c] = C_COMBINING;
      continue;
    }
    const r = foldString(ch);
    if (r.length === 1 && !MARK.test(r)) {
      cls[c] = C_MAP;
      repl[c] = r.charCodeAt(0);
    } else {
      cls[c] = C_SLOW;
    }
  }
  builtBlocks[b] = 1;
}

function classOf(c: number): number {
  let k = cls[c] as number;
  if (k === C_UNKNOWN) {
    buildBlock(c >> 8);
    k = cls[c] as number;
  }
  return k;
}

/** Astral code points that normalise to themselves and have no case: emoji, CJK extensions. */
function astralStable(cp: number): boolean {
  if (cp >= 0x1f000 && cp <= 0x1faff) return !(cp >= 0x1f100 && cp <= 0x1f1e5);
  if (cp >= 0x20000 && cp <= 0x3ffff) return !(cp >= 0x2f800 && cp <= 0x2fa1f);
  return false;
}

// Scratch buffers reused across calls (checks are synchronous and never re-entrant).
let outBuf = new Uint16Array(4096);
let msBuf = new Int32Array(4096);
let meBuf = new Int32Array(4096);

function ensure(n: number): void {
  if (outBuf.length >= n) return;
  let size = outBuf.length;
  while (size < n) size *= 2;
  const o = new Uint16Array(size);
  o.set(outBuf);
  const s = new Int32Array(size);
  s.set(msBuf);
  const e = new Int32Array(size);
  e.set(meBuf);
  outBuf = o;
  msBuf = s;
  meBuf = e;
}

export function unitsToString(buf: Uint16Array, n: number): string {
  if (n === 0) return '';
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 8192)) as unknown as number[]);
  }
  return s;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** The base view of `text`. */
export function baseView(text: string): View {
  if (!NON_ASCII.test(text)) return { text: text.toLowerCase(), ms: null, me: null };
  const n = text.length;
  ensure(n * 2 + 64);
  let o = 0;
  let i = 0;
  // Start of the last emitted cluster (for combining marks that must join it) and where its output began.
  let lastStart = -1;
  let lastOut = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const k = c < 128 ? C_MAP : classOf(c);
    if (k === C_MAP) {
      if (c < 128) outBuf[o] = c >= 65 && c <= 90 ? c + 32 : c;
      else outBuf[o] = repl[c] as number;
      msBuf[o] = i;
      meBuf[o] = i + 1;
      lastStart = i;
      lastOut = o;
      o++;
      i++;
      continue;
    }
    if (k === C_DROP) {
      i++;
      continue;
    }
    if (k === C_HIGH) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        if (cp >= 0xe0000 && cp <= 0xe0fff) {
          i += 2; // tags and variation selectors supplement: ignorable
          continue;
        }
        if (astralStable(cp)) {
          outBuf[o] = c;
          outBuf[o + 1] = d;
          msBuf[o] = i;
          meBuf[o] = i + 2;
          msBuf[o + 1] = i;
          meBuf[o + 1] = i + 2;
          lastStart = i;
          lastOut = o;
          o += 2;
          i += 2;
          continue;
        }
        // fall through to the slow path with a two-unit starter
      } else {
        outBuf[o] = c; // lone high surrogate: keep
        msBuf[o] = i;
        meBuf[o] = i + 1;
        lastStart = i;
        lastOut = o;
        o++;
        i++;
        continue;
      }
    }
    // Slow cluster: a starter (or the previous cluster, when this is a combining mark) plus following marks.
    let start = i;
    if (k === C_COMBINING && lastStart >= 0) {
      start = lastStart;
      o = lastOut;
    }
    let j = i + (k === C_HIGH ? 2 : 1);
    while (j < n) {
      const d = text.charCodeAt(j);
      const kd = d < 128 ? C_MAP : classOf(d);
      if (kd === C_COMBINING) j++;
      else if (kd === C_DROP && j + 1 < n && classOf(text.charCodeAt(j + 1)) === C_COMBINING) j++;
      else break;
    }
    const folded = foldString(text.slice(start, j));
    ensure(o + folded.length + (n - j) * 2 + 64);
    lastStart = start;
    lastOut = o;
    for (let t = 0; t < folded.length; t++) {
      outBuf[o] = folded.charCodeAt(t);
      msBuf[o] = start;
      meBuf[o] = j;
      o++;
    }
    i = j;
  }
  return { text: unitsToString(outBuf, o), ms: msBuf.slice(0, o), me: meBuf.slice(0, o) };
}

// ---------------------------------------------------------------------------------------------------------------
// Derived profiles

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
  l: 'i',
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

function derivedTable(key: number): Int32Array {
  let t = derivedTables.get(key);
  if (t) return t;
  t = new Int32Array(65536).fill(-2);
  derivedTables.set(key, t);
  return t;
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

/** A view derived from the base view by 1:1 (or dropping) folds. */
export function deriveView(base: View, key: number): View {
  if (key === 0) return base;
  const table = derivedTable(key);
  const s = base.text;
  const n = s.length;
  const out = new Uint16Array(n);
  const ms = new Int32Array(n);
  const me = new Int32Array(n);
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let r = table[c] as number;
    if (r === -2) {
      r = deriveChar(c, key);
      table[c] = r;
    }
    if (r < 0) continue;
    out[o] = r;
    ms[o] = base.ms ? (base.ms[i] as number) : i;
    me[o] = base.me ? (base.me[i] as number) : i + 1;
    o++;
  }
  return { text: unitsToString(out, o), ms: ms.subarray(0, o), me: me.subarray(0, o) };
}

/** Normalise a dictionary term or phrase for a profile (no map). */
export function normalizeTerm(term: string, key: number): string {
  const b = foldString(term);
  if (key === 0) return b;
  const table = derivedTable(key);
  let r = '';
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    let x = table[c] as number;
    if (x === -2) {
      x = deriveChar(c, key);
      table[c] = x;
    }
    if (x >= 0) r += String.fromCharCode(x);
  }
  return r;
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

export function isWordCp(cp: number): boolean {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || cp === 95;
  }
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
  if (c < 128) return isWordCp(c);
  return isWordCp(codePointAt(s, i));
}

export function isNoSpaceScriptAt(s: string, i: number): boolean {
  if (i < 0 || i >= s.length) return false;
  const c = s.charCodeAt(i);
  if (c < 0x0e00) return false;
  return NO_SPACE.test(String.fromCodePoint(codePointAt(s, i)));
}
