// Steps of the enrol → share → post flows, driven as a member would, against a real hub process.
import type { BrowserContext, Page } from '@playwright/test';
import type { MeExportPage } from '@/lib/contract/hub-member';
import { type ExtensionHandle, expect } from '../harness';
import type { RunningHub } from '../hub';

export interface HubEvent {
  id: string;
  seq: number;
  type: string;
  network: string;
  contentId: string | null;
  props: Record<string, unknown>;
}

/** Signs this browser out of its hub, if it is enrolled (as a member switching accounts would). */
export async function signOutBrowser(context: BrowserContext, extensionId: string): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const button = options.getByRole('button', { name: 'Sign out of this browser' });
  await expect(options.getByLabel('Hub address').or(button)).toBeVisible();
  if (await button.isVisible()) await button.click();
  await expect(options.getByLabel('Hub address')).toBeVisible();
  await options.close();
}

/**
 * Leaves the worker's browser as every spec expects it at start: not enrolled, side panel closed (it is window-wide,
 * so a panel left open takes the frames of later tests' tabs).
 */
export async function leaveBrowserClean(extension: ExtensionHandle): Promise<void> {
  await signOutBrowser(extension.context, extension.extensionId);
  await extension.serviceWorker
    .evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          sidePanel: { close?(o: object): Promise<void> };
          windows: { getAll(): Promise<Array<{ id: number }>> };
        };
      };
      for (const window of await chrome.windows.getAll()) {
        await chrome.sidePanel.close?.({ windowId: window.id }).catch(() => undefined);
      }
    })
    .catch(() => undefined);
}

export async function enrolAndConsent(
  context: BrowserContext,
  extensionId: string,
  hub: RunningHub,
  shots?: string,
  as: { code?: string; name?: string; joinLink?: string } = {},
) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // A browser left enrolled by an earlier test signs out first, as a member switching accounts would.
  const signOut = options.getByRole('button', { name: 'Sign out of this browser' });
  await expect(options.getByLabel('Hub address').or(signOut)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  if (as.joinLink) {
    // A join link fills the hub address and the code by itself.
    await options.goto(as.joinLink);
    await expect(options.getByLabel('Hub address')).toHaveValue(hub.url);
  } else {
    await options.getByLabel('Hub address').fill(hub.url);
    await options.getByLabel('Invite code').fill(as.code ?? hub.advocateCode);
  }
  await options.getByLabel('Your name, as your colleagues know you').fill(as.name ?? 'Avery Advocate');
  if (shots) await options.screenshot({ path: `${shots}/onboarding.png` });
  await options.getByRole('button', { name: 'Connect' }).click();
  await expect(options.getByRole('heading', { name: /What Spoke records for/ })).toBeVisible();
  if (shots) await options.screenshot({ path: `${shots}/consent.png` });
  return options;
}

/** The device token, read from the extension's own database the way any extension page could. */
export function deviceToken(extensionPage: Page): Promise<string> {
  // A string, not a function: under tsx, functions passed to the page pick up a helper the page lacks.
  return extensionPage.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spoke');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('settings').objectStore('settings').get('enrolment');
      read.onsuccess = () => { open.result.close(); resolve(read.result.value.token); };
      read.onerror = () => reject(read.error);
    };
  })`);
}

/** Everything the hub stored about the member, through the member's own export. */
export async function hubEvents(hub: RunningHub, token: string): Promise<HubEvent[]> {
  const events: HubEvent[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?cursor=${cursor}` : '';
    const response = await fetch(`${hub.url}/v1/me/export${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as MeExportPage;
    for (const { table, rows } of page.tables) {
      if (table === 'events') for (const row of rows) events.push({ ...row, id: row.clientEventId } as HubEvent);
    }
    cursor = page.next;
  } while (cursor);
  return events;
}

export const countOf = (events: HubEvent[], type: string) => events.filter((e) => e.type === type).length;
