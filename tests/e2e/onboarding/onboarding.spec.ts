// A new employee's first minutes, against a real hub: mistakes in the connect form said per field, the first run for
// an advocate and a CoE member, the hub going away and coming back, and the member's own data (download, delete).
import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { capture } from '../capture';
import { expect, test } from '../harness';
import { freePort, type RunningHub, startHub } from '../hub';
import { countOf, deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

async function leaveSidePanelClosed(worker: Worker): Promise<void> {
  await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: {
        sidePanel: { close?(o: object): Promise<void> };
        windows: { getAll(): Promise<Array<{ id: number }>> };
      };
    };
    for (const window of await chrome.windows.getAll()) {
      await chrome.sidePanel.close?.({ windowId: window.id }).catch(() => undefined);
    }
  });
}

async function openPage(context: BrowserContext, extensionId: string, file: string): Promise<Page> {
  const page = await context.newPage();
  if (file === 'popup.html') await page.setViewportSize({ width: 360, height: 520 });
  await page.goto(`chrome-extension://${extensionId}/${file}`);
  return page;
}

/** A settings page with nobody connected (signs out a browser left enrolled). */
async function freshOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await openPage(context, extensionId, 'options.html');
  const signOut = options.getByRole('button', { name: 'Sign out of this browser' });
  await expect(options.getByLabel('Hub address').or(signOut)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await expect(options.getByLabel('Hub address')).toBeVisible();
  return options;
}

test('errors: each mistake is said at its field, in words that say what to do', async ({ context, extension }) => {
  const options = await freshOptions(context, extension.extensionId);
  const address = options.getByLabel('Hub address');
  const code = options.getByLabel('Invite code');
  const name = options.getByLabel('Your name, as your colleagues know you');
  const connect = options.getByRole('button', { name: 'Connect' });

  // Empty form: our sentences at each field (the form has noValidate, so no browser bubble), focus on the first.
  await connect.click();
  await expect(address).toHaveAttribute('aria-invalid', 'true');
  await expect(address).toHaveAccessibleDescription(/Enter the hub address from your join link/);
  await expect(code).toHaveAccessibleDescription(/Enter the invite code/);
  await expect(name).toHaveAccessibleDescription(/Enter your name as your colleagues know you/);
  await expect(address).toBeFocused();
  await capture(options, 'errors-empty-form', { fullPage: true });

  // A plain-http address elsewhere than this computer, a malformed code and a blank name: caught before sending.
  await address.fill('http://spoke.example.com');
  await expect(address).not.toHaveAttribute('aria-invalid'); // editing a field clears its error
  await code.fill('abc 123');
  await name.fill('   ');
  await connect.click();
  await expect(address).toHaveAccessibleDescription(
    /starts with https:\/\/ \(http:\/\/ only for a hub on this computer/,
  );
  await expect(code).toHaveAccessibleDescription(/8 to 64 letters, digits and dashes/);
  await expect(name).toHaveAccessibleDescription(/Enter your name/);
  await capture(options, 'errors-bad-code-blank-name', { fullPage: true });

  // A well-formed code the hub does not know: its 404, in words, at the code field; never the hub's own sentence.
  await address.fill(hub.url);
  await code.fill('NOPE-NOPE-NOPE-1234');
  await name.fill('Avery Advocate');
  await connect.click();
  await expect(code).toHaveAccessibleDescription(
    /This invite code is unknown, expired, revoked or used up — ask your CoE for a new link\./,
  );
  await expect(code).toBeFocused();
  await expect(address).not.toHaveAttribute('aria-invalid');
  await expect(options.getByText('The body is not valid')).toHaveCount(0);
  await capture(options, 'errors-unknown-code', { fullPage: true });

  // The hub is down (nothing listens at the address) while connecting: said at the address, with what to check.
  await address.fill(`http://127.0.0.1:${await freePort()}`); // nothing listens there: a hub that is down
  await code.fill(hub.advocateCode);
  await connect.click();
  await expect(address).toHaveAccessibleDescription(/No hub answered at this address/);
  await expect(options.getByRole('heading', { name: /What Spoke records/ })).toHaveCount(0);
  await capture(options, 'errors-hub-down', { fullPage: true });
  await options.close();
});

test('first run for an advocate: where Spoke shows up, with a button to each place', async ({ context, extension }) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  const welcome = options.getByRole('region', { name: /You’re set up/ });
  await expect(welcome).toBeVisible();
  await capture(options, 'first-run-advocate', { fullPage: true });
  await expect(welcome.getByRole('link', { name: 'Write on LinkedIn' })).toHaveAttribute(
    'href',
    'https://www.linkedin.com/feed/',
  );
  await expect(welcome.getByRole('link', { name: 'Write on X' })).toHaveAttribute('href', 'https://x.com/compose/post');
  await welcome.getByRole('button', { name: 'Open the side panel' }).click();
  // The side panel is not a tab: ask the extension which side panel contexts it has, then close it again (it is
  // window-wide and would take the frames of the next tests' tabs).
  const sidePanels = () =>
    extension.serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          runtime: { getContexts(filter: { contextTypes: string[] }): Promise<Array<{ documentUrl?: string }>> };
        };
      };
      const contexts = await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL'] });
      return contexts.map((c) => c.documentUrl?.split('/').pop());
    });
  await expect.poll(sidePanels).toEqual(['sidepanel.html']);
  await leaveSidePanelClosed(extension.serviceWorker);
  await expect(welcome.getByRole('link', { name: 'Open the CoE console' })).toHaveCount(0);
  await expect(options.getByRole('link', { name: 'Open the CoE console' })).toHaveCount(0);

  // Each button opens its place in a new tab.
  const [linkedin] = await Promise.all([
    context.waitForEvent('page'),
    welcome.getByRole('link', { name: 'Write on LinkedIn' }).click(),
  ]);
  await expect(linkedin).toHaveURL('https://www.linkedin.com/feed/');
  await linkedin.close();
  const [reach] = await Promise.all([
    context.waitForEvent('page'),
    welcome.getByRole('link', { name: 'Open My reach' }).click(),
  ]);
  await expect(reach).toHaveURL(/\/reach\.html$/);
  await reach.close();

  // "Got it" is remembered: the welcome does not come back on the next visit.
  await options.bringToFront();
  await welcome.getByRole('button', { name: 'Got it' }).click();
  await expect(welcome).toBeHidden();
  await options.reload();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  await expect(options.getByRole('region', { name: /You’re set up/ })).toHaveCount(0);
  await expect(options.getByText(/^Spoke \d+\.\d+\.\d+$/)).toBeVisible(); // the version lives in the footer
  await capture(options, 'settings-connected-advocate', { fullPage: true });

  const popup = await openPage(context, extension.extensionId, 'popup.html');
  await expect(popup.getByTestId('popup-status')).toContainText('nothing waiting to send');
  await expect(popup.getByText(/Version/)).toHaveCount(0);
  await expect(popup.getByRole('link', { name: 'CoE console' })).toHaveCount(0);
  await capture(popup.getByTestId('page'), 'first-run-popup-advocate');
  await popup.close();
  await options.close();
});

