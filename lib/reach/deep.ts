import { openShadowRootsIn } from '@/lib/composer/dom';

// Sites render parts of their pages (LinkedIn's share box, sometimes its toasts) in open shadow roots, which
// `document.querySelectorAll` and a MutationObserver on the document do not enter. Closed roots stay out of reach:
// a content script cannot see them. The reach scan runs every 1.5 s on feeds of any size, so its search is bounded.

const REACH_SEARCH = { maxRoots: 64, maxElements: 60_000 };

/** The open shadow roots in the document, nested ones included, bounded for a scan that runs again and again. */
export function openShadowRoots(doc: Document): ShadowRoot[] {
  return openShadowRootsIn(doc, REACH_SEARCH);
}

/** Elements matching `selector` in the document, then in its open shadow roots (see openShadowRoots). */
export function queryAllDeep(doc: Document, selector: string): Element[] {
  const found: Element[] = [...doc.querySelectorAll(selector)];
  for (const root of openShadowRoots(doc)) found.push(...root.querySelectorAll(selector));
  return found;
}
