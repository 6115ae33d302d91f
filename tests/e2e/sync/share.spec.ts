// Enrol with consent, share approved content into each editor with a tracked link, post, and see the events at a
// real hub exactly once; offline shares arrive once the hub is back.
import { mkdirSync } from 'node:fs';
import { startChaosProxy } from '../../chaos/proxy';
import { capture } from '../capture';
import { clickOnWord } from '../guidelines/page-helpers';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { SCREENSHOT_DIR } from '../smoke/behaviours';
import { linkedinClassic, linkedinNew, x } from '../smoke/variants';
import { countOf, deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from './flows';

/**
 * Every post composer: X inline, X's compose modal, twitter.com, LinkedIn classic (Quill), LinkedIn new (Tiptap),
 * and both LinkedIn stacks in another UI language (classic in French, new in German).
 */
const TARGETS = [x[0], x[1], x[3], linkedinClassic[0], linkedinNew[0], linkedinClassic[1], linkedinNew[1]].map(
  (variant) => {
    if (!variant) throw new Error('variant missing');
    return variant;
  },
);

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
/** The first test's device token: signing out in the next test must revoke it at the hub. */
let firstToken = '';
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

test('enrol, consent, share into every editor, post: each event reaches the hub once', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(120_000);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const options = await enrolAndConsent(context, extension.extensionId, hub, SCREENSHOT_DIR);
  const token = await deviceToken(options);
  firstToken = token;
  // Nothing is recorded before consent: the hub has no event of this member yet.
  expect(await hubEvents(hub, token)).toEqual([]);
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();

  /** Posts made so far per network: the side panel marks each, and the next share must pick another item. */
  const postedOn = { x: 0, linkedin: 0 };
  for (const variant of TARGETS) {
    await page.bringToFront(); // the member is on the site; the side panel sits beside it
    await page.goto(variant.url);
    await page.waitForFunction(() => document.readyState === 'complete');
    if (variant.name === 'x-modal') await variant.open?.(page); // LinkedIn's composers are opened by Share itself
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 400, height: 760 });
    await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
    const suggestions = panel.getByTestId('suggestion');
    await expect(suggestions.first()).toBeVisible();
    expect(await suggestions.count()).toBeGreaterThan(3);
    if (variant === TARGETS[0]) await capture(panel, 'sidepanel');
    // One primary action per card: sharing on the site the member is on.
    const site = variant.name.startsWith('linkedin') ? 'LinkedIn' : 'X';
    // A suggestion not yet posted on this network (several targets share on each network).
    const network = site === 'X' ? 'x' : 'linkedin';
    const posted = `[data-network="${network}"] [data-testid="shared-pill"]`;
    // The last post is marked before another item is picked: a second share of one item on one network in a day
    // would not count (the hub answers it as a duplicate).
    await expect(panel.locator(posted)).toHaveCount(postedOn[network]);
    const fresh = suggestions.filter({ hasNot: panel.locator(posted) }).first();
    const title = (await fresh.getByRole('heading', { level: 2 }).textContent()) ?? '';
    const item = panel.getByRole('article', { name: title });
    await expect(item.getByTestId('share-primary')).toHaveText(`Share on ${site}`);
    const approved =
      (await item.getByTestId('suggestion-variant').first().getByTestId('variant-text').textContent()) ?? '';
    await item.getByTestId('share-primary').click();
    await expect(item.getByRole('status')).toContainText('Added to your');
    // Put into the composer is not shared: nothing says so before the Post.
    await expect(item.locator(posted)).toHaveCount(0);
    await panel.close();

    await page.bringToFront();
    // The editor's own model holds the approved text and the tracked link, and its Post button is enabled.
    const modelText = () => page.evaluate((id) => window.spokeFixture?.model(id) ?? '', variant.fixtureId);
    await expect.poll(modelText).toContain(`${hub.url}/v1/r/`);
    expect(await page.evaluate((id) => window.spokeFixture?.postEnabled(id), variant.fixtureId)).toBe(true);
    // Paragraphs kept: the text, the link and the hashtags each on their own line (Tiptap merges the blank lines).
    const shared = await modelText();
    expect(shared.split('\n').filter((line) => line.trim() !== '')).toEqual([
      approved,
      expect.stringMatching(/^http\S+\/v1\/r\/\S+$/), // the hub's tracked link, alone on its line
      expect.stringMatching(/^#\w+( #\w+)*$/),
    ]);
    // A near-copy of the approved text gets a gentle nudge; a sentence of one's own makes it go away.
    const nudge = page
      .locator(`spoke-composer-ui[data-spoke-composer="${variant.definitionId}"]`)
      .getByTestId('spoke-nudge');
    await expect(nudge).toBeVisible();
    await capture(page, `shared-${variant.name}`);
    // The focus came back from the side panel to the editor, the caret at the end of the inserted text.
    await expect(page.locator(variant.editor)).toBeFocused();
    const own = ' Proud of what our platform team pulled off this quarter, ask me anything about it!';
    await page.keyboard.type(own);
    await expect.poll(modelText).toBe(shared + own);
    await expect(nudge).toBeHidden();
    await page.evaluate((id) => {
      const editor = window.spokeFixture?.editor(id);
      const scope = editor?.closest('[role="dialog"], dialog, .share-box-v2__modal, [data-testid="primaryColumn"]');
      const button = [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
        (b) => !b.disabled && /^(Post|Posten|Publier|Reply)$/.test(b.textContent?.trim() ?? ''),
      );
      button?.click();
    }, variant.fixtureId);
    postedOn[variant.name.startsWith('linkedin') ? 'linkedin' : 'x']++;
  }

  await expect
    .poll(async () => {
      const events = await hubEvents(hub, token);
      return [countOf(events, 'share_started'), countOf(events, 'post_published')];
    })
    .toEqual([TARGETS.length, TARGETS.length]);
  const events = await hubEvents(hub, token);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  for (const post of events.filter((e) => e.type === 'post_published')) {
    expect(post.contentId, 'the post is attributed to the shared item').toBeTruthy();
    expect(post.props.linkCode).toBeTruthy();
  }
  // No event carries text: every property is an id, an enum or a count.
  for (const event of events) {
    for (const value of Object.values(event.props)) expect(String(value).length).toBeLessThan(64);
  }
  await options.close();
});

