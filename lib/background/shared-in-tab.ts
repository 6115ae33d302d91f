// Which item the member last shared into each tab, so the Post that follows is attributed to it. Kept in
// `storage.session`, not in the worker's memory: MV3 stops an idle service worker after 30 seconds, and a member who
// pauses between Share and Post must not lose the share (the post would count as their own post instead).
import { browser } from 'wxt/browser';

export interface SharedInTab {
  contentId: string;
  linkCode?: string;
}

const keyOf = (tabId: number) => `sharedInTab:${tabId}`;

/** Where session storage is missing (an old browser), the worker's memory: no worse than before. */
const memory = new Map<number, SharedInTab>();

export async function rememberShare(tabId: number, shared: SharedInTab): Promise<void> {
  memory.set(tabId, shared);
  await browser.storage.session?.set({ [keyOf(tabId)]: shared });
}

/** The share in this tab, forgotten as it is read: one Post per share. */
export async function takeShare(tabId: number): Promise<SharedInTab | undefined> {
  const key = keyOf(tabId);
  const stored = (await browser.storage.session?.get(key))?.[key] as SharedInTab | undefined;
  const shared = stored ?? memory.get(tabId);
  memory.delete(tabId);
  await browser.storage.session?.remove(key);
  return shared && typeof shared.contentId === 'string' ? shared : undefined;
}
