// The coverage signal end to end: on a fixture site, a post-sized editor no composer definition recognises is
// focused and typed into; a `coverage` event (counts and ids only) reaches the hub through the recording proxy,
// none of the typed text does, and the CoE console's Analytics shows it under *Coverage*.
import { mkdirSync } from 'node:fs';
import { startChaosProxy } from '../../chaos/proxy';
import { CAPTURE_DIR, capture } from '../capture';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from '../sync/flows';

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
  mkdirSync(CAPTURE_DIR, { recursive: true });
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

test('an unrecognised editor is counted, reaches the console as Coverage, and no request carries its text', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const proxy = await startChaosProxy(() => hub.url);
  try {
    const options = await enrolAndConsent(context, extension.extensionId, { ...hub, url: proxy.url }, undefined, {
      code: hub.coeCode,
      name: 'Casey CoE',
    });
    await options.getByRole('button', { name: 'I agree' }).click();
    await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
    const token = await deviceToken(options);
    await options.close();

    await page.bringToFront();
    await page.goto('https://x.com/home');
    // Spoke runs on the page once it marks the composer it knows.
    await expect(page.locator('spoke-composer-ui[data-spoke-composer="x-inline"]').first()).toBeAttached();
    // A new kind of editor the site shipped, that no composer definition knows.
    await page.evaluate(() => {
      const editor = document.createElement('div');
      editor.contentEditable = 'true';
      editor.id = 'new-editor';
      editor.setAttribute('aria-label', 'Write something new');
      editor.style.cssText = 'display:block;width:600px;height:80px;border:1px solid #888;margin:8px';
      document.body.prepend(editor);
    });
    await page.locator('#new-editor').click();
    const secret = 'Wuzzle roadmap leaks early';
    await page.keyboard.type(secret);

    await expect
      .poll(async () => (await hubEvents(hub, token)).find((e) => e.type === 'coverage')?.props, { timeout: 30_000 })
      .toEqual({ kind: 'editor_unrecognised', surface: 'unknown', count: 1, sitePack: 'builtin-3' });
    expect(proxy.recorded.length).toBeGreaterThan(1);
    for (const request of proxy.recorded) {
      for (const word of ['Wuzzle', 'roadmap', 'new-editor', 'Write something new']) {
        expect(request).not.toContain(word);
      }
    }

    const consolePage = await context.newPage();
    await consolePage.setViewportSize({ width: 1280, height: 900 });
    await consolePage.goto(`chrome-extension://${extension.extensionId}/coe.html#analytics`);
    const coverage = consolePage.getByRole('region', { name: 'Coverage' });
    const row = coverage.getByRole('row').filter({ hasText: 'Editor not recognised' });
    await expect(row).toHaveText(/X\s*unknown\s*Editor not recognised\s*1\s*builtin-3/);
    await coverage.scrollIntoViewIfNeeded();
    await capture(consolePage, 'coe-analytics-coverage');
    await consolePage.close();
  } finally {
    await proxy.close();
  }
});
