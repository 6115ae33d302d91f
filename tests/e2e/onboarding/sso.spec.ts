// "Sign in with your organisation" in the real browser: the built extension, a real hub process and a real OpenID
// provider on loopback (tests/hub/oidc-idp.ts). The member fills two fields from a join link, signs in on the
// provider's own page in the browser's sign-in window (`identity.launchWebAuthFlow`, which Debian's Chromium runs
// under Playwright: the window is a page of the context), and ends connected, in the unit of their department, with
// consent asked before anything is recorded.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startTestIdp, type TestIdp } from '../../hub/oidc-idp';
import { CAPTURE_DIR, capture } from '../capture';
import { expect, test } from '../harness';
import { freePort, type RunningHub, startHub } from '../hub';
import { deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
let idp: TestIdp;
let salesUnitId: string;
/** The link the console gives the CoE to send members (the first test reads it, the second opens it). */
let memberJoinLink = '';

async function api(method: string, url: string, body?: unknown, token?: string) {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${method} ${url}: ${await response.clone().text()}`).toBeLessThan(300);
  return response.json() as Promise<Record<string, unknown>>;
}

test.beforeAll(async () => {
  // The provider's port first: the hub must be told, at start, that this plain-http issuer is allowed.
  const idpPort = await freePort();
  hub = await startHub({
    SPOKE_SSO_KEY: randomBytes(32).toString('base64'),
    SPOKE_SSO_HTTP_ISSUERS: `http://127.0.0.1:${idpPort}`,
  });
  idp = await startTestIdp({ port: idpPort, redirectUris: [`${hub.url}/v1/sso/callback`] });
  idp.accounts.set('ada', { name: 'Ada Lovelace', department: 'Sales', groups: ['staff'] });
  // A second CoE member, by the API, to read the units' ids (Casey sets single sign-on up in the console below).
  const coe = (await api('POST', `${hub.url}/v1/enroll`, { inviteCode: hub.coeCode, displayName: 'Riley CoE' })) as {
    token: string;
  };
  const { businessUnits } = (await api('GET', `${hub.url}/v1/admin/business-units`, undefined, coe.token)) as {
    businessUnits: Array<{ id: string; name: string }>;
  };
  salesUnitId = businessUnits.find((unit) => unit.name === 'Sales')?.id as string;
});

test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub?.dispose();
  await idp?.close();
});

test('the CoE sets single sign-on and provisioning up in the console', async ({ context, extension }) => {
  test.setTimeout(60_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub, undefined, {
    code: hub.coeCode,
    name: 'Casey CoE',
  });
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  await options.close();
  const coePage = await context.newPage();
  await coePage.setViewportSize({ width: 1280, height: 900 });
  await coePage.goto(`chrome-extension://${extension.extensionId}/coe.html#organisation`);
  const sso = coePage.getByRole('region', { name: 'Single sign-on' });
  await sso.getByRole('button', { name: 'Set up single sign-on' }).click();

  // Sales members land in Sales; everything else stays as the hub proposes.
  const form = sso.getByRole('form', { name: 'Set up single sign-on' });
  await expect(form.getByLabel('Redirect URI')).toHaveValue(`${hub.url}/v1/sso/callback`);
  await form.getByLabel('Issuer URL').fill(idp.issuer);
  await form.getByLabel('Client ID').fill(idp.clientId);
  await form.getByLabel('Secret', { exact: true }).fill(idp.clientSecret);
  await form.getByLabel('Scopes').fill('openid profile email groups offline_access');
  await form.getByLabel('Organisation name for signing in').fill('acme');
  await form.getByLabel('Unit claim', { exact: true }).fill('department');
  await form.getByRole('button', { name: 'Add a claim value' }).click();
  await form.getByLabel('Claim value 1', { exact: true }).fill('Sales');
  await form.getByLabel('Unit for claim value 1').selectOption({ label: 'Sales' });
  await capture(coePage, 'coe-sso-form', { fullPage: true });
  await form.getByRole('button', { name: 'Turn on single sign-on' }).click();
  await expect(sso.getByRole('status')).toHaveText('Single sign-on is on: members sign in as “acme”.');
  await expect(sso.getByText('From the “department” claim (1 value mapped); others go to')).toBeVisible();
  memberJoinLink = await sso.getByLabel('Join link for signing in with the organisation').inputValue();

  // Provisioning: a secret shown once, which the hub's SCIM endpoint takes, until it is revoked.
  const scim = coePage.getByRole('region', { name: 'Provisioning (SCIM)' });
  await scim.getByRole('button', { name: 'Make a secret' }).click();
  const secret = await scim.getByLabel('SCIM secret', { exact: true }).inputValue();
  const baseUrl = await scim.getByLabel('SCIM base URL', { exact: true }).inputValue();
  await expect(scim.getByText(/your provider has not used it yet/)).toBeVisible();
  await sso.scrollIntoViewIfNeeded();
  await capture(coePage, 'coe-sso-set-up', { fullPage: true });
  const users = () => fetch(`${baseUrl}/Users`, { headers: { authorization: `Bearer ${secret}` } });
  expect((await users()).status).toBe(200);
  await scim.getByRole('button', { name: 'Revoke the SCIM secret' }).click();
  await coePage.getByRole('dialog').getByRole('button', { name: 'Revoke secret' }).click();
  await expect(scim.getByRole('status')).toHaveText('Secret revoked: provisioning stops until you make a new one.');
  expect((await users()).status).toBe(401);
  await coePage.close();
});

