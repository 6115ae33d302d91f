import { afterEach, describe, expect, it } from 'vitest';
import { observedPostButton, observePostButton } from '@/lib/composer/post-button';
import { linkedin } from '@/lib/sites/linkedin';

/** A share dialog like LinkedIn's new stack: an author/audience button with text and no icon before Post. */
function dialog(postDisabledAttr: 'disabled' | 'aria-disabled' = 'disabled') {
  document.body.innerHTML = `
    <dialog open>
      <button type="button" id="audience">Jane Doe · Beitrag für alle ▾</button>
      <button type="button" id="dismiss"><svg></svg>✕</button>
      <div componentkey="ShareBox_textEditor" contenteditable="true" role="textbox"></div>
      <button type="button" id="emoji"><svg></svg>☺</button>
      <button type="button" id="post" ${postDisabledAttr === 'disabled' ? 'disabled' : 'aria-disabled="true"'}>Posten</button>
    </dialog>`;
  const editor = document.querySelector<HTMLElement>('[contenteditable]') as HTMLElement;
  const post = document.getElementById('post') as HTMLButtonElement;
  const container = document.querySelector('dialog') as Element;
  /** Types like a user: the text, an input event, and the site enabling Post as its model follows. */
  const type = (text: string) => {
    editor.textContent = text;
    if (postDisabledAttr === 'disabled') post.disabled = text.trim() === '';
    else post.setAttribute('aria-disabled', String(text.trim() === ''));
    editor.dispatchEvent(new Event('input', { bubbles: true }));
  };
  return { editor, post, container, type };
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('observedPostButton (the Post button found by behaviour)', () => {
  it('picks the button disabled while empty that becomes enabled with text', () => {
    const { editor, post, container, type } = dialog();
    observePostButton(editor, container);
    expect(post.disabled).toBe(true);
    type('Hello');
    expect(post.disabled).toBe(false);
    expect(observedPostButton(editor, container)).toBe(post);
  });

  it('follows aria-disabled as well as disabled', () => {
    const { editor, post, container, type } = dialog('aria-disabled');
    observePostButton(editor, container);
    type('Bonjour');
    expect(observedPostButton(editor, container)).toBe(post);
  });

  it('never picks an always-enabled audience button, and knows nothing before a flip', () => {
    const { editor, container, type } = dialog();
    observePostButton(editor, container);
    expect(observedPostButton(editor, container)).toBeNull(); // still empty: nothing flipped yet
    type('Hallo');
    expect(observedPostButton(editor, container)?.id).toBe('post');
  });

  it('knows nothing when it never saw the editor empty', () => {
    const { editor, container, type } = dialog();
    type('Already filled');
    expect(observedPostButton(editor, container)).toBeNull();
  });

  it('prefers type=submit, else the last, when several buttons flip', () => {
    const { editor, container, post } = dialog();
    const other = document.createElement('button');
    other.disabled = true;
    other.textContent = 'Schedule';
    post.before(other);
    observePostButton(editor, container);
    editor.textContent = 'Text';
    other.disabled = false;
    post.disabled = false;
    expect(observedPostButton(editor, container)).toBe(post);
  });
});

describe('LinkedIn new-stack share dialog', () => {
  const share = linkedin.builtin.composers.find((c) => c.id === 'linkedin-share');

  it('finds Post by behaviour, where the old text-only guess would take the audience button', () => {
    if (!share) throw new Error('definition missing');
    const { editor, type } = dialog();
    share.anchor(editor); // the watcher anchors the composer when it finds it, still empty
    // Before any text nothing has shown which button is Post: none is guessed (a text-only guess took "audience").
    expect(share.postButton(editor)).toBeNull();
    type('Hallo zusammen');
    expect(share.postButton(editor)?.id).toBe('post');
  });
});
