// X's composer definitions on the markup of each surface (tests/e2e/sites/x/ renders the same in a real browser).
import { afterEach, describe, expect, it } from 'vitest';
import { findComposers } from '@/lib/composer/watcher';
import { x } from '@/lib/sites/x';

afterEach(() => document.body.replaceChildren());

const draftPart = (part: number) => `
  <div data-testid="tweetTextarea_${part}RichTextInputContainer">
    <div data-testid="tweetTextarea_${part}" contenteditable="true" role="textbox"></div>
  </div>`;

const found = () =>
  findComposers(x.builtin, document).map((c) => ({ id: c.definitionId, kind: c.postKind, editor: c.editorKind }));

describe('X composer surfaces', () => {
  it('reply modal: the post answered above the editor makes a reply', () => {
    document.body.innerHTML = `<div id="layers"><div role="dialog" aria-modal="true">
      <article role="article" tabindex="-1">Launch day!</article>
      ${draftPart(0)}
      <button data-testid="tweetButton">Antworten</button>
    </div></div>`;
    expect(found()).toEqual([{ id: 'x-modal', kind: 'reply', editor: 'draft' }]);
  });

  it('quote: the quoted post, a link card below the editor, leaves it a post of ones own', () => {
    document.body.innerHTML = `<div id="layers"><div role="dialog" aria-modal="true">
      ${draftPart(0)}
      <div role="link" tabindex="0"><div data-testid="User-Name">Jane</div><div data-testid="tweetText">Launch day!</div></div>
      <button data-testid="tweetButton">Posten</button>
    </div></div>`;
    expect(found()).toEqual([{ id: 'x-modal', kind: 'post', editor: 'draft' }]);
  });

  it('thread parts: each part is its own composer, anchored at its own container, posted by the one button', () => {
    document.body.innerHTML = `<div role="dialog" aria-modal="true">
      ${draftPart(0)}${draftPart(1)}
      <button data-testid="tweetButton">Tout poster</button>
    </div>`;
    const composers = findComposers(x.builtin, document);
    expect(composers.map((c) => c.editor.dataset.testid)).toEqual(['tweetTextarea_0', 'tweetTextarea_1']);
    expect(composers.map((c) => (c.anchor as HTMLElement).dataset.testid)).toEqual([
      'tweetTextarea_0RichTextInputContainer',
      'tweetTextarea_1RichTextInputContainer',
    ]);
    const button = document.querySelector('[data-testid="tweetButton"]');
    expect(composers.map((c) => c.postButton())).toEqual([button, button]);
  });

  it('narrow window: a plain textarea, no dialog, its Post button in the top bar', () => {
    document.body.innerHTML = `<div id="layers"><div class="sheet">
      <div class="bar"><button data-testid="tweetButton">ポストする</button></div>
      <div><div class="field"><textarea data-testid="tweetTextarea_0"></textarea></div></div>
    </div></div>`;
    const [composer] = findComposers(x.builtin, document);
    expect(found()).toEqual([{ id: 'x-narrow', kind: 'post', editor: 'textarea' }]);
    expect(composer?.anchor).toBe(document.querySelector('.field'));
    expect(composer?.postButton()).toBe(document.querySelector('[data-testid="tweetButton"]'));
  });

  it('a textarea elsewhere (a search box, a DM) is no composer', () => {
    document.body.innerHTML = `<textarea aria-label="Search"></textarea>
      <textarea data-testid="dmComposerTextInput"></textarea>`;
    expect(found()).toEqual([]);
  });
});
