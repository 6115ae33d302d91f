// A company rolls Spoke out through browser management: a real machine policy (policy.ts) pins its hub, keeps X off
// and LinkedIn on. The settings page shows what the organisation set and offers no way to change it; a join link to
// another hub is refused in words naming the pinned one; a join link to the pinned hub connects; the content
// scripts obey the organisation's site switches.
//
// Its own Chromium, loading a copy of the E2E build under an id of its own: the policy reaches no other browser.
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type LaunchedBrowser, launchChromium } from '../browser';
import { CAPTURE_DIR, capture } from '../capture';
import { type RunningHub, startHub } from '../hub';
import { routeFixtureSites } from '../sites/serve';
import { copyExtensionWithOwnId, type ExtensionCopy, writeManagedPolicy } from './policy';

test.describe.configure({ mode: 'serial' });

const OTHER_HUB = 'https://spoke.other-company.example';
const IN_PAGE_HOST = 'spoke-composer-ui';

let hub: RunningHub | undefined;
let extension: ExtensionCopy | undefined;
let removePolicy: (() => void) | undefined;
let browser: LaunchedBrowser | undefined;

test.beforeAll(async () => {
  extension = copyExtensionWithOwnId();
  hub = await startHub({ SPOKE_CORS_ORIGINS: `chrome-extension://${extension.id}` });
  removePolicy = writeManagedPolicy(extension.id, {
    hubUrl: hub.url,
    pinHub: true,
    signInMode: 'invite',
    sites: { x: false },
    memberMayTurnOffSites: false,
  });
  // Started after the policy is written: Chromium reads it as it starts, but hands an extension its part only once
  // the extension's schema is registered, a refresh after the extension loads (seconds on a busy machine).
  browser = await launchChromium({ extension: true, extensionDir: extension.dir });
  await routeFixtureSites(browser.context);
  const worker = browser.serviceWorker;
  if (!worker) throw new Error('no service worker');
  await expect
    .poll(() => worker.evaluate(readManagedStorage), { timeout: 30_000, message: 'the policy reaches the extension' })
    .toHaveProperty('pinHub', true);
  // The background keeps the site rules where content scripts read them without waiting for the browser.
  await expect
    .poll(() => worker.evaluate(readLocalKey, 'managedSiteRules'))
    .toEqual({ sites: { x: false }, memberMayTurnOffSites: false });
});

/** Runs in the service worker: one value of storage.local. */
async function readLocalKey(key: string): Promise<unknown> {
  const { chrome } = globalThis as unknown as {
    chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
  };
  return (await chrome.storage.local.get(key))[key];
}

/** Runs in the service worker: what Chromium handed the extension from the policy. */
function readManagedStorage(): Promise<unknown> {
  const { chrome } = globalThis as unknown as { chrome: { storage: { managed: { get(): Promise<unknown> } } } };
  return chrome.storage.managed.get();
}

// Runs even when beforeAll failed half-way: whatever exists is removed, the policy file first.
test.afterAll(async () => {
  removePolicy?.();
  await browser?.close();
  extension?.dispose();
  await hub?.dispose();
});

function launched(): { browser: LaunchedBrowser; hub: RunningHub; id: string } {
  if (!browser || !hub || !extension) throw new Error('the managed browser did not start');
  return { browser, hub, id: extension.id };
}

