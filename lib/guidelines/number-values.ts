// Values of numbers as written ("1,234.5", "2.5m", "3 billion") and check digits (Luhn, IBAN).

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

export function luhn(digits: string): boolean {
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
