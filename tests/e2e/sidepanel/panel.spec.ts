// The side panel as a member reads it, with the built extension and a real hub: one block per network (label first),
// one primary action per card, "Shared" only once the post is published, a quiet offline sign while the hub is
// down, and My reach counting a share that has not reached the hub yet as waiting.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { capture } from '../capture';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

async function enrol(context: BrowserContext, extensionId: string): Promise<string> {
  const options = await enrolAndConsent(context, extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  const token = await deviceToken(options);
  await options.close();
  return token;
}

async function openPanel(context: BrowserContext, extensionId: string): Promise<Page> {
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await expect(panel.getByTestId('suggestion').first()).toBeVisible();
  return panel;
}

/** Presses Post on X's inline composer of the fixture, as the member would once the text is theirs. */
async function postOnX(page: Page): Promise<void> {
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => window.spokeFixture?.model('inline') ?? '')).not.toBe('');
  await page.evaluate(() => {
    const editor = window.spokeFixture?.editor('inline');
    const scope = editor?.closest('[data-testid="primaryColumn"]');
    const button = [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (b) => !b.disabled && /^Post$/.test(b.textContent?.trim() ?? ''),
    );
    button?.click();
  });
}

/** The types of the events waiting in the extension's outbox (its IndexedDB, read from an extension page). */
function outboxTypes(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('spoke');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('outbox').objectStore('outbox').getAll();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            resolve((request.result as Array<{ event: { type: string } }>).map((row) => row.event.type));
            open.result.close();
          };
        };
      }),
  );
}

/** Each network block of a card names its network before its text, in DOM order. */
async function expectLabelsFirst(card: Locator): Promise<void> {
  const blocks = card.getByTestId('suggestion-variant');
  expect(await blocks.count()).toBeGreaterThan(0);
  for (const block of await blocks.all()) {
    const labelFirst = await block.evaluate((element) => {
      const label = element.querySelector('[data-testid="variant-label"]');
      const text = element.querySelector('[data-testid="variant-text"]');
      return !!label && !!text && !!(label.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(labelFirst).toBe(true);
  }
}

test('each card: network label above its text, one primary share, "Shared" only after the Post', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const token = await enrol(context, extension.extensionId);
  await page.bringToFront();
  await page.goto('https://x.com/home');
  await page.waitForFunction(() => document.readyState === 'complete');
  const panel = await openPanel(context, extension.extensionId);

  const cards = panel.getByTestId('suggestion');
  for (const card of (await cards.all()).slice(0, 4)) {
    await expectLabelsFirst(card);
    await expect(card.getByTestId('share-primary')).toHaveCount(1);
    // On X, X's block comes first and holds the primary action; LinkedIn's is a quiet link below.
    await expect(card.getByTestId('suggestion-variant').first()).toHaveAttribute('data-network', 'x');
    await expect(card.getByTestId('share-primary')).toHaveText('Share on X');
  }
  // Short texts are far from their limit: no counter anywhere.
  await expect(panel.getByTestId('length-counter')).toHaveCount(0);
  await capture(panel, 'sidepanel-card');

  const title = (await cards.first().getByRole('heading', { level: 2 }).textContent()) ?? '';
  const card = panel.getByRole('article', { name: title });
  await card.getByTestId('share-primary').click();
  await expect(card.getByRole('status')).toContainText('Added to your X post');
  // In the composer, not yet posted: not shared.
  await expect(card.getByTestId('shared-pill')).toHaveCount(0);
  await capture(panel, 'sidepanel-share-started');

  await postOnX(page);
  await expect
    .poll(async () => (await hubEvents(hub, token)).filter((e) => e.type === 'post_published').length, {
      timeout: 20_000,
    })
    .toBe(1);
  await panel.bringToFront();
  const xBlock = card.locator('[data-testid="suggestion-variant"][data-network="x"]');
  const linkedinBlock = card.locator('[data-testid="suggestion-variant"][data-network="linkedin"]');
  await expect(xBlock.getByTestId('shared-pill')).toHaveText('Shared', { timeout: 15_000 });
  await expect(linkedinBlock.getByTestId('shared-pill')).toHaveCount(0);
  // Once the event left the outbox for the hub, "Shared" stays: it comes from the post Spoke linked to the share.
  await expect.poll(() => outboxTypes(panel), { timeout: 15_000 }).not.toContain('post_published');
  await expect(xBlock.getByTestId('shared-pill')).toBeVisible();
  await capture(panel, 'sidepanel-shared');

  // On neither site, the first network the post has is the primary.
  await page.bringToFront();
  await page.goto('about:blank');
  await panel.reload();
  await expect(panel.getByTestId('suggestion').first()).toBeVisible();
  const first = panel.getByTestId('suggestion').first();
  await expect(first.getByTestId('share-primary')).toHaveCount(1);
  await expect(first.getByTestId('share-primary')).toHaveText(/^Share on (LinkedIn|X)$/);
  await expectLabelsFirst(first);
  await capture(panel, 'sidepanel-no-site');
  await panel.close();
});

test('offline: a quiet sign with the updates waiting; My reach shows the share as waiting, then counts it', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(150_000);
  await enrol(context, extension.extensionId);
  await hub.stop();
  let down = true;
  try {
    await page.bringToFront();
    await page.goto('https://x.com/home');
    await page.waitForFunction(() => document.readyState === 'complete');
    const panel = await openPanel(context, extension.extensionId);
    const card = panel.getByTestId('suggestion').first();
    await card.getByTestId('share-primary').click();
    await expect(card.getByRole('status')).toContainText('Added to your X post');
    await postOnX(page);

    await panel.bringToFront();
    const note = panel.getByTestId('sync-note');
    await expect(note).toContainText(/Offline — \d+ updates? will be sent when the hub is back/, { timeout: 15_000 });
    // Published, even if the hub does not know yet.
    await expect(card.locator('[data-network="x"]').getByTestId('shared-pill')).toBeVisible();
    await capture(panel, 'sidepanel-offline');

    await panel.getByRole('tab', { name: 'My reach' }).click();
    await expect(panel.getByRole('heading', { name: '1 share waiting to sync' })).toBeVisible();
    await expect(panel.getByRole('heading', { name: 'Nothing to count yet' })).toHaveCount(0);
    await capture(panel, 'reach-pending');

    await hub.restart();
    down = false;
    // The outbox retries on its own (backoff capped at a minute); the report then counts the share.
    await expect(panel.getByTestId('reach-total-shares')).toContainText('1', { timeout: 100_000 });
    await expect(panel.getByTestId('sync-note')).toHaveCount(0);
    await capture(panel, 'reach-pending-synced', { fullPage: true });
    await panel.close();
  } finally {
    if (down) await hub.restart(); // the next test (and dispose) need it
  }
});