/** A tab of the managed browser, in front (a background tab gets no animation frames), failing on page errors. */
async function newTab(): Promise<{ page: Page; errors: string[] }> {
  const page = await launched().browser.context.newPage();
  await page.bringToFront();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

async function openOptions(search = ''): Promise<{ page: Page; errors: string[] }> {
  const tab = await newTab();
  await tab.page.goto(`chrome-extension://${launched().id}/options.html${search}`);
  return tab;
}

test('Chromium loads the policy and gives it to the extension copy, under its own id', async () => {
  const { browser, hub, id } = launched();
  expect(browser.extensionId).toBe(id);
  const { page, errors } = await newTab();
  await page.goto('chrome://policy');
  // The extension's section lists the policy's values (what an administrator checks first).
  await expect(page.getByText(hub.url).first()).toBeVisible();
  await page.screenshot({ path: path.join(CAPTURE_DIR, 'managed-chrome-policy.png'), fullPage: true });
  const managed = await browser.serviceWorker?.evaluate(readManagedStorage);
  expect(managed).toEqual({
    hubUrl: hub.url,
    pinHub: true,
    signInMode: 'invite',
    sites: { x: false },
    memberMayTurnOffSites: false,
  });
  await page.close();
  expect(errors).toEqual([]);
});

test('the settings page shows what the organisation set and offers no way to change it', async () => {
  const { hub } = launched();
  const { page, errors } = await openOptions();

  const summary = page.getByRole('region', { name: 'Set by your organisation' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('term')).toHaveText([
    'Hub address',
    'Other hubs',
    'Sign-in',
    'Guideline tips on X',
    'Turning Spoke off on a site',
  ]);
  await expect(summary.getByRole('definition')).toHaveText([
    hub.url,
    'Refused',
    'With an invite code from your CoE',
    'Off',
    'Not allowed',
  ]);

  // The hub: its value, marked, and no field for it.
  const hubAddress = page.getByRole('group', { name: 'Hub address' });
  await expect(hubAddress).toContainText(hub.url);
  await expect(hubAddress).toContainText('Set by your organisation');
  await expect(page.getByRole('textbox', { name: 'Hub address' })).toHaveCount(0);

  // The site switches the organisation holds: their state as text, no checkbox.
  const switches = page.getByRole('group', { name: 'Guideline tips while you write' });
  await expect(switches.getByRole('checkbox')).toHaveCount(0);
  await expect(switches).toContainText('LinkedIn (linkedin.com): On Set by your organisation');
  await expect(switches).toContainText('X (x.com and twitter.com): Off Set by your organisation');
  await capture(page, 'managed-settings', { fullPage: true });

  // With the keyboard alone, every control can be reached, and none of them changes what the organisation set.
  const reached: string[] = [];
  await page.locator('body').focus();
  for (let step = 0; step < 12; step += 1) {
    await page.keyboard.press('Tab');
    reached.push(
      await page.evaluate(() => {
        const element = document.activeElement;
        if (!element || element === document.body) return '';
        const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : '';
        return `${element.tagName.toLowerCase()}:${label || element.getAttribute('aria-label') || element.textContent}`;
      }),
    );
  }
  expect(reached).toContain('input:Invite code');
  expect(reached).toContain('input:Your name, as your colleagues know you');
  expect(reached).toContain('button:Connect');
  expect(reached.filter((name) => /Hub address|linkedin\.com|x\.com/.test(name))).toEqual([]);
  await page.close();
  expect(errors).toEqual([]);
});

test('a join link to another hub is refused, naming the hub the organisation allows', async () => {
  const { hub } = launched();
  const { page, errors } = await openOptions(`?hub=${encodeURIComponent(OTHER_HUB)}&code=OTHER-CODE-1234`);
  const refusal = page.getByRole('alert');
  await expect(refusal).toHaveText(
    `This join link is for another hub (${OTHER_HUB}). Your organisation lets Spoke connect only to its own hub, ` +
      `${hub.url}. Ask your CoE for a join link to ${hub.url}.`,
  );
  await expect(page.getByRole('group', { name: 'Hub address' })).toContainText(hub.url);
  await expect(page.getByLabel('Invite code')).toHaveValue(''); // the other hub's code is of no use here
  await capture(page, 'managed-join-link-refused', { fullPage: true });
  await page.close();
  expect(errors).toEqual([]);
});

test('a join link to the pinned hub connects, by keyboard; the hub shows as set by the organisation', async () => {
  const { hub } = launched();
  const { page, errors } = await openOptions(`?hub=${encodeURIComponent(hub.url)}&code=${hub.advocateCode}`);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Invite code')).toHaveValue(hub.advocateCode);
  await page.getByLabel('Your name, as your colleagues know you').fill('Morgan Managed');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'I agree' }).click();
  // The first run points to the sites where tips show: not X, which the organisation turned off.
  const welcome = page.getByRole('region', { name: /You’re set up/ });
  await expect(welcome.getByRole('heading', { name: 'While you write a post on LinkedIn' })).toBeVisible();
  await expect(welcome.getByRole('link', { name: 'Write on X' })).toHaveCount(0);
  const account = page.getByRole('region', { name: /Connected to/ });
  await expect(account.getByText(`Hub: ${hub.url}`)).toContainText('Set by your organisation');
  await capture(page, 'managed-connected', { fullPage: true });
  await page.getByRole('button', { name: 'Sign out of this browser' }).click();
  await expect(page.getByRole('group', { name: 'Hub address' })).toBeVisible();
  await page.close();
  expect(errors).toEqual([]);
});

/** What the X tab's content script says its post composer holds; null while no content script answers yet. */
function readXComposer(browser: LaunchedBrowser): Promise<{ text?: string } | null> {
  const worker = browser.serviceWorker;
  if (!worker) throw new Error('no service worker');
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        tabs: {
          query(q: object): Promise<Array<{ id: number }>>;
          sendMessage(id: number, m: object): Promise<{ text?: string }>;
        };
      };
    };
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/*' });
    return tab ? chrome.tabs.sendMessage(tab.id, { type: 'read-composer' }).catch(() => null) : null;
  });
}

test('the content scripts obey the organisation: LinkedIn held on, X held off', async () => {
  const { browser } = launched();
  const linkedin = await newTab();
  await linkedin.page.goto('https://www.linkedin.com/feed/?variant=new');
  await expect(linkedin.page.locator(IN_PAGE_HOST)).toHaveCount(1);

  const x = await newTab();
  await x.page.goto('https://x.com/home');
  const editor = x.page.locator('[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]');
  await editor.click();
  await x.page.keyboard.type('Hello from a managed browser');
  // The content script answers the background once it has applied its switches (lib/content/start.ts). Had it
  // turned Spoke on, its first scan (the next animation frame) would have made the composer a session, and the
  // answer would hold the draft; with X held off there is no session, so nothing to read and nothing shown.
  await expect.poll(() => readXComposer(browser)).not.toBeNull();
  await x.page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
  );
  expect(await readXComposer(browser)).toEqual({ ok: true, text: '' });
  await expect(x.page.locator(IN_PAGE_HOST)).toHaveCount(0);
  await capture(x.page, 'managed-x-held-off');
  await linkedin.page.close();
  await x.page.close();
  expect([...linkedin.errors, ...x.errors]).toEqual([]);
});
