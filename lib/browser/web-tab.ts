import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';

/** The network a page belongs to, if Spoke works there (one list: lib/sites/hosts.ts). */
export { networkOfUrl } from '@/lib/sites/hosts';

/**
 * The page the member is looking at: the most recently used tab of the focused window, leaving out the tab of the
 * Spoke page that asks (when a Spoke page is open as a tab rather than in the side panel). Its `url` is only known
 * on LinkedIn and X (Spoke's host permissions), which is all Spoke needs.
 */
export async function currentWebTab(excludeTabId?: number): Promise<Browser.tabs.Tab | undefined> {
  const tabs = await browser.tabs.query({ lastFocusedWindow: true });
  return tabs
    .filter((tab) => tab.id !== excludeTabId)
    .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0) || Number(b.active) - Number(a.active))[0];
}
