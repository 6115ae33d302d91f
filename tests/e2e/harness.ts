// Playwright fixtures: one Chromium per worker with the built extension loaded, the fixture sites routed at their
// real origins, and the extension's id read from its service worker.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, chromium, expect, type Worker } from '@playwright/test';
import { EXTENSION_DIR, findChromium } from './browser';
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
      const executablePath = findChromium();
      if (!executablePath) throw new Error('Chromium not found: apt-get install --no-install-recommends chromium');
      const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'spoke-e2e-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        viewport: { width: 1100, height: 760 },
        args: [
          `--disable-extensions-except=${EXTENSION_DIR}`,
          `--load-extension=${EXTENSION_DIR}`,
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      await routeFixtureSites(context);
      let [serviceWorker] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
      serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
      const extensionId = new URL(serviceWorker.url()).host;
      await use({ context, extensionId, serviceWorker });
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  context: async ({ extension }, use) => {
    await use(extension.context);
  },
  page: async ({ extension }, use) => {
    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    await page.close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
