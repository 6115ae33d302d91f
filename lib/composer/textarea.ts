import type { ReplaceResult } from './replace';
import type { EditorText } from './text';

/**
 * Composers that are a plain `<textarea>` (X's narrow-window composer, docs/sites.md §2), in one place:
 *
 * - Text: the textarea's `value` ("\n" line breaks), offsets as they are.
 * - Edits: focus, `setSelectionRange`, then `execCommand('insertText')`, the path typing takes: the textarea's undo
 *   stack keeps the edit and the page hears `input` (a React-controlled textarea updates its state). When that is
 *   refused, the native value setter and an `input` event, which React also takes, without an undo step.
 *   (`setRangeText` would leave the undo stack behind.)
 * - Underlines, hit boxes, the card's place: nothing can paint inside a textarea and no DOM range reaches its text,
 *   so each textarea gets a *mirror*: a copy of its text with its font, padding, wrapping and scroll, laid exactly
 *   over it inside Spoke's own (closed) shadow UI, its text transparent and `pointer-events: none`. Ranges over the
 *   mirror's text stand in for ranges over the textarea's: the highlight painter underlines them, and their boxes
 *   are where the words are on screen. Clicks go through to the textarea, whose own caret says which word was hit.
 */

export function isTextarea(editor: Element): editor is HTMLTextAreaElement {
  return editor.localName === 'textarea';
}

/** What decides where the textarea's text wraps and how tall its lines are. */
const COPIED_STYLES = [
  'direction',
  'fontFamily',
  'fontFeatureSettings',
  'fontKerning',
  'fontSize',
  'fontStretch',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'hyphens',
  'letterSpacing',
  'lineHeight',
  'overflowWrap',
  'paddingBottom',
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'tabSize',
  'textAlign',
  'textIndent',
  'textTransform',
  'whiteSpace',
  'wordBreak',
  'wordSpacing',
] as const;

const MIRROR_STYLE =
  'position:absolute;left:0px;top:0px;margin:0;border:0;box-sizing:content-box;overflow:hidden;' +
  'color:transparent;background:transparent;pointer-events:none;user-select:none;';

interface Mirror {
  readonly box: HTMLDivElement;
  /** The copy of the textarea's value: every range Spoke makes for this textarea lives in this node. */
  readonly text: Text;
  /** The copied styles and size, as last applied: restyling only when they change. */
  styled: string;
}

const mirrors = new WeakMap<HTMLTextAreaElement, Mirror>();

function mirrorOf(textarea: HTMLTextAreaElement): Mirror {
  let mirror = mirrors.get(textarea);
  if (!mirror) {
    const doc = textarea.ownerDocument;
    const box = doc.createElement('div');
    box.setAttribute('aria-hidden', 'true');
    box.setAttribute('data-spoke-mirror', '');
    box.style.cssText = MIRROR_STYLE;
    const text = doc.createTextNode('');
    // A last line that is empty still takes a line in the textarea; a zero-width space gives it one here.
    box.append(text, doc.createTextNode('\u200b'));
    mirror = { box, text, styled: '' };
    mirrors.set(textarea, mirror);
  }
  return mirror;
}

/** Brings the mirror up to date: its text always, its styles, size, place and scroll while it is on the page. */
function sync(textarea: HTMLTextAreaElement, mirror: Mirror): void {
  const { box, text } = mirror;
  if (text.data !== textarea.value) text.data = textarea.value;
  const view = textarea.ownerDocument.defaultView;
  if (!box.isConnected || !view) return;
  const style = view.getComputedStyle(textarea);
  const signature = `${COPIED_STYLES.map((name) => style[name]).join('|')}|${textarea.clientWidth}|${textarea.clientHeight}`;
  if (signature !== mirror.styled) {
    mirror.styled = signature;
    for (const name of COPIED_STYLES) box.style[name] = style[name];
    // The content box the textarea wraps its text in: its client box (no scroll bar) less its padding.
    const padX = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight);
    const padY = Number.parseFloat(style.paddingTop) + Number.parseFloat(style.paddingBottom);
    box.style.width = `${Math.max(0, textarea.clientWidth - padX)}px`;
    box.style.height = `${Math.max(0, textarea.clientHeight - padY)}px`;
  }
  // Put the mirror's box on the textarea's padding box, whatever its containing block: move it by the difference.
  const target = textarea.getBoundingClientRect();
  const now = box.getBoundingClientRect();
  const dx = target.left + textarea.clientLeft - now.left;
  const dy = target.top + textarea.clientTop - now.top;
  if (Math.abs(dx) > 0.05) box.style.left = `${Number.parseFloat(box.style.left) + dx}px`;
  if (Math.abs(dy) > 0.05) box.style.top = `${Number.parseFloat(box.style.top) + dy}px`;
  box.scrollTop = textarea.scrollTop;
  box.scrollLeft = textarea.scrollLeft;
}

