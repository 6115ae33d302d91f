// X's narrow-window composer is a <textarea>: Spoke draws its underlines on a mirror laid over it. The suite in
// draft.spec.ts covers it as a variant; this checks what only a textarea has: its own scrolling.
import { capture } from '../capture';
import { expect, test } from '../harness';
import { openComposer } from '../smoke/behaviours';
import { x } from '../smoke/variants';
import { model, underlineBoxes, wordBox } from './page-helpers';
import { PROFANITY } from './phrases';

const narrow = x.find((variant) => variant.name === 'x-narrow-en');
if (!narrow) throw new Error('no x-narrow-en variant');

test('in a textarea scrolled by a long post, the underline stays on its word', async ({ page }) => {
  await openComposer(page, narrow);
  await page.locator(narrow.editor).click();
  const lines = Array.from({ length: 24 }, (_, i) => `Line ${i + 1} of the release notes`).join('\n');
  await page.keyboard.insertText(`${lines}\n${PROFANITY.typed}`);
  await expect.poll(() => model(page, narrow)).toBe(`${lines}\n${PROFANITY.typed}`);
  // The textarea scrolled to keep the caret (at the end) in view.
  expect(await page.locator(narrow.editor).evaluate((el) => el.scrollTop)).toBeGreaterThan(100);

  // (A post this long also gets "Too long for X" and other findings: only the profanity's underline counts here.)
  const wordUnderline = async () => (await underlineBoxes(page)).find((u) => u.text === PROFANITY.word);
  await expect.poll(wordUnderline).toBeDefined();
  const underline = await wordUnderline();
  const shown = await wordBox(page, narrow, PROFANITY.word);
  if (!underline || !shown) throw new Error('the underline or the word has no box');
  expect(Math.abs(underline.x - shown.x)).toBeLessThan(1.5);
  expect(Math.abs(underline.y - shown.y)).toBeLessThan(1.5);

  await capture(page, 'guidelines-x-narrow-scrolled');

  // Scrolled back to the top, the word leaves the textarea's box and its underline moves with it, out of view (the
  // mirror clips what lies outside the textarea, as the textarea clips its text).
  await page.locator(narrow.editor).evaluate((el) => el.scrollTo(0, 0));
  const box = await page.locator(narrow.editor).boundingBox();
  await expect.poll(async () => (await wordUnderline())?.y ?? 0).toBeGreaterThan((box?.y ?? 0) + (box?.height ?? 0));
});
