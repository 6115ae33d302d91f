import type { Network, PostKind } from '@/lib/contract/common';

/** The editor library behind a composer; it decides how text can be read and written later on. */
export type EditorKind = 'quill' | 'tiptap' | 'draft';

/**
 * One kind of composer a site shows, described declaratively. Selectors anchor on stable hooks (test ids,
 * `componentkey`, ARIA, editor classes), never on hashed or atomic CSS classes.
 */
export interface ComposerDefinition {
  /** Stable name used in tests; never carries user content. */
  readonly id: string;
  readonly editor: EditorKind;
  /** Matches the contenteditable root of the editor itself. */
  readonly selector: string;
  /** The editor only counts when it sits inside an element matching this, in its own tree scope. */
  readonly within?: string;
  readonly postKind: PostKind | ((editor: HTMLElement) => PostKind);
  /** The in-page UI is inserted right after this element: next to the editor, never inside it. */
  readonly anchor: (editor: HTMLElement) => Element;
  /** The button that publishes what this composer holds (Post, Reply, Comment), if it can be found. */
  readonly postButton: (editor: HTMLElement) => HTMLElement | null;
}

export interface SiteAdapter {
  readonly network: Network;
  /** Tried in order; the first definition that matches an editor wins. */
  readonly composers: readonly ComposerDefinition[];
}
