/** A tree scope where composers can live: the document, or an open shadow root inside it. */
export type TreeScope = Document | ShadowRoot;

/** Open shadow roots hosted by `root` or by any element below it, nested roots included. */
export function openShadowRootsIn(root: Node): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const visit = (node: Node) => {
    const doc = node.ownerDocument ?? (node as Document);
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode as Element | null; el; el = walker.nextNode() as Element | null) {
      const shadow = el.shadowRoot;
      if (shadow) {
        found.push(shadow);
        visit(shadow);
      }
    }
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
