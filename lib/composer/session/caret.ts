import { readEditorText } from '../text';
import type { SessionCore } from './core';

/** The caret's offset in the text, or -1 when it is elsewhere or a range is selected. */
function caretOffset(core: SessionCore): number {
  return core.text.snapshot.caretOffset();
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
  return core.text.snapshot.caretRange()?.getClientRects()[0] ?? null;
}
