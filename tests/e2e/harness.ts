// Playwright fixtures: one Chromium per worker with the built extension loaded, the fixture sites routed at their
// real origins, and the extension's id read from its service worker.
import { type BrowserContext, test as base, expect, type Worker } from '@playwright/test';
import { launchChromium } from './browser';
import { routeFixtureSites } from './sites/serve';

export interface ExtensionHandle {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
}

export const test = base.extend<{ context: BrowserContext }, { extension: ExtensionHandle }>({
  extension: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the fixtures argument to be destructured
    async ({}, use) => {
      const browser = await launchChromium({ extension: true });
      await routeFixtureSites(browser.context);
      if (!browser.serviceWorker || !browser.extensionId) throw new Error('the extension did not start');
      await use({ context: browser.context, extensionId: browser.extensionId, serviceWorker: browser.serviceWorker });
      await browser.close();
    },
    { scope: 'worker' },
  ],
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    // The test's tab is the one the member looks at: a background tab gets no animation frames (and Spoke paints
    // in frames), whatever an earlier test left open in the window (the side panel, a Spoke page).
    await page.bringToFront();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    await page.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
