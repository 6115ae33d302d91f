// What the sites do after Post, for the reach flows: a new own post in the feed and a "View post" toast carrying its
// id. Ids count up from a fixed base per page load, so a test can read the new id from the toast or the feed.

let next = 0;

/**
 * A fresh post id: `base` with a counter in its last digits (numeric strings, as both sites use). Bases differ
 * from the fixtures' static posts, so a new post never takes the id of one already on the page.
 */
export function nextPostId(base: string): string {
  next += 1;
  return `${base.slice(0, -4)}${String(next).padStart(4, '0')}`;
}

/** The views a freshly published post shows in the fixtures ("12 views", "12 impressions"). */
export const NEW_POST_VIEWS = 12;

/** Shows a toast element for a few seconds, as the sites do, then removes it. */
export function showToast(container: Element, toast: HTMLElement, ms = 8_000): void {
  container.append(toast);
  setTimeout(() => toast.remove(), ms);
}

/** Builds an element with attributes and children; text goes in as text nodes, never as markup. */
export function el(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
