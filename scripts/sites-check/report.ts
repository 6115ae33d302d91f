// What `npm run sites:check` reports for one saved page; shared by the in-page probe and the Node side.
import type { Network, PostKind } from '@/lib/contract/common';

export interface DefinitionReport {
  /** ComposerDefinition.id */
  id: string;
  /** Editors the definition matches, hidden decoys included. */
  editors: number;
  /** Of those, the ones the user could see (what the watcher decorates). */
  shown: number;
  postKinds: PostKind[];
  /** Editors whose Post/Reply/Comment button the definition found. */
  postButtons: number;
}

export interface UnmatchedEditable {
  /** Tag, id, stable classes and hooks of an editable-looking element no definition recognised. */
  element: string;
  inShadowRoot: boolean;
  shown: boolean;
  /** Shown and big enough to write a post in: such an element makes the check fail. */
  postSized: boolean;
  /** The generic fallback that would take it once focused (`linkedin-generic`), if any. */
  fallback?: string;
}

export interface PageReport {
  /** The adapters that apply: by the file name's prefix (`linkedin-…`, `x-…`), else those that match anything. */
  adapters: { network: Network; sitePack: string; definitions: DefinitionReport[] }[];
  unmatched: UnmatchedEditable[];
}