test('offline: three shares while the hub is down arrive once it is back, each exactly once', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(150_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  // Signing out (the helper did, to enrol afresh) revoked the previous device token at the hub.
  if (firstToken) {
    const old = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${firstToken}` } });
    expect(old.status).toBe(401);
  }
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  const token = await deviceToken(options);
  await options.close();

  await hub.stop();
  await page.bringToFront();
  await page.goto('https://x.com/home');
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  const suggestions = panel.getByTestId('suggestion');
  await expect(suggestions.first()).toBeVisible(); // the library is kept on the device
  for (let i = 0; i < 3; i++) {
    const item = suggestions.nth(i);
    await item.getByTestId('share-primary').click();
    await expect(item.getByRole('status')).toContainText('Added to your X post');
  }
  // Offline, the link is the destination the hub would track: the article's address with Spoke's UTM parameters.
  await expect.poll(() => page.evaluate(() => window.spokeFixture?.model('inline') ?? '')).toContain('utm_source=x');
  expect(await page.evaluate(() => window.spokeFixture?.model('inline') ?? '')).toContain(
    'utm_medium=employee_advocacy',
  );
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  // Offline once connected is a quiet state that says the updates will go out by themselves, not an error.
  await expect(popup.getByTestId('sync-status')).toContainText(
    /Offline — \d+ updates? will be sent when the hub is back/,
  );
  await expect(popup.getByTestId('sync-status')).not.toContainText('Check the address');
  await capture(popup, 'popup-offline');

  await hub.restart();
  // No click needed: the outbox retries on its own (backoff capped at a minute), and every event is stored once.
  await expect.poll(async () => countOf(await hubEvents(hub, token), 'share_started'), { timeout: 90_000 }).toBe(3);
  await expect(popup.getByTestId('popup-status')).toContainText('nothing waiting to send', { timeout: 15_000 });
  const events = await hubEvents(hub, token);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  await panel.close();
  await popup.close();
});

test('what the member types never reaches the hub: every request recorded on the way', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const proxy = await startChaosProxy(() => hub.url);
  try {
    const options = await enrolAndConsent(context, extension.extensionId, { ...hub, url: proxy.url });
    await options.getByRole('button', { name: 'I agree' }).click();
    await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
    const token = await deviceToken(options);
    await options.close();

    await page.bringToFront();
    await page.goto('https://x.com/home');
    const editor = page.locator('[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]');
    await editor.click();
    const secret = 'Zqxjv plans look damn promising for Acme';
    await page.keyboard.type(secret);
    await expect(
      page.locator('spoke-composer-ui[data-spoke-composer="x-inline"]').getByTestId('spoke-badge'),
    ).toContainText('warning');
    // "Not helpful" on the card sends the CoE the rule id, nothing of the text.
    await clickOnWord(page, x[0] as (typeof x)[number], 'damn');
    await page.getByTestId('spoke-card').getByTestId('spoke-not-helpful').click();
    await page.getByTestId('tweetButtonInline').click();
    // The post is reported (counts only) and reaches the hub through the recording proxy.
    await expect.poll(async () => countOf(await hubEvents(hub, token), 'post_published')).toBe(1);
    const events = await hubEvents(hub, token);
    expect(events.find((e) => e.type === 'rule_triggered')).toBeTruthy();
    await expect
      .poll(async () => (await hubEvents(hub, token)).find((e) => e.type === 'guideline_feedback')?.props)
      .toEqual({ ruleId: 'COND-001', verdict: 'not_helpful' });
    expect(proxy.recorded.length).toBeGreaterThan(2);
    for (const request of proxy.recorded) {
      for (const word of ['Zqxjv', 'promising', 'plans look']) expect(request).not.toContain(word);
    }
  } finally {
    await proxy.close();
  }
});

test('a chip next to the composer counts the suggestions and opens the side panel', async ({
  page,
  context,
  extension,
}) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  await options.close();
  await page.bringToFront();
  await page.goto('https://x.com/home');
  const chip = page.locator('spoke-composer-ui[data-spoke-composer="x-inline"]').getByTestId('spoke-suggestions');
  await expect(chip).toHaveText(/^\d+ suggestions$/);
  await chip.click();
  // The side panel is not a tab: ask the extension which side panel contexts it has.
  await expect
    .poll(() =>
      extension.serviceWorker.evaluate(async () => {
        const { chrome } = globalThis as unknown as {
          chrome: {
            runtime: { getContexts(filter: { contextTypes: string[] }): Promise<Array<{ documentUrl?: string }>> };
          };
        };
        const contexts = await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
        return contexts.map((c) => c.documentUrl?.split('/').pop());
      }),
    )
    .toEqual(['sidepanel.html']);
});

test('the side panel ranks first what the member is writing about', async ({ page, context, extension }) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  await options.close();
  await page.bringToFront();
  await page.goto('https://x.com/home');
  await page.locator('[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]').click();
  await page.keyboard.type('Looking forward to the security by design webinar');
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await expect(panel.getByTestId('suggestion').first().getByRole('heading', { level: 2 })).toHaveText(
    /security by design/i,
  );
  await panel.close();
});
