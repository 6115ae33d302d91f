import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parse as parseDomain } from 'tldts';
import { hasObfuscationHint, OBFUSCATED_EMAIL, OBFUSCATED_TLD } from './mailboxes';
import { isWordAt } from './normalize';
import { ibanValid, luhn } from './number-values';
import { numberWords } from './number-words';
import type { DetectorName } from './schema';

// Detectors run on the base view (NFKC + lower case). Every native RegExp here has bounded quantifiers (or an
// optional unbounded tail that cannot fail), so scanning is linear even on 50k-character pathological input.
// Each detector returns flat [start, end, ...] view offsets plus a parallel array of values.

export interface Detection {
  spans: number[];
  /** Parallel to spans/2: the tag text (without sigil), the registrable domain (url), the numeric value. */
  values: Array<string | number | undefined>;
  /** url only: the full URL text as found, for query-parameter checks. */
  extra?: string[];
}

const HASHTAG = /#([\p{L}\p{N}\p{M}_]{1,139})/gu;
const MENTION = /@([a-z0-9_]{1,30})/g;
const CASHTAG = /\$([a-z]{1,6}(?:[._][a-z]{1,2})?)(?![\p{L}\p{N}_])/gu;
// The same, anchored at a known sigil.
const HASHTAG_AT = new RegExp(HASHTAG.source, 'yu');
const MENTION_AT = new RegExp(MENTION.source, 'y');
const CASHTAG_AT = new RegExp(CASHTAG.source, 'yu');
const SCHEME_URL = /(?:https?:\/\/|www\.)[^\s<>"'`]{1,2000}/g;
const SCHEME_URL_AT = new RegExp(SCHEME_URL.source, 'y');
/** The literal starts of SCHEME_URL: a caller that finds these (Aho-Corasick) passes their offsets as marks.schemes. */
export const URL_SCHEMES = ['http://', 'https://', 'www.'];
const BARE_DOMAIN = /[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(?:[/?#][^\s<>"'`]{0,2000})?/y;

function hostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

const TRAIL_PUNCT = /[.,;:!?)\]}'"…]+$/;
const DIGITS = /\d+/g;
const IBAN_AT = /[a-z]{2}\d{2}(?: ?[a-z0-9]){11,32}/y;
const MAGNITUDE = /^ ?(k|mm|m|bn|b|million|billion|thousand|trillion)(?![a-z0-9])/;
const CURRENCY_WORD =
  /^ ?(?:(?:k|mm|m|bn|million|billion|thousand|trillion) ?)?(usd|eur|gbp|dollars|euros|pounds)(?![a-z])/;
const PERCENT_AFTER = /^ ?(?:%|percent(?![a-z])|pct(?![a-z]))/;
const CURRENCY = '$€£¥₹';

interface Tokens {
  text: string;
  /** digit runs [start, end, ...] */
  runs: number[];
  /** number groups "1,234.5": [start, end, ...] */
  groups: number[];
}
/**
 * Per-check memo shared by the detectors of one check (owned by the caller, dropped with it: nothing of the
 * user's text outlives the check).
 */
export interface DetectMemo {
  tokens?: Tokens;
  hosts?: Map<string, { isIcann: boolean | null; domain: string | null }>;
  /**
   * Where the caller already found the sigils and digits of the text (ascending offsets), so detectors jump to them
   * instead of scanning: the check's Aho-Corasick pass reports them for free.
   */
  marks?: Marks;
}
/** Pack settings some detectors read (phone: where the organisation's people work). */
export interface DetectSettings {
  countries?: readonly string[];
}

export interface Marks {
  text: string;
  hash: number[];
  at: number[];
  dollar: number[];
  /** digit runs [start, end, ...] */
  digitRuns: number[];
  /** starts of URL_SCHEMES occurrences, ascending (absent: the url detector looks for them itself) */
  schemes?: number[];
  /** spans [s, e…] of NUMBER_UNITS words (absent: the number-word reader looks for them itself) */
  units?: number[];
}

/** Matches of a global sticky-capable regex that can only start at `starts` (the regex's first unit), in order. */
function execAt(re: RegExp, s: string, starts: number[], each: (m: RegExpExecArray) => void): void {
  let from = 0;
  for (const p of starts) {
    if (p < from) continue;
    re.lastIndex = p;
    const m = re.exec(s);
    if (!m) continue;
    each(m);
    from = m.index + m[0].length;
  }
}

/** One native scan for digit runs, shared by every numeric detector of a check. */
function tokens(s: string, memo: DetectMemo): Tokens {
  if (memo.tokens && memo.tokens.text === s) return memo.tokens;
  let runs: number[];
  if (memo.marks && memo.marks.text === s) runs = memo.marks.digitRuns;
  else {
    runs = [];
    DIGITS.lastIndex = 0;
    for (let m = DIGITS.exec(s); m; m = DIGITS.exec(s)) runs.push(m.index, m.index + m[0].length);
  }
  const groups: number[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    const a = runs[i] as number;
    let e = runs[i + 1] as number;
    while (i + 2 < runs.length && runs[i + 2] === e + 1 && (s.charAt(e) === '.' || s.charAt(e) === ',')) {
      i += 2;
      e = runs[i + 1] as number;
    }
    groups.push(a, e);
  }
  memo.tokens = { text: s, runs, groups };
  return memo.tokens;
}

/** Digit runs joined by short separator gaps, e.g. "+1 (650) 253-0000" or "4111 1111 1111 1111". */
function clusters(s: string, runs: number[], gap: RegExp, maxGap: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs.length; i += 2) {
    const a = runs[i] as number;
    let e = runs[i + 1] as number;
    while (i + 2 < runs.length) {
      const next = runs[i + 2] as number;
      if (next - e > maxGap || !gap.test(s.slice(e, next))) break;
      i += 2;
      e = runs[i + 1] as number;
    }
    out.push(a, e);
  }
  return out;
}

function overlapsAny(taken: number[], a: number, b: number): boolean {
  for (let k = 0; k < taken.length; k += 2) if (a < (taken[k + 1] as number) && b > (taken[k] as number)) return true;
  return false;
}

function wordBefore(s: string, i: number): boolean {
  return isWordAt(s, i - 1);
}

function host(url: string): string {
  let h = url.replace(/^https?:\/\//, '');
  const cut = h.search(/[/?#:]/);
  if (cut >= 0) h = h.slice(0, cut);
  return h.replace(/\.$/, '');
}

function parseHost(h: string, memo: DetectMemo): { isIcann: boolean | null; domain: string | null } {
  memo.hosts ??= new Map();
  let info = memo.hosts.get(h);
  if (!info) {
    const p = parseDomain(h);
    info = { isIcann: p.isIcann, domain: p.domain };
    memo.hosts.set(h, info);
  }
  return info;
}

export function detect(name: DetectorName, s: string, memo: DetectMemo = {}, settings: DetectSettings = {}): Detection {
  const marks = memo.marks && memo.marks.text === s ? memo.marks : null;
  const spans: number[] = [];
  const values: Array<string | number | undefined> = [];
  switch (name) {
    case 'hashtag': {
      const onHashtag = (m: RegExpExecArray) => {
        const tag = m[1] as string;
        if (wordBefore(s, m.index) || s.charAt(m.index - 1) === '&' || /^\d+$/.test(tag)) return;
        spans.push(m.index, m.index + m[0].length);
        values.push(tag);
      };
      if (marks) execAt(HASHTAG_AT, s, marks.hash, onHashtag);
      else if (s.includes('#')) {
        HASHTAG.lastIndex = 0;
        for (let m = HASHTAG.exec(s); m; m = HASHTAG.exec(s)) onHashtag(m);
      }
      break;
    }
    case 'mention': {
      const onMention = (m: RegExpExecArray) => {
        const b = s.charAt(m.index - 1);
        if (wordBefore(s, m.index) || b === '.' || b === '-' || b === '+') return;
        const e = m.index + m[0].length;
        if (s.charAt(e) === '.' && /[a-z]/.test(s.charAt(e + 1))) return; // an email's domain part
        spans.push(m.index, e);
        values.push(m[1]);
      };
      if (marks) execAt(MENTION_AT, s, marks.at, onMention);
      else if (s.includes('@')) {
        MENTION.lastIndex = 0;
        for (let m = MENTION.exec(s); m; m = MENTION.exec(s)) onMention(m);
      }
      break;
    }
    case 'cashtag': {
      const onCashtag = (m: RegExpExecArray) => {
        if (wordBefore(s, m.index)) return;
        spans.push(m.index, m.index + m[0].length);
        values.push(m[1]);
      };
      if (marks) execAt(CASHTAG_AT, s, marks.dollar, onCashtag);
      else if (s.includes('$')) {
        CASHTAG.lastIndex = 0;
        for (let m = CASHTAG.exec(s); m; m = CASHTAG.exec(s)) onCashtag(m);
      }
      break;
    }
    case 'email': {
      let ats: number[];
      if (marks) ats = marks.at;
      else {
        ats = [];
        for (let i = s.indexOf('@'); i >= 0; i = s.indexOf('@', i + 1)) ats.push(i);
      }
      for (const at of ats) {
        let a = at;
        while (a > 0 && at - a < 64 && /[a-z0-9._%+-]/.test(s.charAt(a - 1))) a--;
        let b = at + 1;
        while (b < s.length && b - at < 255 && /[a-z0-9.-]/.test(s.charAt(b))) b++;
        while (b > at + 1 && (s.charAt(b - 1) === '.' || s.charAt(b - 1) === '-')) b--;
        while (a < at && s.charAt(a) === '.') a++;
        if (a === at) continue;
        const domain = s.slice(at + 1, b);
        if (!/\.[a-z]{2,24}$/.test(domain) || domain.includes('..')) continue;
        spans.push(a, b);
        values.push(domain);
      }
      if (hasObfuscationHint(s)) {
        OBFUSCATED_EMAIL.lastIndex = 0;
        for (let m = OBFUSCATED_EMAIL.exec(s); m; m = OBFUSCATED_EMAIL.exec(s)) {
          const tld = OBFUSCATED_TLD.exec(m[2] as string);
          // A real top-level domain at the end, and an obfuscation inside (a plain address was found above).
          if (!tld || !parseHost(`x.${tld[1]}`, memo).isIcann || !/[[({<]|\s/.test(m[0])) continue;
          if (overlapsAny(spans, m.index, m.index + m[0].length)) continue;
          spans.push(m.index, m.index + m[0].length);
          values.push((m[2] as string).replace(/\s*(?:[[({<]\s*(?:dot|\.)\s*[\])}>]|\sdot\s)\s*/g, '.'));
        }
        if (spans.length > 2) {
          const order = spans
            .map((_, i) => i)
            .filter((i) => i % 2 === 0)
            .sort((x, y) => (spans[x] as number) - (spans[y] as number));
          const sorted = order.flatMap((i) => [spans[i] as number, spans[i + 1] as number]);
          const vals = order.map((i) => values[i / 2]);
          spans.splice(0, spans.length, ...sorted);
          values.splice(0, values.length, ...vals);
        }
      }
      break;
    }
    case 'url': {
      const taken: number[] = [];
      const found: Array<[number, number, string, string]> = []; // start, end, text, host
      const onScheme = (m: RegExpExecArray) => {
        if (overlapsAny(taken, m.index, m.index + 1)) return;
        if (m[0].startsWith('www') && wordBefore(s, m.index)) return;
        const text = m[0].replace(TRAIL_PUNCT, '');
        const h = host(text);
        if (!h.includes('.')) return;
        found.push([m.index, m.index + text.length, text, h]);
        taken.push(m.index, m.index + m[0].length);
      };
      if (marks?.schemes) execAt(SCHEME_URL_AT, s, marks.schemes, onScheme);
      else if (s.includes('http') || s.includes('www.')) {
        SCHEME_URL.lastIndex = 0;
        for (let m = SCHEME_URL.exec(s); m; m = SCHEME_URL.exec(s)) onScheme(m);
      }
      for (let dot = s.indexOf('.'); dot > 0; dot = s.indexOf('.', dot + 1)) {
        const nx = s.charCodeAt(dot + 1);
        if (nx < 97 || nx > 122 || !hostChar(s.charCodeAt(dot - 1)) || s.charCodeAt(dot - 1) === 46) continue;
        let a = dot - 1;
        while (a > 0 && dot - a < 253 && hostChar(s.charCodeAt(a - 1))) a--;
        while (a < dot && (s.charAt(a) === '.' || s.charAt(a) === '-')) a++;
        if (overlapsAny(taken, a, dot + 2)) continue;
        BARE_DOMAIN.lastIndex = a;
        const mm = BARE_DOMAIN.exec(s);
        if (!mm) continue;
        const b0 = s.charAt(a - 1);
        if (wordBefore(s, a) || b0 === '@' || b0 === '/' || b0 === '-') continue;
        const text = mm[0].replace(TRAIL_PUNCT, '');
        const h = host(text);
        const info = parseHost(h, memo);
        if (!info.isIcann || !info.domain) continue;
        found.push([a, a + text.length, text, h]);
        taken.push(a, a + text.length);
        dot = a + text.length - 1;
      }
      found.sort((x, y) => x[0] - y[0]);
      const extra: string[] = [];
      for (const [a, b, text, h] of found) {
        spans.push(a, b);
        values.push(parseHost(h, memo).domain ?? h); // = registrableDomain(text), host already known
        extra.push(text);
      }
      return { spans, values, extra };
    }
    case 'money':
    case 'percent':
    case 'number': {
      // Values are the raw text ("$1.2m", "32%"); parseNumber() runs only where a rule needs the amount.
      const { groups } = tokens(s, memo);
      for (let i = 0; i < groups.length; i += 2) {
        let a = groups[i] as number;
        let e = groups[i + 1] as number;
        const before = s.charAt(a - 1);
        const symbol = CURRENCY.includes(before)
          ? a - 1
          : before === ' ' && CURRENCY.includes(s.charAt(a - 2))
            ? a - 2
            : -1;
        if (symbol < 0 && (isWordAt(s, a - 1) || before === '.' || before === ',')) continue;
        if (symbol >= 0 && isWordAt(s, symbol - 1)) continue;
        const rest = s.slice(e, e + 16);
        if (name === 'percent') {
          const m = PERCENT_AFTER.exec(rest);
          if (!m) continue;
          spans.push(a, e + m[0].length);
          values.push(s.slice(a, e));
          continue;
        }
        const mag = MAGNITUDE.exec(rest);
        if (name === 'money') {
          const cw = CURRENCY_WORD.exec(rest);
          if (symbol < 0 && !cw) continue;
          if (symbol >= 0) a = symbol;
          e += cw ? cw[0].length : mag ? mag[0].length : 0;
          spans.push(a, e);
          values.push(s.slice(a, e));
          continue;
        }
        // number
        const raw = s.slice(a, e);
        if (!mag && isWordAt(s, e)) continue; // part of a token like 3d, 5g or q3fy
        if (!mag && raw.length === 4 && /^(19|20)\d\d$/.test(raw)) continue; // a year
        const end = e + (mag ? mag[0].length : 0);
        spans.push(a, end);
        values.push(s.slice(a, end));
      }
      // Figures in words: "grew twelve percent", "forty million dollars".
      for (const w of numberWords(s, marks?.units)) {
        if (name === 'percent' ? w.kind !== 'percent' : name === 'money' ? w.kind !== 'money' : w.kind === 'percent')
          continue;
        if (overlapsAny(spans, w.start, w.end)) continue;
        spans.push(w.start, w.end);
        values.push(String(w.value));
      }
      break;
    }
    case 'phone': {
      const { runs } = tokens(s, memo);
      const cl = clusters(s, runs, /^[ ().-]{1,3}$/, 3);
      for (let i = 0; i < cl.length; i += 2) {
        let a = cl[i] as number;
        const e = cl[i + 1] as number;
        const raw0 = s.slice(a, e);
        const digits = raw0.replace(/\D/g, '');
        if (digits.length < 7 || digits.length > 15) continue;
        if (s.charAt(a - 1) === '(') a--;
        if (s.charAt(a - 1) === '+') a--;
        else if (s.charAt(a - 1) === ' ' && s.charAt(a - 2) === '+') a -= 2;
        if (isWordAt(s, a - 1) || isWordAt(s, e)) continue;
        // Identifiers such as CVE-2026-31877 or BW-2026-004 are not phone numbers.
        if (s.charAt(a - 1) === '-' || s.charAt(a - 1) === '/' || s.charAt(e) === '-') continue;
        const raw = s.slice(a, e);
        if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) continue; // a date
        // A bare run of digits is a phone number only when written as one: with a + or a trunk 0, or 10+ digits.
        if (/^\d+$/.test(raw) && raw[0] !== '0' && raw.length < 10) continue;
        let ok = false;
        // International numbers stand on their own; national ones are tried in each of the organisation's countries
        // (the US when the pack names none).
        const regions = raw.startsWith('+') ? [undefined] : settings.countries?.length ? settings.countries : ['US'];
        for (const region of regions) {
          try {
            const parsed = parsePhoneNumberFromString(raw, region as CountryCode | undefined);
            // Valid, or a national number written as one (a trunk 0, in groups) with a possible length: the numbering
            // plans' reserved ranges (UK 07700 900xxx) are still someone's number to a reader.
            ok = parsed?.isValid() === true || (parsed?.isPossible() === true && /^0/.test(raw) && /[ .-]/.test(raw));
          } catch {
            ok = false;
          }
          if (ok) break;
        }
        if (ok) {
          spans.push(a, e);
          values.push(digits);
        }
      }
      break;
    }
    case 'payment_card': {
      const { runs } = tokens(s, memo);
      const cl = clusters(s, runs, /^[ -]$/, 1);
      for (let i = 0; i < cl.length; i += 2) {
        const a = cl[i] as number;
        const e = cl[i + 1] as number;
        if (e - a < 13 || isWordAt(s, a - 1) || isWordAt(s, e)) continue;
        const digits = s.slice(a, e).replace(/\D/g, '');
        if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits) || !luhn(digits)) continue;
        spans.push(a, e);
        values.push(digits.slice(-4));
      }
      break;
    }
    case 'iban': {
      const { runs } = tokens(s, memo);
      for (let i = 0; i < runs.length; i += 2) {
        const at = (runs[i] as number) - 2;
        if (at < 0 || (runs[i + 1] as number) - (runs[i] as number) < 2) continue;
        const c1 = s.charCodeAt(at);
        const c2 = s.charCodeAt(at + 1);
        if (c1 < 97 || c1 > 122 || c2 < 97 || c2 > 122 || isWordAt(s, at - 1)) continue;
        IBAN_AT.lastIndex = at;
        const m = IBAN_AT.exec(s);
        if (!m) continue;
        let raw = m[0];
        let ok = false;
        while (raw.replace(/ /g, '').length >= 15) {
          if (!isWordAt(s, at + raw.length) && ibanValid(raw)) {
            ok = true;
            break;
          }
          const sp = raw.lastIndexOf(' ');
          if (sp < 0) break;
          raw = raw.slice(0, sp);
        }
        if (ok) {
          spans.push(at, at + raw.length);
          values.push(raw.slice(0, 2));
        }
      }
      break;
    }
    case 'us_ssn': {
      const { runs } = tokens(s, memo);
      for (let i = 0; i + 5 < runs.length; i += 2) {
        const a = runs[i] as number;
        if (
          (runs[i + 1] as number) - a !== 3 ||
          runs[i + 2] !== a + 4 ||
          runs[i + 3] !== a + 6 ||
          runs[i + 4] !== a + 7 ||
          runs[i + 5] !== a + 11 ||
          s.charAt(a + 3) !== '-' ||
          s.charAt(a + 6) !== '-'
        )
          continue;
        const b = a + 11;
        if (/[\d-]/.test(s.charAt(a - 1)) || /[\d-]/.test(s.charAt(b)) || isWordAt(s, a - 1) || isWordAt(s, b))
          continue;
        const area = Number(s.slice(a, a + 3));
        if (area === 0 || area === 666 || area >= 900 || s.slice(a + 4, a + 6) === '00' || s.slice(a + 7, b) === '0000')
          continue;
        spans.push(a, b);
        values.push(undefined);
      }
      break;
    }
  }
  return { spans, values };
}