/**
 * Lays the textarea's mirror into `container` (Spoke's UI next to the composer) and keeps it over the textarea as
 * it scrolls and resizes. Returns the function that takes it away. Other editors need no overlay: a no-op.
 */
export function mountTextareaMirror(editor: HTMLElement, container: HTMLElement): () => void {
  if (!isTextarea(editor)) return () => {};
  const mirror = mirrorOf(editor);
  container.append(mirror.box);
  const follow = () => sync(editor, mirror);
  const view = editor.ownerDocument.defaultView;
  const resizes = view?.ResizeObserver ? new view.ResizeObserver(follow) : null;
  resizes?.observe(editor);
  editor.addEventListener('scroll', follow, { passive: true });
  follow();
  return () => {
    resizes?.disconnect();
    editor.removeEventListener('scroll', follow);
    mirror.box.remove();
    mirror.styled = '';
  };
}

/** The textarea's text, with ranges (over its mirror) for painting, measuring and hit-testing. */
export function readTextareaText(textarea: HTMLTextAreaElement): EditorText {
  const mirror = mirrorOf(textarea);
  sync(textarea, mirror);
  const text = textarea.value;
  const node = mirror.text;
  const clamp = (offset: number) => Math.max(0, Math.min(offset, text.length, node.length));
  const positionAt = (offset: number) => ({ node: node as Node, offset: clamp(offset) });
  const rangeFor = (start: number, end: number) => {
    const range = textarea.ownerDocument.createRange();
    range.setStart(node, clamp(start));
    range.setEnd(node, clamp(end));
    return range;
  };
  const focused = () => (textarea.getRootNode() as Document | ShadowRoot).activeElement === textarea;
  const caretOffset = () =>
    focused() && textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : -1;
  const caretRange = () => (focused() ? rangeFor(textarea.selectionEnd, textarea.selectionEnd) : null);
  return { text, positionAt, rangeFor, caretOffset, caretRange };
}

/** About a frame; a timer rather than rAF so that filling a tab in the background (a share) completes too. */
function aFrameLater(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 16));
}

async function settled(textarea: HTMLTextAreaElement, expected: string): Promise<string> {
  for (let frame = 0; frame < 6 && textarea.value !== expected; frame++) await aFrameLater();
  return textarea.value;
}

/** Sets the value through the element's own setter, below any the page defined (React tracks values that way). */
function setNativeValue(textarea: HTMLTextAreaElement, value: string): void {
  const prototype = textarea.ownerDocument.defaultView?.HTMLTextAreaElement.prototype;
  const setter = prototype && Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(textarea, value);
  else textarea.value = value;
}

/** Replaces [start, end) of the textarea's value so that the page's state and the undo stack follow. */
export async function replaceInTextarea(
  textarea: HTMLTextAreaElement,
  start: number,
  end: number,
  replacement: string,
): Promise<ReplaceResult> {
  const before = textarea.value;
  if (start < 0 || end > before.length || end < start) return { ok: false, reason: 'The text changed meanwhile.' };
  const expected = before.slice(0, start) + replacement + before.slice(end);
  const caret = start + replacement.length;
  if (expected === before) return { ok: true, text: before, caret: end };

  textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(start, end);
  const doc = textarea.ownerDocument;
  // execCommand is deprecated but remains the only editing path with undo that content scripts can drive.
  if (replacement.length > 0) doc.execCommand('insertText', false, replacement);
  else doc.execCommand('delete', false);
  let after = await settled(textarea, expected);
  if (after === expected) return { ok: true, text: after, caret };
  // Something changed, but not as intended: setting the value now could lose what the page did, so say so.
  if (after !== before) return { ok: false, reason: 'The editor changed the text differently; press Ctrl+Z to undo.' };

  setNativeValue(textarea, expected);
  textarea.setSelectionRange(caret, caret);
  textarea.dispatchEvent(
    new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: replacement }),
  );
  after = await settled(textarea, expected);
  return after === expected
    ? { ok: true, text: after, caret }
    : { ok: false, reason: 'The editor did not accept the change.' };
}

/** Focuses the textarea with the caret at a text offset (a textarea keeps its selection itself). */
export async function placeCaretInTextarea(textarea: HTMLTextAreaElement, offset: number): Promise<void> {
  const root = textarea.getRootNode() as Document | ShadowRoot;
  if (root.activeElement !== textarea) textarea.focus({ preventScroll: true });
  textarea.setSelectionRange(offset, offset);
}
