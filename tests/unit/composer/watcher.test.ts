import { afterEach, describe, expect, it } from 'vitest';
import { findLeftAlone, type LeftAloneEditor } from '@/lib/composer/left-alone';
import { type Composer, findComposers, watchComposers } from '@/lib/composer/watcher';
import { linkedin } from '@/lib/sites/linkedin';
import { x } from '@/lib/sites/x';

/** Runs scans synchronously, so each assertion sees the state right after a mutation is delivered. */
const pending: Array<() => void> = [];
const schedule = (run: () => void) => pending.push(run);
async function flush(): Promise<void> {
  await Promise.resolve(); // mutation observer callbacks are microtasks
  while (pending.length) pending.shift()?.();
}

function watch(adapter = linkedin) {
  const live = new Set<HTMLElement>();
  const seen: Composer[] = [];
  const { stop } = watchComposers(() => adapter.builtin, document, {
    schedule,
    onComposer(composer) {
      seen.push(composer);
      live.add(composer.editor);
      return { isAttached: () => true, detach: () => live.delete(composer.editor) };
    },
  });
  return { live, seen, stop };
}

function quillComposer(within: string): HTMLElement {
  const wrapper = document.createElement('div');
  wrapper.className = within;
  wrapper.innerHTML =
    '<div class="ql-container"><div class="ql-editor" contenteditable="true" role="textbox"></div></div>';
  return wrapper;
}

afterEach(() => {
  document.body.replaceChildren();
  pending.length = 0;
});

describe('watchComposers', () => {
  it('finds a composer present at start with its post kind and anchor', () => {
    document.body.append(quillComposer('comments-comment-box__form'));
    const { seen, stop } = watch();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ definitionId: 'linkedin-classic-comment', postKind: 'comment' });
    expect(seen[0]?.anchor.classList.contains('ql-container')).toBe(true);
    stop();
  });

  it('ignores an editor outside any composer and a hidden decoy', async () => {
    const { live, stop } = watch();
    const decoy = quillComposer('share-creation-state');
    decoy.style.display = 'none';
    document.body.append(decoy, quillComposer('unrelated'));
    await flush();
    expect(live.size).toBe(0);
    stop();
  });

  it('finds a composer rendered into an open shadow root after start', async () => {
    const outlet = document.createElement('div');
    document.body.append(outlet);
    const { live, stop } = watch();
    const shadow = outlet.attachShadow({ mode: 'open' });
    // Attaching a shadow root fires no mutation; the site then renders into it and focuses the editor.
    shadow.append(quillComposer('share-creation-state'));
    const editor = shadow.querySelector<HTMLElement>('.ql-editor');
    editor?.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    await flush();
    expect([...live]).toEqual([editor]);
    stop();
  });

  it('detaches when the editor goes and attaches to the node that replaces it', async () => {
    const composer = quillComposer('comments-comment-box__form');
    document.body.append(composer);
    const { live, seen, stop } = watch();
    const first = composer.querySelector<HTMLElement>('.ql-editor');
    const replacement = quillComposer('comments-comment-box__form');
    composer.replaceWith(replacement);
    await flush();
    expect(live.has(first as HTMLElement)).toBe(false);
    expect([...live]).toEqual([replacement.querySelector('.ql-editor')]);
    expect(seen).toHaveLength(2);
    stop();
  });

  it('marks an editor left alone with its note instead of a composer session', async () => {
    const notes: LeftAloneEditor[] = [];
    const composers: Composer[] = [];
    const { stop } = watchComposers(() => linkedin.builtin, document, {
      schedule,
      onComposer: (composer) => {
        composers.push(composer);
        return { isAttached: () => true, detach: () => undefined };
      },
      onLeftAlone: (surface) => {
        notes.push(surface);
        return { isAttached: () => true, detach: () => undefined };
      },
    });
    document.body.innerHTML = `
      <div class="article-editor-content"><div>
        <div class="ProseMirror" contenteditable="true" role="textbox" data-test-article-editor-content-textbox></div>
      </div></div>`;
    await flush();
    expect(composers).toHaveLength(0);
    expect(notes.map((n) => n.definitionId)).toEqual(['linkedin-article']);
    expect(notes[0]?.anchor.classList.contains('article-editor-content')).toBe(true);
    expect(notes[0]?.reason).toMatch(/articles/);
    stop();
  });

  it('stopping detaches every composer and ignores later mutations', async () => {
    document.body.append(quillComposer('comments-comment-box__form'));
    const { live, stop } = watch();
    expect(live.size).toBe(1);
    stop();
    expect(live.size).toBe(0);
    document.body.append(quillComposer('comments-comment-box__form'));
    await flush();
    expect(live.size).toBe(0);
  });
});

