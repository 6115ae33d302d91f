import { caretAfterEdits, relocateEdits } from '../relocate';
import { placeCaret, replaceText } from '../replace';
import { readEditorText } from '../text';
import { schedule } from './check-loop';
import type { SessionCore } from './core';
import { hide, publish, statsFor } from './findings';

/** What the member does on a finding's card, by the finding's index in `findings`. */

export function open(core: SessionCore, index: number, via: 'pointer' | 'keyboard'): void {
  if (index >= 0 && index < core.store.getState().findings.length) core.store.setState({ active: { index, via } });
}

export function close(core: SessionCore, returnFocus: boolean): void {
  core.store.setState({ active: null });
  if (returnFocus) core.editor.focus({ preventScroll: true });
}

/**
 * Applies a fix through the editor-friendly replacement, later edits first so earlier offsets stay valid. The focus
 * may have been in the card meanwhile, and some editors rebuild their DOM on blur: the fix works on text offsets,
 * checked against the editor's text as it is now, and leaves the caret right after the last edit.
 */
export async function applyFix(core: SessionCore, index: number, fixIndex: number): Promise<void> {
  const { store } = core;
  const finding = store.getState().findings[index];
  const fix = finding?.fixes[fixIndex];
  if (!finding || !fix) return;
  store.setState({ active: null, notice: null });
  const current = readEditorText(core.editor).text;
  const located = relocateEdits(finding, fix.edits, core.text.shownText, current);
  if (!located) {
    store.setState({ notice: `Spoke did not apply “${fix.label}”: the text it was for has changed.` });
    core.editor.focus({ preventScroll: true });
    schedule(core);
    return;
  }
  const edits = [...located].sort((a, b) => b.start - a.start);
  let applied = true;
  let text = current;
  for (const edit of edits) {
    const result = await replaceText(core.editor, core.composer.editorKind, edit.start, edit.end, edit.text);
    if (!result.ok) {
      store.setState({ notice: `Spoke could not apply “${fix.label}”: ${result.reason}` });
      applied = false;
      break;
    }
    text = result.text;
  }
  if (applied) {
    statsFor(core, finding).fixed += 1;
    // Each replacement left the caret after itself; the last one applied is the first in the text.
    if (edits.length > 1) await placeCaret(core.editor, caretAfterEdits(edits, current.length, text.length));
  }
  schedule(core);
}

export function dismiss(core: SessionCore, index: number): void {
  const finding = core.store.getState().findings[index];
  if (!finding) return;
  statsFor(core, finding).dismissed += 1;
  hide(core, finding);
}

/** Reported on its own (guideline_feedback), so not counted again as a dismissal. */
export function notHelpful(core: SessionCore, index: number): void {
  const finding = core.store.getState().findings[index];
  if (!finding) return;
  core.deps.onFeedback?.(finding.ruleId);
  hide(core, finding);
  core.store.setState({ notice: 'Thanks: your social team will see that this tip missed (not what you wrote).' });
}

/** "Don't show this tip again": the background mutes the rule; its findings go at once. */
export async function mute(core: SessionCore, index: number): Promise<void> {
  const finding = core.store.getState().findings[index];
  if (!finding) return;
  const muted = await core.deps.muteRule(finding.ruleId).catch(() => false);
  if (!muted) {
    core.store.setState({ notice: 'Spoke could not turn this tip off. Try again later.' });
    return;
  }
  core.text.shown = core.text.shown.filter((f) => f.ruleId !== finding.ruleId);
  core.store.setState({ active: null });
  publish(core);
  core.editor.focus({ preventScroll: true });
}

/** The viewport box of a finding's first line, for placing its card. */
export function findingRect(core: SessionCore, index: number): DOMRect | null {
  const finding = core.store.getState().findings[index];
  if (!finding) return null;
  const range = core.text.snapshot.rangeFor(finding.start, finding.end);
  return range.getClientRects()[0] ?? range.getBoundingClientRect();
}
