// Feedback the CoE can act on, without text, through the real extension and a real hub: an advocate dismisses one tip
// and marks another *Not helpful* in X's composer, then posts; the events reach the hub with rule ids and counts only;
// back as CoE, the console's Analytics lists both rules under "Noisiest rules" beside "Most triggered".
// Screenshots: test-results/screenshots/rule-feedback-*.png.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { CAPTURE_DIR, capture } from '../capture';
import { clickOnWord, model, ui, underlined } from '../guidelines/page-helpers';
import { MULTI } from '../guidelines/phrases';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { openComposer } from '../smoke/behaviours';
import { x } from '../smoke/variants';
import { countOf, deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;

async function agree(options: Page) {
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
}

test.beforeAll(async () => {
  hub = await startHub();
  mkdirSync(CAPTURE_DIR, { recursive: true });
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

test('an advocate dismisses one tip and marks another not helpful; the hub gets rule ids and counts', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await agree(options);
  const token = await deviceToken(options);
  await options.close();

  const variant = x[0];
  if (!variant) throw new Error('x variant missing');
  await page.bringToFront();
  await openComposer(page, variant);
  await page.locator(variant.editor).click();
  await page.keyboard.type(MULTI.typed);
  await expect.poll(() => model(page, variant)).toBe(MULTI.typed);
  const { badge, card, notice } = ui(page, variant);
  await expect(badge).toHaveText(MULTI.badge);

  // "damn": Keep it professional (COND-001) → Dismiss.
  await clickOnWord(page, variant, 'damn');
  await expect(card.getByRole('heading')).toHaveText('Keep it professional');
  await card.getByTestId('spoke-dismiss').click();
  await expect.poll(() => underlined(page)).toEqual(['manpower']);

  // "manpower": Inclusive wording (COND-003) → Not helpful.
  await clickOnWord(page, variant, 'manpower');
  await expect(card.getByRole('heading')).toHaveText('Inclusive wording');
  await card.getByTestId('spoke-not-helpful').click();
  await expect(notice).toContainText('your social team will see that this tip missed');
  await expect.poll(() => underlined(page)).toEqual([]);
  await capture(page, 'rule-feedback-composer');

  await page.getByTestId('tweetButtonInline').click();
  await expect.poll(async () => countOf(await hubEvents(hub, token), 'post_published'), { timeout: 30_000 }).toBe(1);
  const events = await hubEvents(hub, token);
  const props = (type: string) => events.filter((e) => e.type === type).map((e) => e.props);
  // The dismissal travels with the rule's count for the post; Not helpful on its own; nothing of the text.
  expect(props('rule_triggered')).toEqual(
    expect.arrayContaining([
      { ruleId: 'COND-001', severity: 'warning', count: 1, dismissed: 1 },
      { ruleId: 'COND-003', severity: 'info', count: 1 },
    ]),
  );
  expect(props('guideline_feedback')).toEqual([{ ruleId: 'COND-003', verdict: 'not_helpful' }]);
  const text = JSON.stringify(events);
  for (const word of ['damn', 'manpower', '漢字']) expect(text).not.toContain(word);
});

test('back as CoE, Analytics shows the noisiest rules beside the most triggered', async ({ context, extension }) => {
  test.setTimeout(60_000);
  await agree(
    await enrolAndConsent(context, extension.extensionId, hub, undefined, { code: hub.coeCode, name: 'Casey CoE' }),
  );
  const consolePage = await context.newPage();
  await consolePage.setViewportSize({ width: 1280, height: 900 });
  await consolePage.goto(`chrome-extension://${extension.extensionId}/coe.html#analytics`);

  const triggered = consolePage.getByRole('region', { name: 'Most-triggered guidelines' });
  const noisy = consolePage.getByRole('region', { name: 'Noisiest rules' });
  const cells = (region: typeof noisy, title: string) =>
    region.getByRole('row', { name: new RegExp(title) }).locator('th, td');
  // Titles from the published policy, then the counts: Not helpful, Dismissed, share of the times shown.
  await expect(cells(noisy, 'Keep it professional')).toHaveText([
    'Keep it professional COND-001',
    '0',
    '1',
    '100% of 1',
  ]);
  await expect(cells(noisy, 'Inclusive wording')).toHaveText(['Inclusive wording COND-003', '1', '0', '100% of 1']);
  await expect(cells(triggered, 'Keep it professional')).toHaveText(['Keep it professional COND-001', '1']);
  await expect(cells(triggered, 'Inclusive wording')).toHaveText(['Inclusive wording COND-003', '1']);

  // Side by side.
  const [left, right] = [await triggered.boundingBox(), await noisy.boundingBox()];
  expect(left && right && Math.abs(left.y - right.y) < 2 && left.x < right.x).toBe(true);

  // The order buttons are reached with Tab and pressed with Space.
  const byCount = noisy.getByRole('button', { name: 'Most pushback' });
  const byShare = noisy.getByRole('button', { name: 'Highest share' });
  await byCount.focus();
  await consolePage.keyboard.press('Tab');
  await expect(byShare).toBeFocused();
  await consolePage.keyboard.press('Space');
  await expect(byShare).toHaveAttribute('aria-pressed', 'true');
  await expect(byCount).toHaveAttribute('aria-pressed', 'false');
  await consolePage.keyboard.press('Shift+Tab');
  await consolePage.keyboard.press('Enter');
  await expect(byCount).toHaveAttribute('aria-pressed', 'true');

  await noisy.scrollIntoViewIfNeeded();
  await capture(consolePage, 'rule-feedback-analytics', { fullPage: true });
  await capture(triggered.locator('..'), 'rule-feedback-analytics-rules');
  await consolePage.close();
});
