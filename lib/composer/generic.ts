import type { EditorKind, SiteDefinitions } from '@/lib/sites/types';
import { isLeftAlone } from './left-alone';
import { observedPostButton, observePostButton } from './post-button';
import type { Composer } from './watcher';

// The structure-first fallback (docs/sites.md §4): when the site's markup moved and no definition recognises the
// editor the member is writing in, Spoke still finds it by what it is, never by the UI's words: a visible,
// post-sized editable area inside the site's post and comment areas, its editor told by its own markup, its Post
// button by behaviour.

/** Smaller editors are search boxes, inline fields and the like, not where a post is written. */
export const MIN_EDITOR_SIZE = { width: 150, height: 16 } as const;

export type ElementSize = (el: HTMLElement) => { width: number; height: number };

export const layoutSize: ElementSize = (el) => el.getBoundingClientRect();

/** `el.closest(selector)` that also climbs out of (open) shadow roots through their hosts. */
export function closestComposed(el: Element, selector: string): Element | null {
  for (let at: Element | null = el; at; ) {
    const found = at.closest(selector);
    if (found) return found;
    const root = at.getRootNode();
    at = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

/** The editable root around `el`: the outermost contenteditable ancestor, or `el` itself for a textarea. */
export function editableRoot(el: Element): HTMLElement | null {
  let root: HTMLElement | null = null;
  for (let at: Element | null = el; at instanceof HTMLElement; at = at.parentElement) {
    if (at.isContentEditable && at.getAttribute('contenteditable') !== 'false') root = at;
    else if (root) break;
  }
  return root;
}

/** Which editor library renders `editor`, from its own markup; null for one Spoke cannot edit safely. */
function editorKindOf(editor: HTMLElement): EditorKind | null {
  if (editor.matches('.ql-editor')) return 'quill';
  if (editor.matches('.ProseMirror')) return 'tiptap';
  if (editor.matches('.public-DraftEditor-content, [data-contents="true"]') || editor.querySelector('[data-contents]'))
    return 'draft';
  return null;
}

const ANCHOR_BY_KIND: Record<EditorKind, (editor: HTMLElement) => Element | null> = {
  quill: (editor) => editor.closest('.ql-container'),
  tiptap: (editor) => editor.parentElement,
  draft: (editor) => editor.closest('.DraftEditor-root'),
  // Not reached: `editorKindOf` never answers textarea. Forms are full of post-sized textareas (profiles, job
  // applications) that are no posts; only a site's own definition (X's x-narrow) names one.
  textarea: (editor) => editor.parentElement,
};

/** Private messages, wherever a site puts them, are never a post. */
export function inMessages(doc: Document): boolean {
  return /(^|\/)messag(es|ing)(\/|$)/.test(doc.location?.pathname ?? '');
}

/**
 * The composer the generic fallback sees at `editor` (an editable root), or null: the site's generic definition is
 * on, the editor is inside its areas and outside its exclusions, post-sized, and of a kind Spoke can edit.
 */
export function genericComposer(
  definitions: SiteDefinitions,
  editor: HTMLElement,
  size: ElementSize = layoutSize,
): Composer | null {
  const generic = definitions.generic;
  if (!generic || definitions.off || inMessages(editor.ownerDocument)) return null;
  if (isLeftAlone(definitions, editor)) return null;
  const kind = editorKindOf(editor);
  if (!kind || !closestComposed(editor, generic.areas) || closestComposed(editor, generic.exclude)) return null;
  const { width, height } = size(editor);
  if (width < MIN_EDITOR_SIZE.width || height < MIN_EDITOR_SIZE.height) return null;
  const scope = generic.scopeOf(editor);
  observePostButton(editor, scope);
  return {
    definitionId: generic.id,
    network: definitions.network,
    postKind: generic.postKind(editor),
    editorKind: kind,
    editor,
    anchor: ANCHOR_BY_KIND[kind](editor) ?? editor,
    postButton: () => observedPostButton(editor, generic.scopeOf(editor)),
  };
}
