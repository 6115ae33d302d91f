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

/** Counts a site shows the member on one of their own posts. */
export interface OwnPostCounts {
  views: number;
  reactions?: number;
  comments?: number;
  reposts?: number;
}

/** One of the member's own posts on the page: the site's post id (kept on the device) and its counts. */
export interface OwnPost {
  postId: string;
  counts: OwnPostCounts;
}

/** How a site shows the member's reach, read from what the page already displays (never from its private APIs). */
export interface ReachReader {
  /** The member's own posts visible in the document, with the counts the site shows on them. */
  ownPosts(doc: Document): OwnPost[];
  /** The id of a post the site just confirmed as published (its "View post" toast), if one is showing. */
  publishedPostId(doc: Document): string | null;
}

export interface SiteAdapter {
  readonly network: Network;
  /** The hosts the network's pages come from (see ./hosts.ts, the one list). */
  readonly hosts: readonly string[];
  /** The content script's match patterns for those hosts (https only). */
  readonly matches: readonly string[];
  /** Tried in order; the first definition that matches an editor wins. */
  readonly composers: readonly ComposerDefinition[];
  readonly reach: ReachReader;
}
