// Site packs: the built-in pack is valid; a hub's pack replaces surfaces by id, adds new ones, and can switch a
// surface or a whole site off; a surface the browser cannot use, or one that matches nothing on a page, falls back
// to the built-in definition; the generic fallback adopts a focused editor nothing else recognises.
import { afterEach, describe, expect, it } from 'vitest';
import { findComposers, watchComposers } from '@/lib/composer/watcher';
import { type SitePack, SitePackSchema, type Surface } from '@/lib/contract/site-pack';
import { BUILTIN_PACK, definitionsFrom } from '@/lib/sites/pack';

const builtinSurface = (id: string): Surface => {
  const surface = BUILTIN_PACK.sites.linkedin?.surfaces.find((s) => s.id === id);
  if (!surface) throw new Error(`no built-in surface ${id}`);
  return surface;
};

function packWith(surfaces: Surface[], extra: Partial<NonNullable<SitePack['sites']['linkedin']>> = {}): SitePack {
  return SitePackSchema.parse({ format: 1, version: 'hub-7', sites: { linkedin: { surfaces, ...extra } } });
}

const COMMENT_BOX = `<form class="comments-comment-box__form"><div class="ql-container">
  <div class="ql-editor" contenteditable="true" role="textbox"></div></div><button type="submit">Post</button></form>`;
/** A composer of a layout no built-in surface knows: a Tiptap editor in the feed itself, not in a dialog. */
const INLINE_BOX = `<main><form class="inline-share"><div class="editor-wrap">
  <div class="ProseMirror" contenteditable="true" role="textbox"><p></p></div></div>
  <button disabled>Post</button></form></main>`;

afterEach(() => {
  document.body.replaceChildren();
});

describe('the built-in site pack', () => {
  it('passes the contract the hub validates packs with', () => {
    expect(SitePackSchema.safeParse(BUILTIN_PACK).success).toBe(true);
  });

  it('refuses a pack with a selector that is not CSS, or a surface listed twice', () => {
    const broken = structuredClone(BUILTIN_PACK) as { sites: { linkedin: { surfaces: { selector: string }[] } } };
    const first = broken.sites.linkedin.surfaces[0];
    if (first) first.selector = 'div[role=';
    const result = SitePackSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['sites', 'linkedin', 'surfaces', 0, 'selector']);

    const twice = structuredClone(BUILTIN_PACK);
    twice.sites.linkedin?.surfaces.push(builtinSurface('linkedin-share'));
    expect(SitePackSchema.safeParse(twice).error?.issues[0]?.message).toMatch(/listed twice/);
  });
});

describe('definitions from a hub pack', () => {
  it('adds a surface the built-in pack misses and keeps the built-in ones', () => {
    document.body.innerHTML = INLINE_BOX;
    const inlineShare: Surface = {
      id: 'linkedin-inline-share',
      editor: 'tiptap',
      selector: '.ProseMirror[contenteditable="true"]',
      within: '.inline-share',
      postKind: 'post',
      anchor: { closest: [], otherwise: 'parent' },
      postButton: { scopes: ['.inline-share'], byBehaviour: true },
    };
    expect(findComposers(definitionsFrom('linkedin', BUILTIN_PACK), document)).toEqual([]);
    const definitions = definitionsFrom('linkedin', packWith([inlineShare]));
    expect(definitions.version).toBe('hub-7');
    expect(findComposers(definitions, document).map((c) => c.definitionId)).toEqual(['linkedin-inline-share']);
    expect(definitions.composers.map((c) => c.id)).toContain('linkedin-classic-comment');
  });

  it('falls back to the built-in surface where the pack’s matches nothing, or the browser refuses a selector', () => {
    document.body.innerHTML = COMMENT_BOX;
    const stale = { ...builtinSurface('linkedin-classic-comment'), within: '.no-such-form' };
    const fromStale = findComposers(definitionsFrom('linkedin', packWith([stale])), document);
    expect(fromStale.map((c) => c.definitionId)).toEqual(['linkedin-classic-comment']);
    // :has-text() parses as CSS (a pseudo-class) but no browser knows it.
    const unusable = { ...builtinSurface('linkedin-classic-comment'), within: 'form:has-text(Post)' };
    const fromUnusable = findComposers(definitionsFrom('linkedin', packWith([unusable])), document);
    expect(fromUnusable.map((c) => c.definitionId)).toEqual(['linkedin-classic-comment']);
  });

  it('switches a surface off, with no built-in or generic fallback taking it back', () => {
    document.body.innerHTML = COMMENT_BOX;
    const off = { ...builtinSurface('linkedin-classic-comment'), off: true };
    const definitions = definitionsFrom('linkedin', packWith([off]));
    expect(findComposers(definitions, document)).toEqual([]);
    const seen: string[] = [];
    const watch = watchComposers(() => definitions, document, {
      schedule: (run) => run(),
      size: () => ({ width: 500, height: 60 }),
      onComposer(composer) {
        seen.push(composer.definitionId);
        return { isAttached: () => true, detach: () => undefined };
      },
    });
    document.querySelector('.ql-editor')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    expect(seen).toEqual([]);
    watch.stop();
  });

  it('switches a whole site off', () => {
    document.body.innerHTML = COMMENT_BOX;
    const definitions = definitionsFrom('linkedin', packWith([], { off: true }));
    expect(definitions.off).toBe(true);
    const seen: string[] = [];
    const watch = watchComposers(() => definitions, document, {
      schedule: (run) => run(),
      onComposer(composer) {
        seen.push(composer.definitionId);
        return { isAttached: () => true, detach: () => undefined };
      },
    });
    expect(seen).toEqual([]);
    watch.stop();
  });
});

