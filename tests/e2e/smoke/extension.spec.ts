// The extension itself: its service worker runs, and its pages open and render.
import path from 'node:path';
import type { browser } from 'wxt/browser';
import { capture } from '../capture';
import { expect, test } from '../harness';

type ExtensionGlobal = { chrome: typeof browser };

test('the extension loads: its service worker runs and answers a ping', async ({ page, extension }) => {
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = await extension.serviceWorker.evaluate(() =>
    (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest(),
  );
  expect(manifest.name).toBe('Spoke');
  expect(manifest.manifest_version).toBe(3);

  // A message from an extension page goes through the background's validating router.
  await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const answers = await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobal;
    return [await chrome.runtime.sendMessage({ type: 'ping' }), await chrome.runtime.sendMessage({ type: 'steal' })];
  });
  expect(answers).toEqual([
    { ok: true, version: manifest.version },
    { ok: false, code: 'malformed', error: 'Unknown or malformed message.' },
  ]);
});

const PAGES = [
  { file: 'popup.html', heading: 'Spoke', width: 360, height: 300 },
  { file: 'sidepanel.html', heading: 'Suggestions', width: 400, height: 600 },
  { file: 'options.html', heading: 'Spoke settings', width: 1000, height: 560 },
  { file: 'coe.html', heading: 'CoE console', width: 1000, height: 560 },
  { file: 'reach.html', heading: 'My reach', width: 1000, height: 560 },
];

for (const { file, heading, width, height } of PAGES) {
  test(`${file} opens and renders`, async ({ page, extension }) => {
    await page.setViewportSize({ width, height });
    await page.goto(`chrome-extension://${extension.extensionId}/${file}`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await capture(page, `page-${path.basename(file, '.html')}`);
  });
}

test('the popup opens the settings page', async ({ page, extension }) => {
  // Chrome focuses an options tab that is already open instead of opening another (an earlier test of this worker's
  // browser may have left one, e.g. the onboarding tab): close them, so the click must open a new one.
  for (const open of extension.context.pages()) if (open.url().includes('/options.html')) await open.close();
  await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  const settings = extension.context.waitForEvent('page');
  await page.getByRole('button', { name: 'Settings' }).click();
  const opened = await settings;
  await expect(opened).toHaveURL(new RegExp(`chrome-extension://${extension.extensionId}/options.html`));
  await expect(opened.getByRole('heading', { level: 1, name: 'Spoke settings' })).toBeVisible();
  await opened.close();
});
