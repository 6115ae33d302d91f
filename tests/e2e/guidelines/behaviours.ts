// The inline-warning behaviour suite: one set of behaviours, run against every composer variant (Quill, Tiptap,
// Draft.js; posts, comments, replies, modals; x.com and twitter.com).
import type { Page, Request } from '@playwright/test';
import { capture } from '../capture';
import { expect, test } from '../harness';
import { openComposer } from '../smoke/behaviours';
import type { ComposerVariant } from '../smoke/variants';
import { clickOnWord, model, postEnabled, ui, underlineBoxes, underlined, wordBox } from './page-helpers';
import { MULTI, PROFANITY, TWO_PARAGRAPHS } from './phrases';

/** Types one paragraph per line, Enter between them, as a member writes a post. */
async function typeLines(page: Page, variant: ComposerVariant, lines: readonly string[]): Promise<void> {
  await page.locator(variant.editor).click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await expect.poll(() => model(page, variant)).toBe(lines.join('\n'));
}

/** The editor's text node holding `word`, to tell later whether the editor replaced its DOM. */
function textNodeWith(page: Page, variant: ComposerVariant, word: string) {
  return page.evaluateHandle(
    ({ id, word }) => {
      const editor = window.spokeFixture?.editor(id);
      if (!editor) throw new Error(`no editor "${id}"`);
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node as Text).data.includes(word)) return node;
      }
      throw new Error(`"${word}" is not in the editor`);
    },
    { id: variant.fixtureId, word },
  );
}

async function typeInto(page: Page, variant: ComposerVariant, text: string): Promise<void> {
  await page.locator(variant.editor).click();
  await page.keyboard.type(text);
  await expect.poll(() => model(page, variant)).toBe(text);
}

export function guidelineSuite(variants: ComposerVariant[]): void {
  for (const variant of variants) {
    test.describe(`${variant.name} guidelines`, () => {
      test('a violating phrase is underlined, counted on the badge, and explained in a card', async ({ page }) => {
        await openComposer(page, variant);
        await typeInto(page, variant, PROFANITY.typed);
        const { badge, card } = ui(page, variant);
        await expect(badge).toHaveText(PROFANITY.badge);
        await expect.poll(() => underlined(page)).toEqual([PROFANITY.word]);
        // The underline is on the word as the editor shows it (a textarea's is drawn over it: it must line up).
        const [underline] = await underlineBoxes(page);
        const shown = await wordBox(page, variant, PROFANITY.word);
        if (!underline || !shown) throw new Error('the underline or the word has no box');
        expect(Math.abs(underline.x - shown.x)).toBeLessThan(1.5);
        expect(Math.abs(underline.y - shown.y)).toBeLessThan(1.5);
        expect(Math.abs(underline.width - shown.width)).toBeLessThan(1.5);

        await clickOnWord(page, variant, PROFANITY.word);
        await expect(card).toBeVisible();
        await expect(card.getByRole('heading')).toHaveText(PROFANITY.title);
        await card.getByRole('button', { name: 'Why?' }).click();
        await expect(card.getByTestId('spoke-card-why')).toBeVisible();
        // The card opens next to the word (below it, or above when the composer sits low on the screen, as a reply
        // box under a comment does) and never over the line being typed.
        const word = await wordBox(page, variant, PROFANITY.word);
        const cardBox = await card.boundingBox();
        if (!word || !cardBox) throw new Error('word or card has no box');
        const clearOfLine = cardBox.y >= word.y + word.height || cardBox.y + cardBox.height <= word.y;
        expect(clearOfLine, 'the card leaves the line being typed visible').toBe(true);
        await capture(page, `guidelines-${variant.name}`);
      });

      test('from the keyboard, a fix keeps both paragraphs and typing goes on right after it', async ({ page }) => {
        await openComposer(page, variant);
        await typeLines(page, variant, TWO_PARAGRAPHS.lines);
        const { badge, card } = ui(page, variant);
        const editor = page.locator(variant.editor);
        await expect(badge).toHaveText(TWO_PARAGRAPHS.badge);
        await expect.poll(() => underlined(page)).toEqual([TWO_PARAGRAPHS.word]);

        // Badge, Enter, Tab to the fix, Enter: the focus leaves the editor for the card, then comes back.
        await badge.focus();
        await expect(editor).not.toBeFocused();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Tab');
        await expect(card.getByRole('button', { name: TWO_PARAGRAPHS.fix })).toBeFocused();
        await page.keyboard.press('Enter');
        await expect.poll(() => model(page, variant)).toBe(TWO_PARAGRAPHS.fixed);
        await expect(card).toBeHidden();
        await expect(badge).toHaveText('Spoke');
        await expect.poll(() => underlined(page)).toEqual([]);
        expect(await postEnabled(page, variant)).toBe(true);

        // Back in the editor with the caret right after the replaced word.
        await expect(editor).toBeFocused();
        await page.keyboard.type('!');
        await expect.poll(() => model(page, variant)).toBe(TWO_PARAGRAPHS.fixedThenTyped);
      });

      test('after a click into the card, a fix lands on its word; Ctrl+Z undoes it, redo redoes it', async ({
        page,
      }) => {
        await openComposer(page, variant);
        await typeLines(page, variant, TWO_PARAGRAPHS.lines);
        const { badge, card } = ui(page, variant);
        const editor = page.locator(variant.editor);
        await expect(badge).toHaveText(TWO_PARAGRAPHS.badge);
        await clickOnWord(page, variant, TWO_PARAGRAPHS.word);
        await expect(card).toBeVisible();
        const typedNode = await textNodeWith(page, variant, TWO_PARAGRAPHS.word);

        // A click on the card's text moves the focus into the card (LinkedIn's Tiptap then rewrites its DOM).
        await card.locator('.spoke-card__message').click();
        await expect(card).toBeFocused();
        if (variant.rewritesOnBlur) expect(await typedNode.evaluate((node) => node.isConnected)).toBe(false);
        await expect.poll(() => underlined(page)).toEqual([TWO_PARAGRAPHS.word]);
        // Quill's history merges edits less than a second apart into one undo step; a user reads the card first.
        await page.waitForTimeout(1_100);
        await page.keyboard.press('Tab');
        await expect(card.getByRole('button', { name: 'Close' })).toBeFocused();
        await page.keyboard.press('Tab');
        await expect(card.getByRole('button', { name: TWO_PARAGRAPHS.fix })).toBeFocused();
        await page.keyboard.press('Enter');
        await expect.poll(() => model(page, variant)).toBe(TWO_PARAGRAPHS.fixed);
        await expect(card).toBeHidden();
        await expect.poll(() => underlined(page)).toEqual([]);
        await expect(editor).toBeFocused();

        await page.keyboard.press('ControlOrMeta+z');
        await expect.poll(() => model(page, variant)).toBe(TWO_PARAGRAPHS.typed);
        await expect(badge).toHaveText(TWO_PARAGRAPHS.badge);
        await page.keyboard.press('ControlOrMeta+Shift+z');
        await expect.poll(() => model(page, variant)).toBe(TWO_PARAGRAPHS.fixed);
        await expect(badge).toHaveText('Spoke');
      });

      test('dismiss hides a finding for this post only', async ({ page }) => {
        await openComposer(page, variant);
        await typeInto(page, variant, PROFANITY.typed);
        const { badge, card } = ui(page, variant);
        await expect(badge).toHaveText(PROFANITY.badge);
        await clickOnWord(page, variant, PROFANITY.word);
        await card.getByTestId('spoke-dismiss').click();
        await expect(card).toBeHidden();
        await expect(badge).toHaveText('Spoke');
        await expect.poll(() => underlined(page)).toEqual([]);
        expect(await model(page, variant)).toBe(PROFANITY.typed); // dismissing never edits the text
      });

      test('several findings land on the right characters among emoji and CJK', async ({ page }) => {
        await openComposer(page, variant);
        await typeInto(page, variant, MULTI.typed);
        await expect.poll(async () => (await underlined(page)).sort()).toEqual([...MULTI.words].sort());
        await expect(ui(page, variant).badge).toHaveText(MULTI.badge);
      });
    });
  }
}

