import { isTextarea, readTextareaText } from './textarea';

/**
 * Reads a rich-text editor's text the way its own model sees it, with a map from text offsets back to DOM
 * positions. Quill, ProseMirror and Draft.js all render one block element per line; the text is those lines joined
 * by "\n", so offsets never depend on `innerText` quirks (Quill doubles newlines there). A `<textarea>` is read by
 * ./textarea.ts, its positions in a mirror of its text.
 */

/** Elements that hold one line of text. A line block contains no other line block (Tiptap nests <p> in <li>). */
const LINE_SELECTOR = 'p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, [data-block="true"]';

interface Segment {
  /** Offset in the text where this piece starts. */
  readonly start: number;
  /** A text node, or a <br> that stands for "\n", or an empty line's element (length 0). */
  readonly node: Node;
  readonly length: number;
}

export interface EditorText {
  readonly text: string;
  /** DOM position of a text offset. `bias` picks the side when the offset sits between two nodes. */
  positionAt(offset: number, bias: 'forward' | 'backward'): { node: Node; offset: number };
  /** A DOM range over [start, end), for highlights, hit-testing and replacement. */
  rangeFor(start: number, end: number): Range;
  /** The caret's offset in this snapshot's text, read live: -1 when it is elsewhere or a range is selected. */
  caretOffset(): number;
  /** A range at the caret (or the selection) while it is in the editor, to measure it; null otherwise. */
  caretRange(): Range | null;
}

function selectionIn(editor: HTMLElement): Selection | null {
  const root = editor.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  // Chromium exposes the selection inside a shadow root on the root; elsewhere the document's is right.
  return (typeof root.getSelection === 'function' ? root.getSelection() : null) ?? editor.ownerDocument.getSelection();
}

function lineBlocks(editor: HTMLElement): HTMLElement[] {
  const candidates = editor.querySelectorAll<HTMLElement>(LINE_SELECTOR);
  const lines: HTMLElement[] = [];
  for (const el of candidates) if (!el.querySelector(LINE_SELECTOR)) lines.push(el);
  return lines.length > 0 ? lines : [editor];
}

/** A <br> is a line break unless it is the last thing in its line (editors keep one there so empty lines show). */
function isTrailingBreak(br: Element, line: Element): boolean {
  const walker = br.ownerDocument.createTreeWalker(line, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  walker.currentNode = br;
  for (let next = walker.nextNode(); next; next = walker.nextNode()) {
    if (next.nodeType === Node.TEXT_NODE && (next as Text).data.length > 0) return false;
    if (next.nodeName === 'BR') return false;
  }
  return true;
}

export function readEditorText(editor: HTMLElement): EditorText {
  if (isTextarea(editor)) return readTextareaText(editor);
  const doc = editor.ownerDocument;
  const segments: Segment[] = [];
  let text = '';
  lineBlocks(editor).forEach((line, index) => {
    if (index > 0) text += '\n';
    const lineStart = text.length;
    const walker = doc.createTreeWalker(line, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const data = (node as Text).data;
        if (data.length === 0) continue;
        segments.push({ start: text.length, node, length: data.length });
        text += data;
      } else if (node.nodeName === 'BR' && !isTrailingBreak(node as Element, line)) {
        segments.push({ start: text.length, node, length: 1 });
        text += '\n';
      }
    }
    if (text.length === lineStart) segments.push({ start: lineStart, node: line, length: 0 });
  });

  function positionAt(offset: number, bias: 'forward' | 'backward'): { node: Node; offset: number } {
    const target = Math.max(0, Math.min(offset, text.length));
    // Binary search for the last segment starting at or before the target.
    let low = 0;
    let high = segments.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((segments[mid] as Segment).start <= target) low = mid;
      else high = mid - 1;
    }
    let index = low;
    let segment = segments[index];
    if (!segment) return { node: editor, offset: 0 };
    // At a boundary between two segments, "backward" prefers the end of the earlier one.
    if (bias === 'backward' && target === segment.start && index > 0) {
      const previous = segments[index - 1] as Segment;
      if (previous.start + previous.length === target && previous.length > 0) {
        index -= 1;
        segment = previous;
      }
    }
    // Past the end of this segment (the "\n" between lines): forward goes to the next line's start.
    if (target > segment.start + segment.length && index + 1 < segments.length) {
      segment = segments[index + 1] as Segment;
      return boundaryOf(segment, 0);
    }
    return boundaryOf(segment, target - segment.start);
  }

  function boundaryOf(segment: Segment, within: number): { node: Node; offset: number } {
    const { node } = segment;
    if (node.nodeType === Node.TEXT_NODE) return { node, offset: within };
    if (node.nodeName === 'BR') {
      // Before or after the <br>, expressed on its parent.
      const parent = node.parentNode as Node;
      const indexInParent = Array.prototype.indexOf.call(parent.childNodes, node) as number;
      return { node: parent, offset: indexInParent + (within > 0 ? 1 : 0) };
    }
    return { node, offset: 0 }; // an empty line
  }

  function rangeFor(start: number, end: number): Range {
    const range = doc.createRange();
    const from = positionAt(start, 'forward');
    const to = end === start ? from : positionAt(end, 'backward');
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  const snapshot: EditorText = {
    text,
    positionAt,
    rangeFor,
    caretOffset() {
      const selection = selectionIn(editor);
      if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return -1;
      const range = selection.getRangeAt(0);
      return offsetOf(snapshot, editor, range.startContainer, range.startOffset);
    },
    // Measuring needs no offsets: this stays right when the editor rebuilt its DOM since the snapshot (Tiptap on blur).
    caretRange() {
      const selection = selectionIn(editor);
      if (!selection || selection.rangeCount === 0) return null;
      const range = selection.getRangeAt(0);
      return editor.contains(range.startContainer) ? range : null;
    },
  };
  return snapshot;
}

/** The text offset of a DOM position inside the editor (e.g. the caret), or -1 when it is outside the editor. */
export function offsetOf(snapshot: EditorText, editor: HTMLElement, node: Node, offset: number): number {
  if (!editor.contains(node)) return -1;
  // The smallest text offset whose DOM position is not before the given point.
  let low = 0;
  let high = snapshot.text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (snapshot.rangeFor(mid, mid).comparePoint(node, offset) > 0) low = mid + 1;
    else high = mid;
  }
  return low;
}
