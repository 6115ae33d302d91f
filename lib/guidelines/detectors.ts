import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parse as parseDomain } from 'tldts';
import { isWordAt } from './normalize';
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
const EMAIL_AT = /@/g;
const SCHEME_URL = /(?:https?:\/\/|www\.)[^\s<>"'`]{1,2000}/g;
const BARE_DOMAIN = /[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}(?:[/?#][^\s<>"'`]{0,2000})?/y;
const DOT_CANDIDATE = /[a-z0-9-]\.[a-z]/g;

function hostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}
const MONEY =
  /(?:[$€£¥₹]\s?\d[\d,.]{0,20}(?:\s?(?:k|m|mm|bn|b|million|billion|thousand|trillion)(?![a-z]))?|\d[\d,.]{0,20}\s?(?:k|m|mm|bn|million|billion|thousand|trillion)?\s?(?:usd|eur|gbp|dollars|euros|pounds)(?![a-z]))/g;
const PERCENT = /\d[\d,.]{0,20}\s?(?:%|percent(?![a-z])|pct(?![a-z]))/g;
const NUMBER = /\d[\d,.]{0,30}(?:\s?(?:k|m|mm|bn|million|billion|thousand|trillion)(?![a-z]))?/g;
const PHONE = /(?:\+|\(|\d)[\d ().-]{5,24}\d/g;
const CARD = /\d(?:[ -]?\d){11,18}/g;
const IBAN = /[a-z]{2}\d{2}(?: ?[a-z0-9]){11,32}/g;
const SSN = /\d{3}-\d{2}-\d{4}/g;

const TRAIL_PUNCT = /[.,;:!?)\]}'"…]+$/;

function wordBefore(s: string, i: number): boolean {
  return isWordAt(s, i - 1);
}

export function parseNumber(raw: string): number {
  const m = /^[^\d]*([\d,.]+)\s*([a-z]*)/.exec(raw);
  if (!m) return Number.NaN;
  let digits = m[1] as string;
  // 1,234.5 or 1.234,5: treat the last separator followed by 1-2 digits as the decimal point
  const lastSep = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
  if (lastSep >= 0 && digits.length - lastSep - 1 <= 2 && digits.length - lastSep - 1 > 0) {
    digits = `${digits.slice(0, lastSep).replace(/[.,]/g, '')}.${digits.slice(lastSep + 1)}`;
  } else digits = digits.replace(/[.,]/g, '');
  let v = Number(digits);
  const unit = m[2] ?? '';
  const rest = raw.slice(m[0].length).trim();
  const word = unit || rest.split(/\s/)[0] || '';
  if (word === 'k' || word === 'thousand') v *= 1e3;
  else if (word === 'm' || word === 'mm' || word === 'million') v *= 1e6;
  else if (word === 'b' || word === 'bn' || word === 'billion') v *= 1e9;
  else if (word === 'trillion') v *= 1e12;
  return v;
}

function luhn(digits: string): boolean {
  let sum = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 === 0;
}

export function ibanValid(raw: string): boolean {
  const s = raw.replace(/ /g, '').toUpperCase();
  if (s.length < 15 || s.length > 34 || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const r = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

function host(url: string): string {
  let h = url.replace(/^https?:\/\//, '');
  const cut = h.search(/[/?#:]/);
  if (cut >= 0) h = h.slice(0, cut);
  return h.replace(/\.$/, '');
}

/** The registrable domain of a URL (e.g. "news.acme.co.uk" → "acme.co.uk"), or the host. */
export function registrableDomain(url: string): string {
  const h = host(url);
  const d = parseDomain(h).domain;
  return d ?? h;
}

export function detect(name: DetectorName, s: string): Detection {
  const spans: number[] = [];
  const values: Array<string | number | undefined> = [];
  const push = (a: number, b: number, v?: string | number) => {
    spans.push(a, b);
    values.push(v);
  };
  switch (name) {
    case 'hashtag': {
      if (!s.includes('#')) break;
      HASHTAG.lastIndex = 0;
      for (let m = HASHTAG.exec(s); m; m = HASHTAG.exec(s)) {
        const tag = m[1] as string;
        if (wordBefore(s, m.index) || s.charAt(m.index - 1) === '&' || /^\d+$/.test(tag)) continue;
        push(m.index, m.index + m[0].length, tag);
      }
      break;
    }
    case 'mention': {
      if (!s.includes('@')) break;
      MENTION.lastIndex = 0;
      for (let m = MENTION.exec(s); m; m = MENTION.exec(s)) {
        const b = s.charAt(m.index - 1);
        if (wordBefore(s, m.index) || b === '.' || b === '-' || b === '+') continue;
        const e = m.index + m[0].length;
        if (s.charAt(e) === '.' && /[a-z]/.test(s.charAt(e + 1))) continue; // an email's domain part
        push(m.index, e, m[1]);
      }
      break;
    }
    case 'cashtag': {
      if (!s.includes('$')) break;
      CASHTAG.lastIndex = 0;
      for (let m = CASHTAG.exec(s); m; m = CASHTAG.exec(s)) {
        if (wordBefore(s, m.index)) continue;
        push(m.index, m.index + m[0].length, m[1]);
      }
      break;
    }
    case 'email': {
      if (!s.includes('@')) break;
      EMAIL_AT.lastIndex = 0;
      for (let m = EMAIL_AT.exec(s); m; m = EMAIL_AT.exec(s)) {
        const at = m.index;
        let a = at;
        while (a > 0 && at - a < 64 && /[a-z0-9._%+-]/.test(s.charAt(a - 1))) a--;
        let b = at + 1;
        while (b < s.length && b - at < 255 && /[a-z0-9.-]/.test(s.charAt(b))) b++;
        while (b > at + 1 && (s.charAt(b - 1) === '.' || s.charAt(b - 1) === '-')) b--;
        while (a < at && s.charAt(a) === '.') a++;
        if (a === at) continue;
        const domain = s.slice(at + 1, b);
        if (!/\.[a-z]{2,24}$/.test(domain) || domain.includes('..')) continue;
        push(a, b, domain);
      }
      break;
    }
    case 'url': {
      const taken: number[] = [];
      const overlaps = (a: number, b: number) => {
        for (let k = 0; k < taken.length; k += 2)
          if (a < (taken[k + 1] as number) && b > (taken[k] as number)) return true;
        return false;
      };
      const found: Array<[number, number, string]> = [];
      if (s.includes('http') || s.includes('www.')) {
        SCHEME_URL.lastIndex = 0;
        for (let m = SCHEME_URL.exec(s); m; m = SCHEME_URL.exec(s)) {
          if (m[0].startsWith('www') && wordBefore(s, m.index)) continue;
          const text = m[0].replace(TRAIL_PUNCT, '');
          const h = host(text);
          if (!h.includes('.')) continue;
          found.push([m.index, m.index + text.length, text]);
          taken.push(m.index, m.index + m[0].length);
        }
      }
      if (s.includes('.')) {
        DOT_CANDIDATE.lastIndex = 0;
        for (let m = DOT_CANDIDATE.exec(s); m; m = DOT_CANDIDATE.exec(s)) {
          let a = m.index;
          while (a > 0 && m.index - a < 253 && hostChar(s.charCodeAt(a - 1))) a--;
          while (a < m.index && (s.charAt(a) === '.' || s.charAt(a) === '-')) a++;
          if (overlaps(a, m.index + 3)) continue;
          BARE_DOMAIN.lastIndex = a;
          const mm = BARE_DOMAIN.exec(s);
          if (!mm) continue;
          const b0 = s.charAt(a - 1);
          if (wordBefore(s, a) || b0 === '@' || b0 === '/' || b0 === '-') continue;
          const text = mm[0].replace(TRAIL_PUNCT, '');
          DOT_CANDIDATE.lastIndex = a + mm[0].length;
          const info = parseDomain(host(text));
          if (!info.isIcann || !info.domain) continue;
          found.push([a, a + text.length, text]);
          taken.push(a, a + text.length);
        }
      }
      found.sort((x, y) => x[0] - y[0]);
      const extra: string[] = [];
      for (const [a, b, text] of found) {
        push(a, b, registrableDomain(text));
        extra.push(text);
      }
      return { spans, values, extra };
    }
    case 'money': {
      MONEY.lastIndex = 0;
      for (let m = MONEY.exec(s); m; m = MONEY.exec(s)) {
        if (wordBefore(s, m.index)) continue;
        const raw = m[0].replace(/[.,]+$/, '');
        push(m.index, m.index + raw.length, parseNumber(raw));
      }
      break;
    }
    case 'percent': {
      if (!s.includes('%') && !s.includes('percent') && !s.includes('pct')) break;
      PERCENT.lastIndex = 0;
      for (let m = PERCENT.exec(s); m; m = PERCENT.exec(s)) {
        if (wordBefore(s, m.index) || s.charAt(m.index - 1) === '.') continue;
        push(m.index, m.index + m[0].length, parseNumber(m[0]));
      }
      break;
    }
    case 'number': {
      NUMBER.lastIndex = 0;
      for (let m = NUMBER.exec(s); m; m = NUMBER.exec(s)) {
        if (wordBefore(s, m.index)) continue;
        const raw = m[0].replace(/[.,]+$/, '');
        if (isWordAt(s, m.index + raw.length) && !/[a-z]$/.test(raw)) continue; // part of a token like 3d or 5g
        const v = parseNumber(raw);
        if (/^(19|20)\d\d$/.test(raw)) continue; // a year
        push(m.index, m.index + raw.length, v);
      }
      break;
    }
    case 'phone': {
      PHONE.lastIndex = 0;
      for (let m = PHONE.exec(s); m; m = PHONE.exec(s)) {
        if (wordBefore(s, m.index) || isWordAt(s, m.index + m[0].length)) continue;
        const raw = m[0];
        const digits = raw.replace(/\D/g, '');
        if (digits.length < 7 || digits.length > 15) continue;
        if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) continue; // a date
        let ok = false;
        try {
          const p = parsePhoneNumberFromString(raw, raw.startsWith('+') ? undefined : 'US');
          ok = p?.isValid() === true;
        } catch {
          ok = false;
        }
        if (ok) push(m.index, m.index + raw.length, digits);
      }
      break;
    }
    case 'payment_card': {
      CARD.lastIndex = 0;
      for (let m = CARD.exec(s); m; m = CARD.exec(s)) {
        if (wordBefore(s, m.index) || isWordAt(s, m.index + m[0].length)) continue;
        const digits = m[0].replace(/\D/g, '');
        if (digits.length < 13 || /^(\d)\1+$/.test(digits) || !luhn(digits)) continue;
        push(m.index, m.index + m[0].length, digits.slice(-4));
      }
      break;
    }
    case 'iban': {
      IBAN.lastIndex = 0;
      for (let m = IBAN.exec(s); m; m = IBAN.exec(s)) {
        if (wordBefore(s, m.index)) continue;
        // Try the longest candidate first, shrinking to earlier group ends.
        let raw = m[0];
        let ok = false;
        while (raw.replace(/ /g, '').length >= 15) {
          if (!isWordAt(s, m.index + raw.length) && ibanValid(raw)) {
            ok = true;
            break;
          }
          const sp = raw.lastIndexOf(' ');
          if (sp < 0) break;
          raw = raw.slice(0, sp);
        }
        if (ok) push(m.index, m.index + raw.length, raw.slice(0, 2));
      }
      break;
    }
    case 'us_ssn': {
      if (!s.includes('-')) break;
      SSN.lastIndex = 0;
      for (let m = SSN.exec(s); m; m = SSN.exec(s)) {
        const a = m.index;
        const b = a + 11;
        const prev = s.charAt(a - 1);
        const next = s.charAt(b);
        if (/[\d-]/.test(prev) || /[\d-]/.test(next) || wordBefore(s, a)) continue;
        const area = Number(s.slice(a, a + 3));
        if (area === 0 || area === 666 || area >= 900 || s.slice(a + 4, a + 6) === '00' || s.slice(a + 7, b) === '0000')
          continue;
        push(a, b, undefined);
      }
      break;
    }
  }
  return { spans, values };
}
