import { foldString } from './normalize';

// Similarity of a draft to an approved template, for the personalisation nudge ("this is a near-copy").
// Sørensen–Dice over character trigrams (multiset) of the normalised, whitespace-collapsed texts: 1 for identical
// texts, 0 for nothing in common; robust to small edits, case, width and zero-width tricks.

function trigrams(s: string): Map<string, number> {
  const t = ` ${foldString(s).replace(/\s+/g, ' ').trim()} `;
  const m = new Map<string, number>();
  for (let i = 0; i + 3 <= t.length; i++) {
    const g = t.slice(i, i + 3);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

export function similarity(draft: string, template: string): number {
  if (typeof draft !== 'string' || typeof template !== 'string') return 0;
  const a = draft.replace(/\s+/g, ' ').trim();
  const b = template.replace(/\s+/g, ' ').trim();
  if (!a && !b) return 1;
  if (!a || !b) return 0;
  const ga = trigrams(a.slice(0, 50_000));
  const gb = trigrams(b.slice(0, 50_000));
  let na = 0;
  let nb = 0;
  let inter = 0;
  for (const v of ga.values()) na += v;
  for (const [g, v] of gb) {
    nb += v;
    const x = ga.get(g);
    if (x) inter += Math.min(x, v);
  }
  if (na + nb === 0) return 0;
  const score = (2 * inter) / (na + nb);
  return Math.max(0, Math.min(1, score));
}