/** Behaviours checked once per editor library rather than per variant. */
export function guidelineEditorSuite(variant: ComposerVariant): void {
  test.describe(`${variant.name} guidelines (editor-wide)`, () => {
    test('typing stays on the device: no request carries the typed text', async ({ page, context }) => {
      const requests: Request[] = [];
      const record = (request: Request) => requests.push(request);
      context.on('request', record);
      await openComposer(page, variant);
      const secret = 'Quarterly numbers look damn strong zqxj';
      await typeInto(page, variant, secret);
      await expect(ui(page, variant).badge).not.toHaveText('Spoke');
      context.off('request', record);
      const words = ['zqxj', 'Quarterly', 'numbers'];
      for (const request of requests) {
        const haystack = decodeURIComponent(request.url()) + (request.postData() ?? '');
        for (const word of words) expect(haystack, `request ${request.url()}`).not.toContain(word);
      }
    });

    test('a 3,000-character post stays checked where the user types', async ({ page }) => {
      await openComposer(page, variant);
      await page.locator(variant.editor).click();
      const filler = 'We shipped the new onboarding flow today and the team is proud of it. '.repeat(42);
      await page.keyboard.insertText(filler.slice(0, 2_960));
      await page.keyboard.type(` ${PROFANITY.word} end`);
      // (Draft.js drops a few characters of a 3,000-character insertText; the point is the typed end.)
      await expect.poll(async () => (await model(page, variant))?.endsWith(` ${PROFANITY.word} end`)).toBe(true);
      expect((await model(page, variant))?.length).toBeGreaterThan(2_900);
      await expect.poll(() => underlined(page)).toContain(PROFANITY.word);
    });

    test('the badge is the keyboard way in: Enter opens the card, Esc returns to the editor', async ({ page }) => {
      await openComposer(page, variant);
      await typeInto(page, variant, PROFANITY.typed);
      const { badge, card } = ui(page, variant);
      await expect(badge).toHaveText(PROFANITY.badge);
      await badge.focus();
      await page.keyboard.press('Enter');
      await expect(card).toBeVisible();
      await expect(card.getByRole('button', { name: 'Close' })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(card.getByRole('button', { name: PROFANITY.fix })).toBeFocused();
      // The card as a keyboard user meets it: the fixes, before "Why?", with the focus on the first one.
      await capture(page, `guidelines-card-keyboard-${variant.name}`);
      await page.keyboard.press('Escape');
      await expect(card).toBeHidden();
      await expect(page.locator(variant.editor)).toBeFocused();
    });
  });
}