test('first run for a CoE member: the console is one click away everywhere', async ({ context, extension }) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub, undefined, {
    code: hub.coeCode,
    name: 'Casey CoE',
  });
  await options.getByRole('button', { name: 'I agree' }).click();
  const welcome = options.getByRole('region', { name: /You’re set up/ });
  const console = welcome.getByRole('link', { name: 'Open the CoE console' });
  await expect(console).toBeVisible();
  await capture(options, 'first-run-coe', { fullPage: true });
  const [consolePage] = await Promise.all([context.waitForEvent('page'), console.click()]);
  await expect(consolePage).toHaveURL(/\/coe\.html$/);
  await consolePage.close();
  await options.bringToFront();
  await welcome.getByRole('button', { name: 'Got it' }).click();
  await expect(welcome).toBeHidden(); // remembered through the extension database, a moment after the click
  await expect(options.getByRole('link', { name: 'Open the CoE console' })).toBeVisible(); // in the account card

  const popup = await openPage(context, extension.extensionId, 'popup.html');
  await expect(popup.getByRole('link', { name: 'CoE console' })).toHaveAttribute('href', 'coe.html');
  await capture(popup.getByTestId('page'), 'first-run-popup-coe');
  await popup.close();
  await options.close();
});

test('offline after enrolment is a quiet state; Sync now shows progress and its result', async ({
  context,
  extension,
}) => {
  test.setTimeout(60_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await options.getByRole('button', { name: 'Got it' }).click();
  const token = await deviceToken(options);

  await hub.stop();
  // Two updates wait in the outbox: the side panel showing suggestions twice (sent as the side panel sends them).
  for (let i = 0; i < 2; i++) {
    await options.evaluate(`chrome.runtime.sendMessage({ type: 'suggestions-shown', network: 'linkedin', count: 3 })`);
  }
  const popup = await openPage(context, extension.extensionId, 'popup.html');
  const status = popup.getByTestId('sync-status');
  await expect(status).toContainText('Offline — 2 updates will be sent when the hub is back');
  await expect(popup.locator('.error')).toHaveCount(0);
  await capture(popup.getByTestId('page'), 'offline-popup');

  await options.bringToFront();
  const settingsStatus = options.getByTestId('sync-status');
  await expect(settingsStatus).toContainText('Offline — 2 updates will be sent when the hub is back');
  await capture(options, 'offline-settings', { fullPage: true });

  // Sync now, still offline: it says so, with what is waiting.
  await popup.bringToFront();
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status.getByRole('status')).toHaveText('Still offline — 2 updates waiting');
  await expect(status.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await capture(popup.getByTestId('page'), 'offline-sync-now-still-offline');

  // The hub is back: Sync now sends them and says so.
  await hub.restart();
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status.getByRole('status')).toHaveText('Synced just now', { timeout: 15_000 });
  await expect(status).toContainText('nothing waiting to send');
  await capture(popup.getByTestId('page'), 'offline-back-synced');
  expect(countOf(await hubEvents(hub, token), 'suggestion_shown')).toBe(2);
  await popup.close();
  await options.close();
});