describe('the generic fallback', () => {
  function watchWith(size = { width: 500, height: 60 }) {
    const seen: { id: string; kind: string; postKind: string }[] = [];
    const watch = watchComposers(() => definitionsFrom('linkedin', BUILTIN_PACK), document, {
      schedule: (run) => run(),
      size: () => size,
      onComposer(composer) {
        seen.push({ id: composer.definitionId, kind: composer.editorKind, postKind: composer.postKind });
        return { isAttached: () => true, detach: () => undefined };
      },
    });
    return { seen, watch };
  }
  const focus = (selector: string) =>
    document.querySelector(selector)?.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));

  it('adopts a focused, post-sized editor in a post area, its kind told by its markup', () => {
    document.body.innerHTML = INLINE_BOX;
    const { seen, watch } = watchWith();
    expect(seen).toEqual([]);
    focus('.ProseMirror p');
    expect(seen).toEqual([{ id: 'linkedin-generic', kind: 'tiptap', postKind: 'post' }]);
    watch.stop();
  });

  it('leaves messages, search, small fields and unknown editors alone', () => {
    document.body.innerHTML = `<main>
      <div class="msg-form"><div class="ProseMirror" contenteditable="true"></div></div>
      <div role="search"><div class="ql-editor" contenteditable="true"></div></div>
      <div class="plain" contenteditable="true"></div></main>`;
    const { seen, watch } = watchWith();
    for (const selector of ['.msg-form .ProseMirror', '[role=search] .ql-editor', '.plain']) focus(selector);
    expect(seen).toEqual([]);
    watch.stop();
    document.body.innerHTML = INLINE_BOX;
    const small = watchWith({ width: 120, height: 14 });
    focus('.ProseMirror');
    expect(small.seen).toEqual([]);
    small.watch.stop();
  });

  it('finds the fallback composer’s Post button by behaviour', () => {
    document.body.innerHTML = INLINE_BOX;
    const editor = document.querySelector<HTMLElement>('.ProseMirror');
    const button = document.querySelector('button');
    let postButton: (() => HTMLElement | null) | undefined;
    const watch = watchComposers(() => definitionsFrom('linkedin', BUILTIN_PACK), document, {
      schedule: (run) => run(),
      size: () => ({ width: 500, height: 60 }),
      onComposer(composer) {
        postButton = composer.postButton;
        return { isAttached: () => true, detach: () => undefined };
      },
    });
    focus('.ProseMirror');
    if (!editor || !button) throw new Error('fixture');
    editor.textContent = 'Hello';
    button.removeAttribute('disabled');
    expect(postButton?.()).toBe(button);
    watch.stop();
  });
});
