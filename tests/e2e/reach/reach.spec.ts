// Advocates' reach, end to end with the built extension and a real hub: the counts LinkedIn and X show on the
// member's own posts become reach snapshots at the hub; a post published through Spoke's share is linked to its
// content item by the site's "View post" toast; a click on its tracked link counts; the dashboard shows it all.
import type { BrowserContext, Page } from '@playwright/test';
import { capture } from '../capture';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { type ComposerVariant, linkedinClassic, linkedinNew, x } from '../smoke/variants';
import { deviceToken, enrolAndConsent, type HubEvent, hubEvents, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

async function enrol(context: BrowserContext, extensionId: string): Promise<{ options: Page; token: string }> {
  const options = await enrolAndConsent(context, extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  return { options, token: await deviceToken(options) };
}

const snapshots = (events: HubEvent[]) => events.filter((e) => e.type === 'reach_snapshot');

async function openDashboard(context: BrowserContext, extensionId: string): Promise<Page> {
  const dashboard = await context.newPage();
  await dashboard.setViewportSize({ width: 860, height: 1100 });
  await dashboard.goto(`chrome-extension://${extensionId}/reach.html`);
  return dashboard;
}

test('a new advocate sees how to get started', async ({ context, extension }) => {
  const { options } = await enrol(context, extension.extensionId);
  const dashboard = await openDashboard(context, extension.extensionId);
  await expect(dashboard.getByRole('heading', { name: 'Nothing to count yet' })).toBeVisible();
  await expect(dashboard.getByRole('status')).toContainText('Updated');
  await capture(dashboard, 'reach-empty');
  await dashboard.close();
  await options.close();
});

test('own posts on X and LinkedIn (feeds and a post page) become reach snapshots; the dashboard draws them', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const { options, token } = await enrol(context, extension.extensionId);
  const pages = [
    { url: 'https://x.com/home', network: 'x', views: 1234 },
    { url: 'https://www.linkedin.com/feed/', network: 'linkedin', views: 1234 },
    { url: 'https://www.linkedin.com/feed/?variant=new', network: 'linkedin', views: 987 },
    {
      url: 'https://www.linkedin.com/feed/update/urn:li:activity:7350000000000000003/',
      network: 'linkedin',
      views: 12_345,
    },
    {
      url: 'https://www.linkedin.com/feed/update/urn:li:activity:7380000000000000004/?variant=new',
      network: 'linkedin',
      views: 1500,
    },
  ];
  for (const [index, visit] of pages.entries()) {
    await page.bringToFront();
    await page.goto(visit.url);
    await expect
      .poll(async () => snapshots(await hubEvents(hub, token)).length, { message: visit.url, timeout: 20_000 })
      .toBe(index + 1);
    const last = snapshots(await hubEvents(hub, token)).at(-1);
    expect(last).toMatchObject({ network: visit.network, props: { views: visit.views } });
  }
  const events = snapshots(await hubEvents(hub, token));
  // The hub gets a hashed reference, never the site's post id.
  for (const event of events) {
    expect(event.props.postRef).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(event)).not.toMatch(/1890000000000000001|735000000000000000[13]|738000000000000000[24]/);
  }
  // The X post's own page shows the same counts: nothing new is recorded (the background throttles per post).
  await page.goto('https://x.com/janedoe/status/1890000000000000001');
  await page.waitForTimeout(2_500);
  expect(snapshots(await hubEvents(hub, token))).toHaveLength(pages.length);

  // Earlier snapshots of the X post, as the extension would have recorded them on the days before: its curve.
  const xRef = events[0]?.props.postRef as string;
  const day = 86_400_000;
  const earlier = [3, 2, 1].map((daysAgo, i) => ({
    id: crypto.randomUUID(),
    seq: 1_000_000 + i,
    type: 'reach_snapshot',
    network: 'x',
    occurredAt: new Date(Date.now() - daysAgo * day).toISOString(),
    props: { postRef: xRef, views: [200, 700, 1000][i] },
  }));
  const sent = await fetch(`${hub.url}/v1/events`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({ sentAt: new Date().toISOString(), events: earlier }),
  });
  expect(sent.status).toBeLessThan(300);

  const dashboard = await openDashboard(context, extension.extensionId);
  const views = dashboard.getByTestId('reach-total-views');
  // 1,234 + 1,234 + 987 + 12,345 + 1,500 = 17,300 views in all; the X post's curve gained 200, 500, 300, then 234.
  await expect(views).toContainText('17.3K');
  await expect(dashboard.getByTestId('reach-post')).toHaveCount(pages.length);
  await expect(dashboard.locator('[data-testid="reach-chart"] canvas')).toBeVisible();
  const table = dashboard.getByRole('table', { name: /Views, clicks and shares per day/ });
  const viewsByDay = await table.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(viewsByDay.slice(-4).map((v) => Number(v.replace(/\D/g, '')))).toEqual([
    200,
    500,
    300,
    234 + 1234 + 987 + 12_345 + 1500,
  ]);
  await capture(dashboard, 'reach-dashboard', { fullPage: true });
  await dashboard.close();
  await options.close();
});