describe('findComposers', () => {
  it('tells an X reply from a post by the focused post on the page', () => {
    document.body.innerHTML = `
      <article data-testid="tweet" tabindex="-1"></article>
      <div data-testid="primaryColumn">
        <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>
      </div>`;
    expect(findComposers(x.builtin, document).map((c) => [c.definitionId, c.postKind])).toEqual([
      ['x-inline', 'reply'],
    ]);
  });

  it('uses the first matching definition only once per editor', () => {
    document.body.innerHTML = `
      <div role="dialog"><div data-testid="primaryColumn">
        <div data-testid="tweetTextarea_0" contenteditable="true" role="textbox"></div>
      </div></div>`;
    expect(findComposers(x.builtin, document).map((c) => c.definitionId)).toEqual(['x-modal']);
  });
});

describe('LinkedIn surfaces', () => {
  const kinds = () => findComposers(linkedin.builtin, document).map((c) => [c.definitionId, c.postKind]);

  it('tells a classic reply box (inside a comment) from the comment box under the post', () => {
    document.body.innerHTML = `
      <div class="comments-comment-box"><form class="comments-comment-box__form">
        <div class="ql-container"><div class="ql-editor" contenteditable="true" role="textbox"></div></div>
      </form></div>
      <article class="comments-comment-entity"><div class="comments-replies-list">
        <div class="comments-comment-box comments-comment-box--reply"><form class="comments-comment-box__form">
          <div class="ql-container"><div class="ql-editor" contenteditable="true" role="textbox"></div></div>
          <button type="submit">Reply</button>
        </form></div>
      </div></article>`;
    expect(kinds()).toEqual([
      ['linkedin-classic-reply', 'reply'],
      ['linkedin-classic-comment', 'comment'],
    ]);
    const reply = findComposers(linkedin.builtin, document).find((c) => c.postKind === 'reply');
    expect(reply?.postButton()?.textContent).toBe('Reply');
  });

  it('tells a new-stack reply box (keyed by a comment) from the comment box (keyed by the post)', () => {
    const tiptap = '<div class="ProseMirror" contenteditable="true" role="textbox"></div>';
    document.body.innerHTML = `
      <div componentkey="commentBox-urn:li:activity:1">${tiptap}
        <div componentkey="commentButtonSection-urn:li:activity:1"><button type="submit">Comment</button></div>
      </div>
      <article componentkey="comment-urn:li:comment:(urn:li:activity:1,2)">
        <div componentkey="commentBox-urn:li:comment:(urn:li:activity:1,2)">${tiptap}
          <div componentkey="commentButtonSection-urn:li:comment:(urn:li:activity:1,2)">
            <button type="submit">Reply</button>
          </div>
        </div>
      </article>`;
    expect(kinds()).toEqual([
      ['linkedin-reply', 'reply'],
      ['linkedin-comment', 'comment'],
    ]);
    expect(findComposers(linkedin.builtin, document).map((c) => c.postButton()?.textContent)).toEqual([
      'Reply',
      'Comment',
    ]);
  });

  it("finds a page admin's share box by its editor in a dialog, and the member's by its key first", () => {
    document.body.innerHTML = `
      <dialog open><div class="ProseMirror" contenteditable="true" role="textbox"></div></dialog>
      <dialog open><div class="ProseMirror" componentkey="ShareBox_textEditor" contenteditable="true" role="textbox"></div></dialog>`;
    expect(kinds()).toEqual([
      ['linkedin-share', 'post'],
      ['linkedin-page-share', 'post'],
    ]);
  });

  it("finds the page share box's Post button by behaviour, never the author button before it", async () => {
    document.body.innerHTML = `
      <dialog open>
        <button type="button">Acme · Post to Anyone</button>
        <div class="ProseMirror" contenteditable="true" role="textbox"></div>
        <button type="button" disabled>Posten</button>
      </dialog>`;
    const [page] = findComposers(linkedin.builtin, document);
    expect(page?.postButton()).toBeNull(); // not guessed while nothing told the buttons apart
    const post = document.querySelectorAll('button')[1] as HTMLButtonElement;
    page?.editor.append('Hallo');
    post.disabled = false;
    page?.editor.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(page?.postButton()).toBe(post);
  });

  it('leaves the article editor alone, whichever composer definition would match it', () => {
    document.body.innerHTML = `
      <dialog open><div class="article-editor-content">
        <div class="ProseMirror" contenteditable="true" role="textbox" data-test-article-editor-content-textbox></div>
      </div></dialog>`;
    expect(findComposers(linkedin.builtin, document)).toEqual([]);
    expect(findLeftAlone(linkedin.builtin, document).map((s) => s.definitionId)).toEqual(['linkedin-article']);
  });
});
