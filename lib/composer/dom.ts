/** A tree scope where composers can live: the document, or an open shadow root inside it. */
export type TreeScope = Document | ShadowRoot;

/** How far a search for shadow roots may go; a scan that runs again and again on a large page sets both. */
export interface ShadowSearchLimits {
  /** At most this many roots are returned. */
  maxRoots?: number;
  /** At most this many elements are visited, over the whole walk. */
  maxElements?: number;
}

/** Open shadow roots hosted by `root` or by any element below it, nested roots included (within `limits`). */
export function openShadowRootsIn(root: Node, limits: ShadowSearchLimits = {}): ShadowRoot[] {
  const maxRoots = limits.maxRoots ?? Number.POSITIVE_INFINITY;
  const maxElements = limits.maxElements ?? Number.POSITIVE_INFINITY;
  const found: ShadowRoot[] = [];
  let visited = 0;
  /** False once a limit is reached: the walk stops there. */
  const visit = (node: Node): boolean => {
    const doc = node.ownerDocument ?? (node as Document);
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode as Element | null; el; el = walker.nextNode() as Element | null) {
      if (++visited > maxElements) return false;
      const shadow = el.shadowRoot;
      if (shadow) {
        found.push(shadow);
        if (found.length >= maxRoots || !visit(shadow)) return false;
      }
    }
    return true;
  };
  visit(root);
  return found;
}

/**
 * Whether the user can see the element: connected, rendered (no `display:none` or `hidden` ancestor, a closed
 * <dialog> included) and not `visibility:hidden`. LinkedIn keeps a hidden copy of its editor in the light DOM;
 * this is what keeps such decoys out.
 */
export function isShown(el: Element): boolean {
  if (!el.isConnected) return false;
  if (typeof el.checkVisibility === 'function') {
    return el.checkVisibility({ visibilityProperty: true });
  }
  return el.getClientRects().length > 0;
}
