import type { EditorKind } from '@/lib/sites/types';
import { pasteHtml } from './paste-html';
import { offsetOf, readEditorText } from './text';
import { isTextarea, placeCaretInTextarea, replaceInTextarea } from './textarea';

/**
 * Replaces a range of a composer's text so that the editor's own model takes the change: its state, its Post
 * button and its undo stack stay right. Direct DOM edits never do (Draft.js reverts them); each editor accepts a
 * different native path (docs/sites.md §3):
 *
 * - Draft.js: a synthetic paste with text/plain, after its selection model caught up with the DOM selection.
 * - Quill 1.x: `execCommand('insertText')`; its mutation observer turns the native edit into a user delta.
 *   (Its paste handler ignores synthetic pastes without text/html, so its paste carries both.)
 * - Tiptap (ProseMirror): a synthetic paste with text/plain; ProseMirror parses it into one transaction.
 * - A plain `<textarea>`: `execCommand('insertText')` on its selection (./textarea.ts).
 *
 * The result is read back; if nothing changed, the other path is tried once. Removal pastes the character before
 * (or after) the range over itself plus the range, since an empty paste is ignored by Draft.js. Only text offsets
 * are kept, never DOM ranges: the editor may rebuild its DOM whenever the focus leaves it. The editor ends focused,
 * the caret right after the replacement.
 */

/** `caret`: the text offset right after the replacement, where the caret was put. */
export type ReplaceResult = { ok: true; text: string; caret: number } | { ok: false; reason: string };

type Method = 'paste' | 'insertText';

/** A textarea's edits never get here (./textarea.ts), but its path is the same: execCommand. */
const PRIMARY: Record<EditorKind, Method> = {
  draft: 'paste',
  quill: 'insertText',
  tiptap: 'paste',
  textarea: 'insertText',
};

function selectionOf(editor: HTMLElement): Selection | null {
  const root = editor.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  // Chromium exposes the selection inside a shadow root on the root; elsewhere the document's is right.
  return (
    ('getSelection' in root && typeof root.getSelection === 'function' ? root.getSelection() : null) ??
    editor.ownerDocument.getSelection()
  );
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** About a frame; a timer rather than rAF so that filling a tab in the background (a share) completes too. */
function aFrameLater(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 16));
}

/** Selects [start, end) of the editor's text in the DOM, then yields so the editor syncs its own selection. */
async function selectTextRange(editor: HTMLElement, start: number, end: number): Promise<boolean> {
  const selection = selectionOf(editor);
  if (!selection) return false;
  editor.focus({ preventScroll: true });
  const range = readEditorText(editor).rangeFor(start, end);
  selection.removeAllRanges();
  selection.addRange(range);
  await nextTask();
  return true;
}

function dispatchPaste(editor: HTMLElement, text: string, withHtml: boolean): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (withHtml) data.setData('text/html', pasteHtml(text));
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true });
  editor.dispatchEvent(event);
  return event.defaultPrevented;
}

function insert(editor: HTMLElement, kind: EditorKind, method: Method, text: string): boolean {
  if (method === 'paste') return dispatchPaste(editor, text, kind === 'quill');
  // execCommand is deprecated but remains the only native editing path with undo that content scripts can drive.
  return text.length === 0
    ? editor.ownerDocument.execCommand('delete', false)
    : editor.ownerDocument.execCommand('insertText', false, text);
}

/** The caret's text offset in the editor, or -1 when the selection is elsewhere or not collapsed. */
function caretOffset(editor: HTMLElement, selection: Selection): number {
  if (selection.rangeCount === 0 || !selection.isCollapsed) return -1;
  const range = selection.getRangeAt(0);
  return offsetOf(readEditorText(editor), editor, range.startContainer, range.startOffset);
}

function collapseAt(editor: HTMLElement, selection: Selection, offset: number): void {
  const { node, offset: at } = readEditorText(editor).positionAt(offset, 'backward');
  const range = editor.ownerDocument.createRange();
  range.setStart(node, at);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * Focuses the editor with the caret at a text offset. An editor may put the caret back where its own model last had
 * it a frame later (LinkedIn's Quill: opencues/opencues#122); two frames on, unless the member typed meanwhile, a
 * caret found elsewhere is put back once.
 */
export async function placeCaret(editor: HTMLElement, offset: number): Promise<void> {
  if (isTextarea(editor)) return placeCaretInTextarea(editor, offset);
  const selection = selectionOf(editor);
  if (!selection) return;
  const root = editor.getRootNode() as Document | ShadowRoot;
  if (!editor.contains(root.activeElement)) editor.focus({ preventScroll: true });
  collapseAt(editor, selection, offset);
  const text = readEditorText(editor).text;
  // About two frames, in one timer: a background tab (a share from the side panel) runs timers once a second.
  await new Promise((resolve) => setTimeout(resolve, 32));
  if (readEditorText(editor).text === text && caretOffset(editor, selection) !== offset) {
    collapseAt(editor, selection, offset);
  }
}

/**
 * Whether the editor holds what was asked for. A pasted blank line may become a paragraph boundary only (Tiptap
 * keeps no empty paragraph between pasted ones), so runs of line breaks count as one.
 */
export function sameText(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  const squash = (text: string) => text.replace(/\n{2,}/g, '\n');
  return squash(actual) === squash(expected);
}

async function settled(editor: HTMLElement, expected: string): Promise<string> {
  let current = readEditorText(editor).text;
  for (let frame = 0; frame < 6 && !sameText(current, expected); frame++) {
    await aFrameLater();
    current = readEditorText(editor).text;
  }
  return current;
}

export async function replaceText(
  editor: HTMLElement,
  kind: EditorKind,
  start: number,
  end: number,
  replacement: string,
): Promise<ReplaceResult> {
  if (isTextarea(editor)) return replaceInTextarea(editor, start, end, replacement);
  const before = readEditorText(editor).text;
  if (start < 0 || end > before.length || end < start) return { ok: false, reason: 'The text changed meanwhile.' };
  const expected = before.slice(0, start) + replacement + before.slice(end);
  if (expected === before) return { ok: true, text: before, caret: end };

  // Widen a pure removal by one neighbouring character that is pasted back, so every editor sees an insertion.
  let from = start;
  let to = end;
  let text = replacement;
  if (text.length === 0 && kind !== 'quill') {
    if (from > 0) text = before.slice(--from, from + 1);
    else if (to < before.length) text = before.slice(to, ++to);
  }

  const methods: Method[] = [PRIMARY[kind], PRIMARY[kind] === 'paste' ? 'insertText' : 'paste'];
  for (const method of methods) {
    if (!(await selectTextRange(editor, from, to))) return { ok: false, reason: 'Could not select the text.' };
    insert(editor, kind, method, text);
    const after = await settled(editor, expected);
    if (sameText(after, expected)) {
      // The text after the range is untouched, so the caret's offset counts from the end: blank lines the editor
      // merged inside the replacement (Tiptap) move nothing.
      const caret = after.length - (before.length - end);
      await placeCaret(editor, caret);
      return { ok: true, text: after, caret };
    }
    // Something changed, but not as intended: a retry could double the text, so stop and say so.
    if (after !== before)
      return { ok: false, reason: 'The editor changed the text differently; press Ctrl+Z to undo.' };
  }
  return { ok: false, reason: 'The editor did not accept the change.' };
}
