// Sites render parts of their pages (LinkedIn's share box, sometimes its toasts) in open shadow roots, which
// `document.querySelectorAll` and a MutationObserver on the document do not enter. Closed roots stay out of reach:
// a content script cannot see them.

/** At most this many open shadow roots are searched, so a page full of components cannot stall a scan. */
const MAX_ROOTS = 64;
/** At most this many elements are visited while looking for shadow roots, over the whole walk. */
const MAX_ELEMENTS = 60_000;

/** The open shadow roots in the document, nested ones included (breadth-first), bounded by MAX_ROOTS/MAX_ELEMENTS. */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const queue: Array<Document | ShadowRoot> = [doc];
  let visited = 0;
  for (let root = queue.shift(); root; root = queue.shift()) {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      visited += 1;
      if (visited > MAX_ELEMENTS) return found;
      const shadow = (node as Element).shadowRoot;
      if (!shadow) continue;
      found.push(shadow);
      if (found.length >= MAX_ROOTS) return found;
      queue.push(shadow);
    }
  }
  return found;
}

/** Elements matching `selector` in the document, then in its open shadow roots (see openShadowRoots). */
export function queryAllDeep(doc: Document, selector: string): Element[] {
  const found: Element[] = [...doc.querySelectorAll(selector)];
  for (const root of openShadowRoots(doc)) found.push(...root.querySelectorAll(selector));
  return found;
}
