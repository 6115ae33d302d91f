import { describe, expect, it } from 'vitest';
import { caretAfterEdits, relocateEdits } from '@/lib/composer/relocate';

const TYPED = 'We shipped it.\nHonestly this launch is damn good';
const AT = TYPED.indexOf('damn');
const finding = { start: AT, end: AT + 4 };
const mask = [{ start: AT, end: AT + 4, text: 'd***' }];

/** Applies edits the way the session does, later ones first. */
function apply(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
}

describe('relocateEdits (a fix applied after the focus went to the card and back)', () => {
  it('keeps the offsets when the text is the same', () => {
    expect(relocateEdits(finding, mask, TYPED, TYPED)).toEqual(mask);
  });

  it('moves the edits with the text when something before them changed', () => {
    const now = `Big news! ${TYPED}`;
    const edits = relocateEdits(finding, mask, TYPED, now);
    expect(edits && apply(now, edits)).toBe('Big news! We shipped it.\nHonestly this launch is d*** good');
  });

  it('finds the word again when the editor rewrote the text around it (blank paragraph dropped, spaces changed)', () => {
    const from = 'We shipped it.\n\nHonestly  this launch is damn good';
    const at = from.indexOf('damn');
    const to = 'We shipped it.\nHonestly this launch is damn good';
    const edits = relocateEdits({ start: at, end: at + 4 }, [{ start: at, end: at + 4, text: 'd***' }], from, to);
    expect(edits && apply(to, edits)).toBe('We shipped it.\nHonestly this launch is d*** good');
  });

  it('picks the occurrence nearest to where the finding was', () => {
    const from = 'damn. Honestly this launch is damn good';
    const at = from.lastIndexOf('damn');
    // Two separate changes (spaces before and after the word): no single edit explains them.
    const to = 'damn.  Honestly this launch is damn  good';
    const edits = relocateEdits({ start: at, end: at + 4 }, [{ start: at, end: at + 4, text: 'd***' }], from, to);
    expect(edits && apply(to, edits)).toBe('damn.  Honestly this launch is d***  good');
  });

  it('refuses when the word itself changed or is gone: the fix must not land on other characters', () => {
    expect(relocateEdits(finding, mask, TYPED, TYPED.replace('damn', 'darn'))).toBeNull();
    expect(relocateEdits(finding, mask, TYPED, 'We shipped it.')).toBeNull();
  });

  it('moves an insertion elsewhere in the text only with the text around it, never by guessing', () => {
    // "Add the disclosure at the start" does not belong to the finding's word: it follows the text, or is refused.
    const insert = [{ start: 0, end: 0, text: '#ad ' }];
    expect(relocateEdits(finding, insert, TYPED, `${TYPED}!`)).toEqual(insert);
    expect(relocateEdits(finding, insert, TYPED, ` ${TYPED} `)).toBeNull();
  });
});

describe('caretAfterEdits', () => {
  it('is right after the replacement, whatever the editor did to the text before it', () => {
    const fixed = apply(TYPED, mask);
    expect(caretAfterEdits(mask, TYPED.length, fixed.length)).toBe(fixed.indexOf('d***') + 4);
    // A pasted blank line that became a plain paragraph break (Tiptap) shortens the text before the caret only.
    expect(caretAfterEdits([{ start: 0, end: 0, text: 'Hi\n\nthere\n\n' }], 0, 'Hi\nthere\n'.length)).toBe(9);
  });

  it('is after the last edit in text order when a fix has several', () => {
    const text = 'Launch news from the team: damn good';
    const edits = [
      { start: 0, end: 0, text: 'damn ' },
      { start: 26, end: 36, text: '' },
    ];
    const fixed = apply(text, edits);
    expect(caretAfterEdits(edits, text.length, fixed.length)).toBe(fixed.length);
  });
});
