import type { Network, PostKind } from '@/lib/contract/common';
import type { ComposerDefinition, EditorKind, SiteDefinitions } from '@/lib/sites/types';
import { isShown, openShadowRootsIn, type TreeScope } from './dom';
import { type ElementSize, editableRoot, genericComposer, layoutSize } from './generic';
import { findLeftAlone, type LeftAloneEditor } from './left-alone';

/** A composer the user can see, as the watcher hands it to the in-page UI. */
export interface Composer {
  readonly definitionId: string;
  readonly network: Network;
  readonly postKind: PostKind;
  readonly editorKind: EditorKind;
  readonly editor: HTMLElement;
  readonly anchor: Element;
  /** Looked up on demand: sites re-render their buttons. */
  postButton(): HTMLElement | null;
}

/** What the in-page UI returns for a composer it decorated. */
export interface ComposerAttachment {
  /** False once the site removed the UI (e.g. a re-render); the watcher then attaches again. */
  isAttached(): boolean;
  detach(): void;
}

export interface WatchOptions {
  onComposer(composer: Composer): ComposerAttachment;
  /** An editor the site's `leftAlone` definitions name came into view; without this, such editors are ignored. */
  onLeftAlone?(surface: LeftAloneEditor): ComposerAttachment;
  /** Defers a scan; the default coalesces bursts of mutations into one scan per animation frame. */
  schedule?: (run: () => void) => void;
  /** The element's size on screen, for the generic fallback (tests give one: happy-dom lays nothing out). */
  size?: ElementSize;
}

/** A running watch: `rescan` after the definitions changed (a new site pack), `stop` to detach everything. */
export interface ComposerWatch {
  rescan(): void;
  stop(): void;
}

const WATCHED_ATTRIBUTES = ['open', 'hidden', 'contenteditable'];

function scheduleFrame(run: () => void): void {
  // rAF alone never fires in a hidden tab; a composer shown there is picked up when the tab shows again.
  requestAnimationFrame(run);
}

/**
 * Finds the site's composers and keeps the set current: through open shadow roots and <dialog>s, across SPA
 * navigation and editor nodes being replaced, with the definitions `definitions()` gives at each scan. An editor
 * no definition recognises is adopted by the generic fallback when the member focuses it, and kept while shown.
 */
