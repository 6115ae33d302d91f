// X Premium: a member whose X account posts up to 25,000 characters says so in settings; a 400-character post on X
// then gets no "Too long for X" (LEN-001), and gets it again once the setting is off.
import { expect, test } from '../harness';
import { openComposer } from '../smoke/behaviours';
import { x } from '../smoke/variants';
import { model, ui, underlined } from './page-helpers';
import { PROFANITY } from './phrases';

const variant = x[0] as (typeof x)[number];
/** 400 characters with one other finding, so the badge shows that the check ran either way. */
const POST =
  `${PROFANITY.typed}. ${'Our team spent the week polishing details with care and patience. '.repeat(7)}`.slice(0, 400);

test('with X Premium on in settings a 400-character post gets no length warning; off, it does', async ({
  page,
  context,
  extension,
}) => {
  expect(POST).toHaveLength(400);
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const premium = settings.getByRole('checkbox', { name: 'My X account can post up to 25,000 characters (Premium)' });
  await expect(premium).not.toBeChecked();
  await premium.check();

  await page.bringToFront(); // Spoke paints in animation frames, which only the tab in front gets
  await openComposer(page, variant);
  await page.locator(variant.editor).click();
  await page.keyboard.insertText(POST);
  await expect.poll(() => model(page, variant)).toBe(POST);
  const { badge } = ui(page, variant);
  await expect(badge).toHaveText('1 warning');
  await expect.poll(() => underlined(page)).toEqual([PROFANITY.word]);

  await settings.bringToFront();
  await premium.uncheck();
  await page.bringToFront();
  // The next keystroke is checked against a standard account's 280: the part past it is underlined.
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('!');
  await expect.poll(() => model(page, variant)).toBe(`${POST}!`);
  await expect(badge).toHaveText('2 warnings');
  await expect.poll(() => underlined(page)).toContain(`${POST.slice(280)}!`);
  await settings.close();
});