test('a member signs in with their organisation; consent comes before anything is recorded', async ({
  context,
  extension,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const signOut = options.getByRole('button', { name: 'Sign out of this browser' });
  await expect(options.getByLabel('Hub address').or(signOut)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();

  // The join link the CoE copied from the console fills the hub and the organisation.
  expect(memberJoinLink).toBe(
    `chrome-extension://${extension.extensionId}/options.html?hub=${encodeURIComponent(hub.url)}&org=acme`,
  );
  await options.goto(memberJoinLink);
  const form = options.getByRole('form', { name: 'Sign in with your organisation' });
  await expect(form.getByLabel('Your company’s Spoke hub')).toHaveValue(hub.url);
  await expect(form.getByLabel('Organisation name on the hub')).toHaveValue('acme');
  await capture(options, 'sso-sign-in', { fullPage: true });

  // The provider's sign-in page opens in the browser's sign-in window.
  const [signInWindow] = await Promise.all([
    context.waitForEvent('page'),
    form.getByRole('button', { name: 'Sign in with your organisation' }).click(),
  ]);
  await signInWindow.waitForLoadState();
  expect(new URL(signInWindow.url()).origin).toBe(idp.issuer);
  await signInWindow.locator('input[name="login"]').fill('ada');
  await signInWindow.locator('input[name="password"]').fill('correct horse');
  await signInWindow.screenshot({ path: path.join(CAPTURE_DIR, 'sso-provider-login.png') });
  await signInWindow.getByRole('button', { name: 'Sign-in' }).click();
  // The provider asks the member to let the hub's client in, once.
  await signInWindow.getByRole('button', { name: 'Continue' }).click();

  // Back in Spoke: connected, and asked what it may record; nothing recorded yet.
  await expect(options.getByRole('heading', { name: 'What Spoke records for Acme Demo' })).toBeVisible();
  await expect.poll(() => signInWindow.isClosed()).toBe(true);
  await capture(options, 'sso-consent', { fullPage: true });
  const token = await deviceToken(options);
  const me = (await api('GET', `${hub.url}/v1/me`, undefined, token)) as {
    displayName: string;
    businessUnit: { id: string };
    sso: { expiresAt: string } | null;
  };
  expect(me.displayName).toBe('Ada Lovelace');
  expect(me.businessUnit.id).toBe(salesUnitId);
  expect(Date.parse(me.sso?.expiresAt ?? '') - Date.now()).toBeGreaterThan(29 * 86_400_000);
  expect(await hubEvents(hub, token)).toEqual([]);
  const waiting = await options.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spoke');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const count = open.result.transaction('outbox').objectStore('outbox').count();
      count.onsuccess = () => { open.result.close(); resolve(count.result); };
      count.onerror = () => reject(count.error);
    };
  })`);
  expect(waiting).toBe(0);

  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: 'Connected to Acme Demo' })).toBeVisible();
  await expect(options.getByText(/Ada Lovelace · Sales · Advocate/)).toBeVisible();
  await capture(options, 'sso-connected', { fullPage: true });
  await options.close();
});

test('disabled at the provider: the next refresh locks the browser out; signing in again keeps consent', async ({
  context,
  extension,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: 'Connected to Acme Demo' })).toBeVisible();
  const before = await deviceToken(options);

  // Ada leaves the company: the provider disables her. A day later (the browser's own record of when the provider
  // last vouched, moved back), Spoke's sync asks the hub for a refresh and the provider refuses it.
  idp.accounts.set('ada', { name: 'Ada Lovelace', department: 'Sales', disabled: true });
  await options.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spoke');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('settings', 'readwrite').objectStore('settings');
      const read = store.get('enrolment');
      read.onsuccess = () => {
        const row = read.result;
        const dayAgo = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
        row.value.me.sso = { ...row.value.me.sso, verifiedAt: dayAgo };
        const write = store.put(row);
        write.onsuccess = () => { open.result.close(); resolve(true); };
        write.onerror = () => reject(write.error);
      };
    };
  })`);
  await options.getByRole('button', { name: 'Sync now' }).click();
  await expect(options.getByText('Sign in with your organisation again to keep Spoke connected.')).toBeVisible();
  const again = options.getByRole('button', { name: 'Sign in again' });
  await expect(again).toBeVisible();
  await capture(options, 'sso-sign-in-again', { fullPage: true });
  const refused = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${before}` } });
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { code: string }).code).toBe('sign-in-required');

  // Back at the company, she signs in again: the same member, a new token, her consent kept.
  // Her session at the provider has ended meanwhile (with a live one, the sign-in window finishes by itself).
  idp.accounts.set('ada', { name: 'Ada Lovelace', department: 'Sales' });
  await context.clearCookies({ domain: '127.0.0.1' });
  const [signInWindow] = await Promise.all([context.waitForEvent('page'), again.click()]);
  await signInWindow.locator('input[name="login"]').fill('ada');
  await signInWindow.locator('input[name="password"]').fill('correct horse');
  await signInWindow.getByRole('button', { name: 'Sign-in' }).click();
  await signInWindow.getByRole('button', { name: 'Continue' }).click();
  await expect(options.getByText('Sign in with your organisation again to keep Spoke connected.')).toHaveCount(0);
  await expect(options.getByRole('heading', { name: 'What Spoke records for Acme Demo' })).toHaveCount(0);
  await expect(options.getByRole('heading', { name: 'Connected to Acme Demo' })).toBeVisible();
  // The answer to the earlier "Sync now" is old news once a sync went through.
  await expect(options.getByText(/^Last synced/)).toBeVisible();
  await expect(options.getByText('Not synced — see the message above')).toHaveCount(0);
  const after = await deviceToken(options);
  expect(after).not.toBe(before);
  const me = await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${after}` } });
  expect(me.status).toBe(200);
  await capture(options, 'sso-signed-in-again', { fullPage: true });
  await options.close();
});
