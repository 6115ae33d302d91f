import type { Network, PostKind } from '@/lib/contract/common';
import type { ReachSelectorKey } from '@/lib/contract/reach-keys';
import type { EditorKind } from '@/lib/contract/site-pack';

export type { EditorKind } from '@/lib/contract/site-pack';

/**
 * One kind of composer a site shows, compiled from a site pack's surface (./pack.ts). Selectors anchor on stable
 * hooks (test ids, `componentkey`, ARIA, editor classes), never on hashed or atomic CSS classes.
 */
export interface ComposerDefinition {
  /** The surface id: stable, used in tests and coverage counts; never carries user content. */
  readonly id: string;
  readonly editor: EditorKind;
  /** Matches the editor itself: its contenteditable root, or the `<textarea>`. */
  readonly selector: string;
  /** The editor only counts when it sits inside an element matching this, in its own tree scope. */
  readonly within?: string;
  /** …and not inside one matching this. */
  readonly outside?: string;
  readonly postKind: (editor: HTMLElement) => PostKind;
  /** The in-page UI is inserted right after this element: next to the editor, never inside it. */
  readonly anchor: (editor: HTMLElement) => Element;
  /** The button that publishes what this composer holds (Post, Reply, Comment), if it can be found. */
  readonly postButton: (editor: HTMLElement) => HTMLElement | null;
  /** Kill switch: the editors this definition matches are left alone (no other definition takes them either). */
  readonly off: boolean;
  /** The built-in definition of the same surface, tried where this one (from a newer pack) matches nothing. */
  readonly fallback?: ComposerDefinition;
}

/** The structure-first fallback for a focused editor no definition recognised (lib/composer/generic.ts). */
export interface GenericDefinition {
  readonly id: string;
  /** Where posts and comments are written on the site. */
  readonly areas: string;
  /** Where they are not: private messages, search. */
  readonly exclude: string;
  readonly postKind: (editor: HTMLElement) => PostKind;
  /** The composer's container, where its Post button is found by behaviour. */
  readonly scopeOf: (editor: HTMLElement) => Element | null;
}

/** The reach readers' anchors by name (lib/contract/site-pack.ts); a name a site does not use matches nothing. */
export type ReachSelectors = Readonly<Record<ReachSelectorKey, string>>;

/**
 * An editor Spoke deliberately leaves alone (the article editor, say), compiled from a pack's `leftAlone`: nothing is
 * checked there, and a quiet note says so. An editor it matches is never a composer, whatever else matches it.
 */
export interface LeftAloneDefinition {
  readonly id: string;
  /** Matches the editor's contenteditable root. */
  readonly selector: string;
  /** Other fields of the same surface (a title, say): not composers Spoke misses, so coverage does not count them. */
  readonly related?: string;
  /** What the note shows, in a few words ("Articles are not checked"), and why, in a sentence. */
  readonly label: string;
  readonly reason: string;
  /** The note is inserted right after this element, as the composer UI is. */
  readonly anchor: (editor: HTMLElement) => Element;
}

/** What Spoke knows about one site's composers now: the built-in pack's, or a newer one the hub served. */
export interface SiteDefinitions {
  readonly network: Network;
  /** The site pack these came from; coverage counts carry it. */
  readonly version: string;
  /** Kill switch for the whole site. */
  readonly off: boolean;
  /** Tried in order; the first definition that matches an editor wins. */
  readonly composers: readonly ComposerDefinition[];
  /** Editors left alone on purpose; they win over `composers` and `generic`. */
  readonly leftAlone: readonly LeftAloneDefinition[];
  readonly generic: GenericDefinition | null;
  readonly reach: ReachSelectors;
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
  /** The definitions built into this version of the extension (lib/sites/packs/builtin.json). */
  readonly builtin: SiteDefinitions;
  /** The site's reach reader, anchored on a site pack's reach selectors. */
  readonly reachWith: (selectors: ReachSelectors) => ReachReader;
}
