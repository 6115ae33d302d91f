import type { Network, PostKind } from '@/lib/contract/common';
import type { ComposerDefinition, EditorKind, LeftAloneDefinition, SiteAdapter } from '@/lib/sites/types';
import { isShown, openShadowRootsIn, type TreeScope } from './dom';

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

/** An editor Spoke leaves alone on purpose, as the watcher hands it to the in-page UI (a quiet note, no check). */
export interface LeftAloneEditor {
  readonly definitionId: string;
  readonly network: Network;
  readonly editor: HTMLElement;
  readonly anchor: Element;
  /** What the note says, and why, for the member. */
  readonly label: string;
  readonly reason: string;
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
}

const WATCHED_ATTRIBUTES = ['open', 'hidden', 'contenteditable'];

function scheduleFrame(run: () => void): void {
  // rAF alone never fires in a hidden tab; a composer shown there is picked up when the tab shows again.
  requestAnimationFrame(run);
}

/**
 * Finds the site's composers and keeps the set current: through open shadow roots and <dialog>s, across SPA
 * navigation and editor nodes being replaced. Returns a function that stops watching and detaches everything.
 */
export function watchComposers(adapter: SiteAdapter, doc: Document, options: WatchOptions): () => void {
  const schedule = options.schedule ?? scheduleFrame;
  const scopes = new Set<TreeScope>();
  const attached = new Map<HTMLElement, { attachment: ComposerAttachment }>();
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
    /** Each visible editor, with how to decorate it: as a composer or as a surface left alone. */
    const visible = new Map<HTMLElement, () => ComposerAttachment>();
    const onLeftAlone = options.onLeftAlone;
    for (const scope of scopes) {
      if (scope instanceof ShadowRoot && !scope.host.isConnected) {
        scopes.delete(scope); // its observer registration dies with the host
        continue;
      }
      for (const composer of findComposers(adapter, scope)) {
        if (!visible.has(composer.editor) && isShown(composer.editor)) {
          visible.set(composer.editor, () => options.onComposer(composer));
        }
      }
      if (!onLeftAlone) continue;
      for (const surface of findLeftAlone(adapter, scope)) {
        if (!visible.has(surface.editor) && isShown(surface.editor)) {
          visible.set(surface.editor, () => onLeftAlone(surface));
        }
      }
    }
    for (const [editor, entry] of attached) {
      if (visible.has(editor) && entry.attachment.isAttached()) continue;
      entry.attachment.detach();
      attached.delete(editor);
    }
    for (const [editor, decorate] of visible) {
      if (!attached.has(editor)) attached.set(editor, { attachment: decorate() });
    }
  }

  // Shadow roots attached after their host was inserted fire no mutation; focus always reveals the editor.
  const onFocusIn = (event: FocusEvent) => {
    const target = event.composedPath()[0];
    if (target instanceof Node) {
      const root = target.getRootNode();
      if (root instanceof ShadowRoot) observe(root);
      requestScan();
    }
  };

  observe(doc);
  for (const root of openShadowRootsIn(doc)) observe(root);
  doc.addEventListener('focusin', onFocusIn, true);
  scan();

  return () => {
    stopped = true;
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn, true);
    for (const { attachment } of attached.values()) attachment.detach();
    attached.clear();
    scopes.clear();
  };
}

/**
 * The composers of `adapter` in one tree scope, visible or not, each editor once (first definition wins). Editors
 * the adapter leaves alone are never composers.
 */
export function findComposers(adapter: SiteAdapter, scope: TreeScope): Composer[] {
  const found = new Map<HTMLElement, Composer>();
  const leftAlone = leftAloneSelector(adapter);
  for (const definition of adapter.composers) {
    for (const editor of scope.querySelectorAll<HTMLElement>(definition.selector)) {
      if (found.has(editor)) continue;
      if (definition.within && !editor.closest(definition.within)) continue;
      if (leftAlone && editor.closest(leftAlone)) continue;
      found.set(editor, toComposer(adapter, definition, editor));
    }
  }
  return [...found.values()];
}

/** The editors of `adapter` in one tree scope that it leaves alone, visible or not, each once. */
export function findLeftAlone(adapter: SiteAdapter, scope: TreeScope): LeftAloneEditor[] {
  const found = new Map<HTMLElement, LeftAloneEditor>();
  for (const definition of adapter.leftAlone ?? []) {
    for (const editor of scope.querySelectorAll<HTMLElement>(definition.selector)) {
      if (!found.has(editor)) found.set(editor, toLeftAlone(adapter, definition, editor));
    }
  }
  return [...found.values()];
}

/** Whether `element` is, or belongs to, a surface the adapter leaves alone (its editor or a related field). */
export function isLeftAlone(adapter: SiteAdapter, element: Element): boolean {
  return (adapter.leftAlone ?? []).some(
    (definition) =>
      element.closest(definition.selector) !== null ||
      (definition.related !== undefined && element.closest(definition.related) !== null),
  );
}

function leftAloneSelector(adapter: SiteAdapter): string | undefined {
  const selectors = (adapter.leftAlone ?? []).map((definition) => definition.selector);
  return selectors.length ? selectors.join(', ') : undefined;
}

function toLeftAlone(adapter: SiteAdapter, definition: LeftAloneDefinition, editor: HTMLElement): LeftAloneEditor {
  return {
    definitionId: definition.id,
    network: adapter.network,
    editor,
    anchor: definition.anchor(editor),
    label: definition.label,
    reason: definition.reason,
  };
}

function toComposer(adapter: SiteAdapter, definition: ComposerDefinition, editor: HTMLElement): Composer {
  return {
    definitionId: definition.id,
    network: adapter.network,
    postKind: typeof definition.postKind === 'function' ? definition.postKind(editor) : definition.postKind,
    editorKind: definition.editor,
    editor,
    anchor: definition.anchor(editor),
    postButton: () => definition.postButton(editor),
  };
}