/** X inline, LinkedIn classic (Quill in a shadow root) and LinkedIn's new stack (Tiptap in a dialog). */
const SHARED: ComposerVariant[] = [x[0], linkedinClassic[0], linkedinNew[0]].map((variant) => {
  if (!variant) throw new Error('variant missing');
  return variant;
});

test('a post shared through Spoke is linked to its content by the toast; a click on its link shows in the dashboard', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(120_000);
  const { options, token } = await enrol(context, extension.extensionId);
  const titles: string[] = [];
  for (const variant of SHARED) {
    await page.bringToFront();
    await page.goto(variant.url);
    await page.waitForFunction(() => document.readyState === 'complete');
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
    const first = panel.getByTestId('suggestion').first();
    await expect(first).toBeVisible();
    const title = (await first.getByRole('heading', { level: 2 }).textContent()) ?? '';
    titles.push(title);
    await panel.getByRole('article', { name: title }).getByTestId('share-primary').click();
    await expect(panel.getByRole('article', { name: title }).getByRole('status')).toContainText('Added to your');
    await panel.close();
    await page.bringToFront();
    await expect
      .poll(() => page.evaluate((id) => window.spokeFixture?.model(id) ?? '', variant.fixtureId))
      .toContain(`${hub.url}/v1/r/`);
    await page.evaluate((id) => {
      const editor = window.spokeFixture?.editor(id);
      const scope = editor?.closest('[role="dialog"], dialog, .share-box-v2__modal, [data-testid="primaryColumn"]');
      const button = [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
        (b) => !b.disabled && /^Post$/.test(b.textContent?.trim() ?? ''),
      );
      button?.click();
    }, variant.fixtureId);
    // The site's toast names the new post; it tops the feed with its first views.
    await expect(page.getByRole('alert').getByRole('link', { name: /^View( post)?$/ })).toBeVisible();
    if (variant === SHARED[0]) await capture(page, 'reach-posted-toast-x');
    // The new post's snapshot carries the shared item and its tracked link.
    const linkedCount = SHARED.indexOf(variant) + 1;
    await expect
      .poll(async () => snapshots(await hubEvents(hub, token)).filter((e) => e.contentId && e.props.linkCode).length, {
        message: `${variant.name}: the new post's snapshot, linked to its share`,
        timeout: 20_000,
      })
      .toBe(linkedCount);
  }

  const linked = snapshots(await hubEvents(hub, token)).filter((e) => e.contentId);
  expect(linked.map((e) => e.props.views)).toEqual([12, 12, 12]);

  // Someone follows the X post's tracked link, in a browser.
  const code = linked.find((e) => e.network === 'x')?.props.linkCode as string;
  const click = await fetch(`${hub.url}/v1/r/${code}`, {
    redirect: 'manual',
    headers: {
      'user-agent':
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    },
  });
  expect(click.status).toBe(302);

  const dashboard = await openDashboard(context, extension.extensionId);
  await expect(dashboard.getByTestId('reach-total-clicks')).toContainText('1');
  await expect(dashboard.getByTestId('reach-total-shares')).toContainText(String(SHARED.length));
  const rows = dashboard.getByTestId('reach-post');
  await expect(rows).toHaveCount(SHARED.length + 3); // the three shared posts and the fixtures' own posts
  const xTitle = titles[0] ?? '';
  const xRow = rows.filter({ hasText: xTitle }).filter({ has: dashboard.locator('td', { hasText: /^X$/ }) });
  await expect(xRow).toHaveCount(1);
  await expect(xRow.locator('td').nth(1)).toHaveText('1'); // clicks
  await expect(xRow.locator('td').nth(2)).toHaveText('12'); // views
  await capture(dashboard, 'reach-dashboard-shared', { fullPage: true });

  // The side panel's tab shows the same report.
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  await panel.getByRole('tab', { name: 'My reach' }).click();
  await expect(panel.getByTestId('reach-total-clicks')).toContainText('1');
  await expect(panel.getByText(/^Updated /)).toBeVisible();
  await capture(panel, 'reach-sidepanel', { fullPage: true });
  await panel.close();
  await dashboard.close();
  await options.close();
});
