import type { Finding } from '@/lib/contract/findings';
import { rebaseFindings } from './rebase';

type TextEdit = Finding['fixes'][number]['edits'][number];

/**
 * Where a fix's edits, computed on the text `from`, apply to `to`: the editor's text as it is when the member
 * applies the fix, after the focus went to the card and back (an editor may rewrite its content meanwhile). Offsets
 * are kept, never DOM ranges; before they are used, the text each edit replaces must still be there.
 *
 * In order: the same offsets when the text is unchanged; the offsets moved with the text around them (an edit
 * elsewhere); else the finding's text where it occurs nearest to where it was, its edits moved with it. Null when
 * none holds: the finding's text is gone, and the fix must not touch other characters.
 */
export function relocateEdits(
  finding: Pick<Finding, 'start' | 'end'>,
  edits: readonly TextEdit[],
  from: string,
  to: string,
): TextEdit[] | null {
  if (from === to) return [...edits];
  const rebased = rebase(finding, edits, from, to);
  if (rebased?.edits && replacesSameText(edits, rebased.edits, from, to)) return rebased.edits;

  const found = from.slice(finding.start, finding.end);
  // An insertion outside the finding has no text of its own to find it by: it cannot follow the finding.
  const followsFinding = edits.every((e) => e.end > e.start || (e.start >= finding.start && e.start <= finding.end));
  if (found.length === 0 || !followsFinding) return null;
  for (const at of occurrencesByDistance(to, found, rebased?.start ?? finding.start)) {
    const delta = at - finding.start;
    const moved = edits.map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
    if (replacesSameText(edits, moved, from, to)) return moved;
  }
  return null;
}

/**
 * The finding and its edits moved across the one changed span between `from` and `to` (./rebase.ts): null when
 * that span touches the finding, no `edits` when it touches one of them.
 */
function rebase(
  finding: Pick<Finding, 'start' | 'end'>,
  edits: readonly TextEdit[],
  from: string,
  to: string,
): { start: number; edits?: TextEdit[] } | null {
  const probe: Finding = {
    ...finding,
    ruleId: 'relocate',
    severity: 'info',
    category: 'relocate',
    title: '',
    message: '',
    rationale: '',
    fixes: [{ label: 'fix', edits: [...edits] }],
  };
  const [moved] = rebaseFindings([probe], from, to);
  return moved ? { start: moved.start, edits: moved.fixes[0]?.edits } : null;
}

/** Whether every edit, moved, still replaces the characters it replaced before and stays within the text. */
function replacesSameText(before: readonly TextEdit[], after: readonly TextEdit[], from: string, to: string): boolean {
  return before.every((edit, i) => {
    const moved = after[i];
    return (
      !!moved &&
      moved.start >= 0 &&
      moved.end <= to.length &&
      to.slice(moved.start, moved.end) === from.slice(edit.start, edit.end)
    );
  });
}

/** Where `needle` occurs in `text`, nearest to `near` first. */
function occurrencesByDistance(text: string, needle: string, near: number): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) found.push(at);
  return found.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
}

/**
 * The text offset right after the last of `edits` (in text order) once all are applied: where the caret goes after a
 * fix. The text after that edit is untouched, so it is found from the end: `resultLength` minus that tail.
 */
export function caretAfterEdits(edits: readonly TextEdit[], originalLength: number, resultLength: number): number {
  const lastEnd = Math.max(...edits.map((e) => e.end));
  return resultLength - (originalLength - lastEnd);
}
