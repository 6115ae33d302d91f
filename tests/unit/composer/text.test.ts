import { afterEach, describe, expect, it } from 'vitest';
import { offsetOf, readEditorText } from '@/lib/composer/text';

function editor(html: string): HTMLElement {
  const el = document.createElement('div');
  el.contentEditable = 'true';
  el.innerHTML = html;
  document.body.append(el);
  return el;
}

afterEach(() => document.body.replaceChildren());

describe('readEditorText', () => {
  it('joins Quill lines with one newline and ignores the placeholder <br> of empty lines', () => {
    const el = editor('<p>Hello <strong>world</strong></p><p><br></p><p>Bye</p>');
    expect(readEditorText(el).text).toBe('Hello world\n\nBye');
  });

  it('reads Draft.js blocks and their leaves', () => {
    const el = editor(
      '<div data-contents="true">' +
        '<div data-block="true"><div><span><span data-text="true">Hi @jane</span></span></div></div>' +
        '<div data-block="true"><div><span><br data-text="true"></span></div></div>' +
        '<div data-block="true"><div><span><span data-text="true">🚀 ok</span></span></div></div>' +
        '</div>',
    );
    expect(readEditorText(el).text).toBe('Hi @jane\n\n🚀 ok');
  });

  it('counts a hard break inside a Tiptap paragraph and the line of a nested list item once', () => {
    const el = editor('<p>one<br>two<br class="ProseMirror-trailingBreak"></p><ul><li><p>item</p></li></ul>');
    expect(readEditorText(el).text).toBe('one\ntwo\nitem');
  });

  it('maps offsets to DOM ranges that cover exactly the text', () => {
    const el = editor('<p>Plan <em>漢字</em> 🚀 done</p><p>second line</p>');
    const snapshot = readEditorText(el);
    for (const word of ['漢字', '🚀', 'done', 'second', 'line']) {
      const start = snapshot.text.indexOf(word);
      expect(snapshot.rangeFor(start, start + word.length).toString()).toBe(word);
    }
    const across = snapshot.text.indexOf('done');
    expect(snapshot.rangeFor(across, snapshot.text.indexOf('line')).toString()).toBe('donesecond ');
  });

  it('finds the text offset of a DOM position', () => {
    const el = editor('<p>ab</p><p>cd</p>');
    const snapshot = readEditorText(el);
    const second = el.querySelectorAll('p')[1]?.firstChild as Text;
    expect(offsetOf(snapshot, el, second, 1)).toBe(4);
    expect(offsetOf(snapshot, el, document.body, 0)).toBe(-1);
  });
});
