// Sites render parts of their pages (LinkedIn's share box, sometimes its toasts) in open shadow roots, which
// `document.querySelectorAll` does not enter. Closed roots stay out of reach: a content script cannot see them.

/** At most this many open shadow roots are searched, so a page full of components cannot stall a scan. */
const MAX_ROOTS = 64;
/** At most this many elements are visited while looking for shadow roots, over the whole walk. */
const MAX_ELEMENTS = 60_000;

/**
 * Elements matching `selector` in the document and in the open shadow roots inside it, nested ones included
 * (document order within each tree, trees breadth-first). Bounded by MAX_ROOTS and MAX_ELEMENTS.
 */
export function queryAllDeep(doc: Document, selector: string): Element[] {
  const found: Element[] = [...doc.querySelectorAll(selector)];
  const queue: Array<Document | ShadowRoot> = [doc];
  let roots = 0;
  let visited = 0;
  while (queue.length > 0) {
    const root = queue.shift() as Document | ShadowRoot;
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node && visited < MAX_ELEMENTS; node = walker.nextNode()) {
      visited += 1;
      const shadow = (node as Element).shadowRoot;
      if (!shadow) continue;
      if (roots >= MAX_ROOTS) return found;
      roots += 1;
      found.push(...shadow.querySelectorAll(selector));
      queue.push(shadow);
    }
    if (visited >= MAX_ELEMENTS) break;
  }
  return found;
}
