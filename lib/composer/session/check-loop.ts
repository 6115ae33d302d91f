import { rebaseFindings } from '../rebase';
import { readEditorText } from '../text';
import { caretMoved } from './caret';
import type { SessionCore } from './core';
import { publish, repaint } from './findings';
import { updateNudge } from './nudge';
import { resetPost } from './post-gate';

/**
 * The check loop: at most once per animation frame while the text changes, realign the findings with the text,
 * paint them, and ask the background for a check (one in flight at a time; a change meanwhile asks again after).
 */
export function schedule(core: SessionCore): void {
  if (core.loop.frame || core.loop.destroyed) return;
  core.loop.frame = requestAnimationFrame(() => onFrame(core));
}

function onFrame(core: SessionCore): void {
  const { loop, text, store } = core;
  loop.frame = 0;
  if (loop.destroyed) return;
  text.snapshot = readEditorText(core.editor);
  if (text.snapshot.text !== text.shownText) {
    text.shown = rebaseFindings(text.shown, text.shownText, text.snapshot.text);
    text.shownText = text.snapshot.text;
    const empty = text.snapshot.text.trim() === '';
    if (empty) resetPost(core);
    if (empty !== store.getState().empty) store.setState({ empty });
    publish(core, 'spoke:painted');
    updateNudge(core);
  } else {
    // Same text, maybe in new nodes (LinkedIn's Tiptap rewrites its DOM on blur): ranges on the old ones are empty.
    repaint(core);
  }
  if (loop.caretPending) caretMoved(core);
  if (text.snapshot.text !== loop.checkedText) void runCheck(core, text.snapshot.text);
}

async function runCheck(core: SessionCore, checked: string): Promise<void> {
  const { loop, text } = core;
  if (loop.inFlight) {
    loop.again = true;
    return;
  }
  loop.inFlight = true;
  loop.checkedText = checked;
  try {
    const result = await core.deps.requestCheck(checked);
    if (loop.destroyed) return;
    core.post.confirmBeforePosting = result.confirmBeforePosting;
    text.snapshot = readEditorText(core.editor);
    text.shown = rebaseFindings(result.findings, checked, text.snapshot.text);
    text.shownText = text.snapshot.text;
    publish(core, 'spoke:checked');
  } catch {
    // The background restarted or the extension was updated: try again on the next change.
    loop.checkedText = null;
  } finally {
    loop.inFlight = false;
  }
  if (loop.again) {
    loop.again = false;
    schedule(core);
  }
}
