import { afterEach, describe, expect, it } from 'vitest';
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
