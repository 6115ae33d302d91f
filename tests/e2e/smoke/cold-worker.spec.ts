// After Chrome stopped the extension's service worker (30 s idle; here DevTools' "Stop"), the first keystrokes are
// still checked: a draft that breaks a rule is underlined. How long that takes is a benchmark (`npm run bench:e2e`,
// cold_keystroke_p95_ms), not an assertion.
import { launchChromium } from '../browser';
import { clickOnWord, ui, underlined } from '../guidelines/page-helpers';
import { PROFANITY } from '../guidelines/phrases';
import { expect, test } from '../harness';
import { routeFixtureSites } from '../sites/serve';
import { openComposer } from './behaviours';
import { linkedinClassic, x } from './variants';
import { workerStopper } from './worker-stop';

for (const variant of [x[0], linkedinClassic[0]]) {
  if (!variant) throw new Error('composer variant missing');
  test(`${variant.name}: a draft typed after the service worker stopped is underlined`, async ({ page, extension }) => {
    await openComposer(page, variant);
    await page.locator(variant.editor).click();
    const worker = await workerStopper(page, extension.extensionId);
    try {
      await worker.stop();
      await page.keyboard.type(PROFANITY.typed);
      await expect.poll(() => underlined(page)).toEqual([PROFANITY.word]);

      // Stopped again mid-post: what is typed next is checked too, and the earlier finding stays.
      await worker.stop();
      await page.keyboard.type(' and we need more manpower');
      await expect.poll(() => underlined(page)).toEqual(expect.arrayContaining([PROFANITY.word, 'manpower']));
    } finally {
      // Typing need not wake it; the next tests of this browser evaluate in it.
      await worker.start();
    }
  });
}

test('a tip turned off stays off in what is typed after the service worker stopped', async () => {
  // A browser of its own: the muted tip is kept in the extension's storage, which the shared browser's tests read.
  const browser = await launchChromium({ extension: true });
  try {
    await routeFixtureSites(browser.context);
    const variant = x[0];
    if (!variant || !browser.extensionId) throw new Error('composer variant or extension missing');
    const page = await browser.context.newPage();
    await openComposer(page, variant);
    await page.locator(variant.editor).click();
    await page.keyboard.type('We need more manpower');
    await expect.poll(() => underlined(page)).toEqual(['manpower']);

    await clickOnWord(page, variant, 'manpower');
    await ui(page, variant).card.getByTestId('spoke-mute').click();
    await expect.poll(() => underlined(page)).toEqual([]);

    const worker = await workerStopper(page, browser.extensionId);
    await worker.stop();
    await page.keyboard.press('End');
    await page.keyboard.type(', more manpower, damn');
    // The profanity shows the new text was checked; the muted tip does not come back.
    await expect.poll(() => underlined(page)).toEqual([PROFANITY.word]);
  } finally {
    await browser.close();
  }
});
