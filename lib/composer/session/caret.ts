import { offsetOf, readEditorText } from '../text';
import type { SessionCore } from './core';

function selectionIn(editor: HTMLElement): Selection | null {
  const root = editor.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  return (typeof root.getSelection === 'function' ? root.getSelection() : null) ?? editor.ownerDocument.getSelection();
}

function caretOffset(core: SessionCore): number {
  const selection = selectionIn(core.editor);
  if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return -1;
  const range = selection.getRangeAt(0);
  return offsetOf(core.text.snapshot, core.editor, range.startContainer, range.startOffset);
}

/**
 * Clicking or moving the caret into an underlined word opens its card; leaving it closes a card opened so.
 * 'later' when a click came mid-typing and must be looked at again on the next frame (the caller schedules one).
 */
export function caretMoved(core: SessionCore, event?: Event): 'done' | 'later' {
  const { store } = core;
  if (core.text.snapshot.text !== readEditorText(core.editor).text) {
    // Mid-typing: offsets are off until the frame handler catches up. A click is looked at again then (a click
    // right after typing must still open its card); a keyup is not, as the next keystroke's will be.
    if (event?.type !== 'click') return 'done';
    core.loop.caretPending = true;
    return 'later';
  }
  core.loop.caretPending = false;
  const offset = caretOffset(core);
  if (offset < 0) return 'done';
  const findings = store.getState().findings;
  const index = findings.findIndex((f) => f.start <= offset && offset <= f.end && f.end > f.start);
  const active = store.getState().active;
  if (index >= 0) store.setState({ active: { index, via: 'pointer' } });
  else if (active?.via === 'pointer') store.setState({ active: null });
  return 'done';
}

/** The viewport box of the caret in the editor, if it is there. */
export function caretRect(core: SessionCore): DOMRect | null {
  const selection = selectionIn(core.editor);
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!core.editor.contains(range.startContainer)) return null;
  return range.getClientRects()[0] ?? null;
}