export function watchComposers(
  definitions: () => SiteDefinitions,
  doc: Document,
  options: WatchOptions,
): ComposerWatch {
  const schedule = options.schedule ?? scheduleFrame;
  const size = options.size ?? layoutSize;
  const scopes = new Set<TreeScope>();
  /** Editors the generic fallback took on focus, with the composer it made of them. */
  const adopted = new Map<HTMLElement, Composer>();
  /** What decorates each editor now: its composer's UI, or the note of a surface left alone. */
  const attached = new Map<HTMLElement, { definitionId: string; attachment: ComposerAttachment }>();
  let scanPending = false;
  let stopped = false;

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) for (const root of openShadowRootsIn(node)) observe(root);
      }
    }
    requestScan();
  });

  function observe(scope: TreeScope): void {
    if (scopes.has(scope)) return;
    scopes.add(scope);
    observer.observe(scope, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  }

  function requestScan(): void {
    if (scanPending || stopped) return;
    scanPending = true;
    schedule(() => {
      scanPending = false;
      if (!stopped) scan();
    });
  }

  function scan(): void {
    const current = definitions();
    const visible = new Map<HTMLElement, Composer | LeftAloneEditor>();
    const claimed = new Set<HTMLElement>();
    for (const scope of scopes) {
      if (scope instanceof ShadowRoot && !scope.host.isConnected) {
        scopes.delete(scope); // its observer registration dies with the host
        continue;
      }
      if (current.off) continue;
      if (options.onLeftAlone) {
        for (const surface of findLeftAlone(current, scope)) {
          if (!visible.has(surface.editor) && isShown(surface.editor)) visible.set(surface.editor, surface);
        }
      }
      for (const [editor, composer] of matchEditors(current, scope)) {
        claimed.add(editor);
        if (composer && !visible.has(editor) && isShown(editor)) visible.set(editor, composer);
      }
    }
    for (const [editor, composer] of adopted) {
      // A definition (say, from a newer site pack) recognises it now, or it is gone: the fallback lets go.
      if (claimed.has(editor) || !editor.isConnected || current.off || !current.generic) adopted.delete(editor);
      else if (isShown(editor)) visible.set(editor, composer);
    }
    for (const [editor, entry] of attached) {
      // Kept while the same definition still recognises it; another one (a new site pack, the fallback) re-attaches.
      const now = visible.get(editor);
      if (now?.definitionId === entry.definitionId && entry.attachment.isAttached()) continue;
      entry.attachment.detach();
      attached.delete(editor);
    }
    for (const [editor, found] of visible) {
      if (attached.has(editor)) continue;
      const attachment =
        'reason' in found && options.onLeftAlone ? options.onLeftAlone(found) : options.onComposer(found as Composer);
      attached.set(editor, { definitionId: found.definitionId, attachment });
    }
  }

  /** The member focused an editor no definition knows: the generic fallback may take it. */
  function adopt(target: Element): void {
    const editor = editableRoot(target);
    if (!editor || adopted.has(editor)) return;
    const current = definitions();
    const root = editor.getRootNode();
    const scope = root instanceof ShadowRoot || root instanceof Document ? root : doc;
    if (matchEditors(current, scope).has(editor)) return;
    const composer = genericComposer(current, editor, size);
    if (composer) adopted.set(editor, composer);
  }

  // Shadow roots attached after their host was inserted fire no mutation; focus always reveals the editor.
  const onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0];
    if (target instanceof Node) {
      const root = target.getRootNode();
      if (root instanceof ShadowRoot) observe(root);
      if (target instanceof Element) adopt(target);
      requestScan();
    }
  };

  observe(doc);
  for (const root of openShadowRootsIn(doc)) observe(root);
  doc.addEventListener('focusin', onFocusIn, true);
  scan();

  return {
    rescan: requestScan,
    stop() {
      stopped = true;
      observer.disconnect();
      doc.removeEventListener('focusin', onFocusIn, true);
      for (const { attachment } of attached.values()) attachment.detach();
      attached.clear();
      adopted.clear();
      scopes.clear();
    },
  };
}

/** The composers the definitions recognise in one tree scope, visible or not, each editor once. */
export function findComposers(definitions: SiteDefinitions, scope: TreeScope): Composer[] {
  return [...matchEditors(definitions, scope).values()].filter((composer) => composer !== null);
}

/**
 * Every editor the definitions claim in one tree scope, with its composer, or null where a surface is switched
 * off. The first definition that matches an editor wins; one from a newer pack that matches nothing here hands
 * over to the built-in definition of its surface.
 */
function matchEditors(definitions: SiteDefinitions, scope: TreeScope): Map<HTMLElement, Composer | null> {
  const found = new Map<HTMLElement, Composer | null>();
  // Editors left alone are claimed first, with no composer: no definition (nor the fallback) takes them.
  for (const surface of findLeftAlone(definitions, scope)) found.set(surface.editor, null);
  for (const definition of definitions.composers) {
    if (!claim(definitions, definition, scope, found) && definition.fallback) {
      claim(definitions, definition.fallback, scope, found);
    }
  }
  return found;
}

/** Adds the editors `definition` matches in `scope` to `found`; whether it matched any. */
function claim(
  definitions: SiteDefinitions,
  definition: ComposerDefinition,
  scope: TreeScope,
  found: Map<HTMLElement, Composer | null>,
): boolean {
  let matched = false;
  for (const editor of scope.querySelectorAll<HTMLElement>(definition.selector)) {
    if (definition.within && !editor.closest(definition.within)) continue;
    if (definition.outside && editor.closest(definition.outside)) continue;
    matched = true;
    if (!found.has(editor)) found.set(editor, definition.off ? null : toComposer(definitions, definition, editor));
  }
  return matched;
}

function toComposer(definitions: SiteDefinitions, definition: ComposerDefinition, editor: HTMLElement): Composer {
  return {
    definitionId: definition.id,
    network: definitions.network,
    postKind: definition.postKind(editor),
    editorKind: definition.editor,
    editor,
    anchor: definition.anchor(editor),
    postButton: () => definition.postButton(editor),
  };
}
