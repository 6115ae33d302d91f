// Spans are flat arrays of UTF-16 offset pairs [start, end, start, end, ...]: no object per hit.

import { origEnd, origStart, type View } from './normalize';

/** The empty result, shared so no-hit matchers allocate nothing. */
export const NO_HITS: number[] = [];

/** Whether [s, e) lies within one of `ranges`. */
export function inside(s: number, e: number, ranges: number[]): boolean {
  for (let i = 0; i < ranges.length; i += 2)
    if ((ranges[i] as number) <= s && (ranges[i + 1] as number) >= e) return true;
  return false;
}

/** Sort span pairs and drop exact duplicates. */
export function sortSpans(sp: number[]): number[] {
  if (sp.length <= 2) return sp;
  let sorted = true;
  for (let i = 2; i < sp.length; i += 2) {
    const d = (sp[i] as number) - (sp[i - 2] as number) || (sp[i - 1] as number) - (sp[i + 1] as number);
    if (d <= 0) {
      sorted = false;
      break;
    }
  }
  if (sorted) return sp;
  const idx: number[] = [];
  for (let i = 0; i < sp.length; i += 2) idx.push(i);
  idx.sort((a, b) => (sp[a] as number) - (sp[b] as number) || (sp[b + 1] as number) - (sp[a + 1] as number));
  const out: number[] = [];
  for (const i of idx) {
    const s = sp[i] as number;
    const e = sp[i + 1] as number;
    if (out.length && out[out.length - 2] === s && out[out.length - 1] === e) continue;
    out.push(s, e);
  }
  return out;
}

/** Spans of a view mapped back to the original text; spans that map to nothing are dropped. */
export function toOriginal(view: View, spans: number[]): number[] {
  if (!view.segs && !view.ms) {
    // identity map: only drop empty spans
    let empty = false;
    for (let i = 0; i < spans.length; i += 2) if ((spans[i + 1] as number) <= (spans[i] as number)) empty = true;
    if (!empty) return spans.slice();
  }
  const out: number[] = [];
  for (let i = 0; i < spans.length; i += 2) {
    const s = origStart(view, spans[i] as number);
    const e = origEnd(view, spans[i + 1] as number);
    if (e > s) out.push(s, e);
  }
  return out;
}

/** Sorted spans with overlapping ones merged: one finding per stretch of text. */
export function mergeSpans(sp: number[]): number[] {
  const s = sortSpans(sp);
  const out: number[] = [];
  for (let i = 0; i < s.length; i += 2) {
    const a = s[i] as number;
    const e = s[i + 1] as number;
    if (out.length && a < (out[out.length - 1] as number)) {
      out[out.length - 1] = Math.max(out[out.length - 1] as number, e);
    } else out.push(a, e);
  }
  return out;
}
