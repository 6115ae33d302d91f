import type { Finding } from '@/lib/contract/findings';

/**
 * Moves findings computed for `from` onto `to`, the text as it is now (the user kept typing while the check ran).
 * The edit between the two is taken as one changed span between their common prefix and suffix: findings before it
 * stay, findings after it shift, findings touching it are dropped until the next check answers.
 */
export function rebaseFindings(findings: readonly Finding[], from: string, to: string): Finding[] {
  if (from === to) return [...findings];
  let prefix = 0;
  const shortest = Math.min(from.length, to.length);
  while (prefix < shortest && from.charCodeAt(prefix) === to.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shortest - prefix &&
    from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)
  ) {
    suffix++;
  }
  const changedEnd = from.length - suffix; // end of the changed span in `from`
  const delta = to.length - from.length;
  /** Where a span of `from` lands in `to`, or undefined when the edit touched it. */
  const move = (start: number, end: number): [number, number] | undefined => {
    if (end <= prefix) return [start, end];
    if (start >= changedEnd) return [start + delta, end + delta];
    return undefined;
  };
  const moved: Finding[] = [];
  for (const finding of findings) {
    const span = move(finding.start, finding.end);
    if (!span) continue;
    const fixes = finding.fixes.flatMap((fix) => {
      const edits = fix.edits.map((edit) => {
        const target = move(edit.start, edit.end);
        return target && { ...edit, start: target[0], end: target[1] };
      });
      return edits.every((edit) => edit !== undefined) ? [{ ...fix, edits }] : [];
    });
    moved.push({ ...finding, start: span[0], end: span[1], fixes });
  }
  return moved;
}
