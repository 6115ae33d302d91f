// Per-site switches: switching a site off in settings leaves its pages alone; switching it on brings Spoke back.
import { expect, test } from '../harness';
import { HOST } from './page-helpers';

test('a site switched off in settings gets no Spoke UI, and comes back when switched on', async ({
  page,
  context,
  extension,
}) => {
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const linkedin = settings.getByRole('checkbox', { name: 'LinkedIn (linkedin.com)' });
  await expect(linkedin).toBeChecked();
  await linkedin.uncheck();

  await page.goto('https://www.linkedin.com/feed/?variant=new');
  await expect(page.locator('[componentkey^="commentBox-"] [contenteditable="true"]')).toBeVisible();
  await page.waitForTimeout(300); // Spoke marks a composer within a frame when on; give it ample time
  await expect(page.locator(HOST)).toHaveCount(0);

  await linkedin.check();
  await expect(page.locator(HOST)).toHaveCount(1); // the open page picks the switch up without a reload
  await settings.close();
});
