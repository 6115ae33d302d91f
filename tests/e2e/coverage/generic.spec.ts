// The structure-first fallback end to end: X renames the test id every definition of the site pack relies on; the
// member focuses the composer and Spoke still finds it by what it is (a post-sized Draft.js editor in the timeline
// column), checks it, finds its Post button by behaviour, and applies a fix through the editor's own model.
import { capture } from '../capture';
import { clickOnWord, model, ui, underlined } from '../guidelines/page-helpers';
import { PROFANITY } from '../guidelines/phrases';
import { expect, test } from '../harness';
import { x } from '../smoke/variants';

const inline = x.find((variant) => variant.name === 'x-inline');

test('a composer whose hooks changed is found by its structure when focused, and works as before', async ({ page }) => {
  if (!inline) throw new Error('no x-inline variant');
  await page.goto(inline.url);
  const known = page.locator('spoke-composer-ui[data-spoke-composer="x-inline"]');
  await expect(known).toBeAttached();

  // The site's next build drops the test id: no definition recognises the editor any more.
  const editor = page.locator('[data-testid="primaryColumn"] .public-DraftEditor-content');
  await editor.evaluate((el) => el.removeAttribute('data-testid'));
  await editor.click();
  await expect(known).toHaveCount(0);
  const generic = { ...inline, definitionId: 'x-generic' };
  const { badge, card } = ui(page, generic);
  await expect(badge).toBeVisible();
  await page.keyboard.type(PROFANITY.typed);
  await expect.poll(() => model(page, generic)).toBe(PROFANITY.typed);
  await expect(badge).toHaveText(PROFANITY.badge);
  await expect.poll(() => underlined(page)).toEqual([PROFANITY.word]);
  await capture(page, 'generic-fallback-x');

  await clickOnWord(
    page,
    { ...generic, editor: '[data-testid="primaryColumn"] .public-DraftEditor-content' },
    PROFANITY.word,
  );
  await card.getByRole('button', { name: PROFANITY.fix }).click();
  await expect.poll(() => model(page, generic)).toBe(PROFANITY.fixed);
  await expect(badge).toHaveText('Spoke');
});