test('a revoked device is a real problem: red, with what to do', async ({ context, extension }) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub);
  await options.getByRole('button', { name: 'I agree' }).click();
  await options.getByRole('button', { name: 'Got it' }).click();
  const token = await deviceToken(options);
  const auth = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${hub.url}/v1/me`, { headers: auth })).json()) as { device: { id: string } };
  // The member (or the CoE) revokes this browser from elsewhere.
  const revoked = await fetch(`${hub.url}/v1/me/devices/${me.device.id}`, { method: 'DELETE', headers: auth });
  expect(revoked.status).toBe(200);

  const popup = await openPage(context, extension.extensionId, 'popup.html');
  const status = popup.getByTestId('sync-status');
  await status.getByRole('button', { name: 'Sync now' }).click();
  await expect(status.getByRole('status')).toHaveText('Not synced — see the message above');
  await expect(status).toContainText('This browser is no longer connected to your company’s hub.');
  await expect(status).toContainText('Sign out in Spoke’s settings, then connect again with a new join link');
  await expect(status).not.toContainText('Offline');
  await capture(popup.getByTestId('page'), 'offline-revoked-error');
  await popup.close();
  await options.close();
});

test('settings: download my data, then delete me', async ({ context, extension }) => {
  const options = await enrolAndConsent(context, extension.extensionId, hub, undefined, { name: 'Dana Delete' });
  await options.getByRole('button', { name: 'I agree' }).click();
  await options.getByRole('button', { name: 'Got it' }).click();
  const token = await deviceToken(options);

  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^spoke-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8')) as {
    me: { displayName: string };
    members: Array<{ displayName: string; status: string }>;
    devices: Array<{ id: string; revokedAt: string | null }>;
    events: unknown[];
  };
  expect(exported.me.displayName).toBe('Dana Delete');
  // Every table the hub keeps about the member is in the file: this browser among the devices, the events array.
  expect(exported.members).toEqual([expect.objectContaining({ displayName: 'Dana Delete', status: 'active' })]);
  expect(exported.devices).toEqual([expect.objectContaining({ revokedAt: null })]);
  expect(Array.isArray(exported.events)).toBe(true);
  await expect(options.getByRole('status').filter({ hasText: 'Saved spoke-my-data-' })).toBeVisible();
  await capture(options, 'settings-your-data', { fullPage: true });

  await options.getByRole('button', { name: 'Delete me' }).click();
  const confirm = options.getByRole('region', { name: 'Delete everything about you?' });
  await expect(confirm).toContainText('The hub erases your name');
  await capture(options, 'settings-delete-confirm', { fullPage: true });
  await confirm.getByRole('button', { name: 'Yes, delete everything' }).click();

  // Back at the first screen, and the hub no longer knows this browser's token.
  await expect(options.getByLabel('Hub address')).toBeVisible();
  await expect(options.getByRole('status').filter({ hasText: 'the hub erased your data' })).toBeVisible();
  await capture(options, 'settings-deleted', { fullPage: true });
  const me = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(401);
  await options.close();
});
