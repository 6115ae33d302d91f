import { browser } from 'wxt/browser';

/**
 * Returns a function that opens Spoke's side panel (Chrome) or sidebar (Firefox) in the current window.
 * Resolve it before the click: Chrome accepts `sidePanel.open` only synchronously inside a user gesture, and an
 * `await` in the click handler would lose the gesture.
 */
export async function prepareSidePanelOpener(): Promise<() => Promise<void>> {
  if (browser.sidePanel) {
    const { id: windowId } = await browser.windows.getCurrent();
    return () => (windowId === undefined ? Promise.resolve() : browser.sidePanel.open({ windowId }));
  }
  // Firefox exposes the sidebar as sidebarAction, which the Chrome typings do not describe.
  const firefox = browser as unknown as { sidebarAction?: { open(): Promise<void> } };
  return () => firefox.sidebarAction?.open() ?? Promise.resolve();
}
