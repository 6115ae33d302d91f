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

/**
 * An editor Spoke deliberately leaves alone (the article editor, say): it checks nothing there, and marks it with a
 * quiet note saying so, so the member knows it was not forgotten. Tried before any composer definition: an editor
 * it matches is never a composer, whatever else matches it.
 */
export interface LeftAloneDefinition {
  /** Stable name used in tests; never carries user content. */
  readonly id: string;
  /** Matches the editor's contenteditable root. */
  readonly selector: string;
  /** Other fields of the same surface (a title, say): not composers Spoke misses, so coverage does not count them. */
  readonly related?: string;
  /** What the note shows, in a few words ("Articles are not checked"). */
  readonly label: string;
  /** Why Spoke leaves it alone, in a sentence the member reads (the note's tooltip and accessible name). */
  readonly reason: string;
  /** The note is inserted right after this element, as the composer UI is. */
  readonly anchor: (editor: HTMLElement) => Element;
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
  /** Editors Spoke leaves alone on purpose; they win over `composers`. */
  readonly leftAlone?: readonly LeftAloneDefinition[];
  readonly reach: ReachReader;
}
