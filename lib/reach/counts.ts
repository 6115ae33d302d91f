// Numbers as LinkedIn and X print them to the member, in any of their UI languages: "1,234", "1.234", "1 234",
// "1.2K", "12 k", "3,4 Mio.", "2.5M", "1,2 mil". Compact forms are rounded by the site, so they are a lower bound
// of what the site knows; exact aria-labels are preferred where a site has them (see lib/sites).

/** Multipliers after a number, lower-cased and without dots. */
const SUFFIXES: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  tsd: 1e3,
  mil: 1e3, // es/pt "mil" = thousand
  m: 1e6,
  mn: 1e6,
  mio: 1e6,
  mln: 1e6,
  millón: 1e6,
  millones: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  md: 1e9,
  mrd: 1e9,
  billion: 1e9,
  万: 1e4,
  億: 1e8,
  亿: 1e8,
  천: 1e3,
  만: 1e4,
};

// One number with optional group separators (, . space, thin/no-break spaces, ') and one decimal part, then an
// optional suffix word. Linear: no nested quantifiers.
const NUMBER = /(\d[\d.,'\u00a0\u202f\u2009 ]*)\s?([A-Za-z\u00c0-\u024f]+\.?|[万億亿천만])?/u;

/**
 * Reads the first count in `text` ("1,234 impressions", "1.2K", "12 k Aufrufe"); null when there is none. Does not
 * guess across two numbers: "3 replies, 2 reposts" gives 3.
 */
export function parseCount(text: string): number | null {
  const match = NUMBER.exec(text.normalize('NFKC'));
  if (!match) return null;
  const digits = (match[1] ?? '').replace(/[\s\u00a0\u202f\u2009]+$/u, '');
  const suffixWord = match[2]?.replace(/\.$/, '');
  const multiplier = suffixWord === undefined ? 1 : (SUFFIXES[suffixWord] ?? SUFFIXES[suffixWord.toLowerCase()]);
  return Math.round(readNumber(digits, multiplier !== undefined && multiplier !== 1) * (multiplier ?? 1));
}

/**
 * The count a label starts with ("3 Replies. Reply", "3 Antworten. Antworten", "5124 次查看。查看帖子分析"); null when
 * the label does not start with a number ("Reply": X leaves zero counts out). Sites put the number first in every
 * UI language, so this needs no words.
 */
export function leadingCount(label: string): number | null {
  const text = label.normalize('NFKC').trimStart();
  return /^\d/.test(text) ? parseCount(text) : null;
}

/**
 * Before a suffix ("1.2K", "3,4 Mio.") the last "." or "," is the decimal mark. Without one, a count is whole, so
 * "1,234" / "1.234" / "1 234" group thousands; only a last part of other than three digits ("1,5") is a decimal.
 */
function readNumber(raw: string, compact: boolean): number {
  const separators = [...raw.matchAll(/[.,'\s\u00a0\u202f\u2009]/gu)];
  const last = separators.at(-1);
  if (!last || last.index === undefined) return Number(raw);
  const tail = raw.slice(last.index + 1);
  const isDecimal = (last[0] === '.' || last[0] === ',') && (compact || tail.length !== 3);
  const integerPart = (isDecimal ? raw.slice(0, last.index) : raw).replace(/\D/g, '');
  const fraction = isDecimal ? tail.replace(/\D/g, '') : '';
  return Number(`${integerPart || '0'}.${fraction || '0'}`);
}

/** Counts from an accessible summary such as X's action bar: "3 replies, 2 reposts, 41 likes, 1 bookmark, 1234 views". */
export function parseLabelledCounts(label: string): Partial<Record<'views' | 'replies' | 'reposts' | 'likes', number>> {
  const counts: Partial<Record<'views' | 'replies' | 'reposts' | 'likes', number>> = {};
  for (const part of label.split(/[,،、;]\s*/u)) {
    const value = parseCount(part);
    if (value === null) continue;
    const word = part.toLowerCase();
    if (/\bviews?\b/.test(word)) counts.views = value;
    else if (/\brepl(?:y|ies)\b/.test(word)) counts.replies = value;
    else if (/\b(?:reposts?|retweets?)\b/.test(word)) counts.reposts = value;
    else if (/\blikes?\b/.test(word)) counts.likes = value;
  }
  return counts;
}
