// The CoE console's Guidelines tab against a real hub: a CoE member enrols with the CoE invite, adds a codename to
// the secret dictionary, saves and publishes, sees the test bench flag it, is refused a broken version with the rule
// and its example, and tightens a rule for one unit only.
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { CAPTURE_DIR, capture } from '../capture';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { deviceToken, leaveBrowserClean } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

async function enrolAsCoe(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const signOut = options.getByRole('button', { name: 'Sign out of this browser' });
  await expect(options.getByLabel('Hub address').or(signOut)).toBeVisible();
  if (await signOut.isVisible()) await signOut.click();
  await options.getByLabel('Hub address').fill(hub.url);
  await options.getByLabel('Invite code').fill(hub.coeCode);
  await options.getByLabel('Your name, as your colleagues know you').fill('Casey CoE');
  await options.getByRole('button', { name: 'Connect' }).click();
  await expect(options.getByRole('heading', { name: /What Spoke records for/ })).toBeVisible();
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  return options;
}

async function api(token: string, pathname: string) {
  const response = await fetch(`${hub.url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.json() as Promise<Record<string, unknown>>;
}

const shot = (page: Page, name: string) => capture(page, `coe-guidelines-${name}`);

test('a CoE lead adds a codename, publishes it, sees the bench flag it, and cannot save a broken version', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  mkdirSync(CAPTURE_DIR, { recursive: true });
  const options = await enrolAsCoe(context, extension.extensionId);
  const token = await deviceToken(options);
  await options.close();

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${extension.extensionId}/coe.html`);
  await page.getByRole('tablist').getByRole('tab', { name: 'Guidelines' }).click();
  const screen = page.getByTestId('guidelines-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('version-1')).toContainText('Current');
  await shot(page, 'overview');

  // A new codename, in the secret dictionary.
  const codenames = page.getByTestId('dictionary-codenames');
  await expect(codenames.getByText('Secret', { exact: true })).toBeVisible();
  const add = codenames.getByRole('textbox');
  await add.fill('Bluebird');
  await add.press('Enter');
  await expect(codenames.getByText('Bluebird')).toBeVisible();
  await expect(add).toBeFocused(); // keep typing the next one
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByTestId('guidelines-status')).toContainText('Saved and published version 2');
  await expect(page.getByTestId('version-2')).toContainText('Current');
  // What members get from the hub now holds the codename, as a keyed hash only (the console says so beside it).
  await expect(codenames).toContainText('anyone who has the policy can test guesses');
  await codenames.scrollIntoViewIfNeeded();
  await capture(codenames, 'coe-guidelines-secret-dictionary');
  const policy = (await api(token, '/v1/policy')) as {
    version: number;
    pack: { dictionaries: Record<string, { entries: string[]; sealed?: { digests: string[] } }> };
  };
  expect(policy.version).toBe(2);
  expect(JSON.stringify(policy).toLowerCase()).not.toContain('bluebird');
  expect(policy.pack.dictionaries.codenames?.sealed?.digests.length).toBeGreaterThan(0);

  // The bench flags it, live, with the rule, its severity and its message.
  await page.getByLabel('Sample post').fill('Thrilled that Bluebird ships next week! #AcmeEmployee');
  const findings = page.getByRole('list', { name: 'Findings' });
  await expect(findings.getByText('CONF-001')).toBeVisible();
  await expect(findings.locator('li', { hasText: 'CONF-001' })).toContainText('critical');
  await expect(page.getByTestId('bench-preview').locator('mark', { hasText: 'Bluebird' })).toBeVisible();
  await page.getByLabel('Sample post').scrollIntoViewIfNeeded();
  await shot(page, 'bench');

  // "release" as a codename breaks CONF-001's own example "Shipping the public release today" (must pass).
  await add.fill('release');
  await add.press('Enter');
  await page.getByRole('button', { name: 'Save version' }).click();
  const problems = page.getByTestId('policy-problems');
  await expect(problems).toContainText('This version was not saved');
  await expect(problems).toContainText('CONF-001');
  await expect(problems).toContainText('Shipping the public release today');
  await expect(problems).toBeFocused();
  await shot(page, 'refused');
  const versions = (await api(token, '/v1/admin/policy/versions')) as { versions: unknown[] };
  expect(versions.versions).toHaveLength(2);

  // A pattern rule that could backtrack is refused beside the field, in the engine's words.
  const form = page.getByRole('form', { name: 'Add a rule' });
  await form.getByLabel('Pattern (RE2 regular expression)').check();
  await form.getByLabel('Pattern', { exact: true }).fill('(a+)+b');
  await expect(form.getByText(/nested quantifiers can take exponential time/)).toBeVisible();
  await form.getByLabel('Title').fill('Ticket numbers');
  await form.getByLabel('Example 1', { exact: true }).fill('aaab');
  await form.getByRole('button', { name: 'Add rule to the draft' }).click();
  await expect(form.getByRole('alert')).toContainText('not ready');
  await form.scrollIntoViewIfNeeded();
  await shot(page, 'rule-form');

  // Fix it, then tighten one rule for Sales only: the overlay offers no weaker severity.
  await codenames.getByRole('button', { name: 'Remove release from Codenames' }).click();
  await page.getByLabel('Editing').selectOption({ label: 'Overlay for Sales' });
  const rule = page.getByTestId('rule-COMP-001'); // a warning centrally
  await expect(rule.getByRole('radio')).toHaveCount(2);
  await expect(rule.getByRole('radio', { name: 'Info' })).toHaveCount(0);
  await rule.getByRole('radio', { name: 'Critical' }).check();
  await expect(page.getByTestId('dictionary-disclosureTokens')).toContainText('Only the central policy can add here');
  await page.getByRole('button', { name: 'Save and publish' }).click();
  await expect(page.getByTestId('guidelines-status')).toContainText('Saved and published version 3');
  const stored = (await api(token, '/v1/admin/policy/versions/3')) as {
    overlays: Record<string, { tighten: Array<{ ruleId: string; severity: string }> }>;
  };
  expect(Object.values(stored.overlays)[0]?.tighten).toEqual([{ ruleId: 'COMP-001', severity: 'critical' }]);
  await page.getByTestId('effective-policy').getByLabel('Business unit').selectOption({ label: 'Sales' });
  await expect(page.getByTestId('effective-policy')).toContainText('warning → critical');
  await shot(page, 'overlay');

  // Policy as code: the export is the version as the hub stores it.
  await page.getByLabel('Editing').selectOption({ label: 'Central policy (everyone)' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const exported = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as {
    pack: { dictionaries: Record<string, { entries: string[] }> };
    overlays: Record<string, unknown>;
  };
  expect(exported.pack.dictionaries.codenames?.entries).toContain('Bluebird');
  expect(Object.values(exported.overlays)).toHaveLength(1);
});

test('removing a rule asks first in plain words: Cancel and Escape keep it, Remove takes it out of the draft', async ({
  page,
  extension,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`chrome-extension://${extension.extensionId}/coe.html#guidelines`);
  await expect(page.getByTestId('guidelines-screen')).toBeVisible();
  const rule = page.getByTestId('rule-LINK-002');
  await rule.scrollIntoViewIfNeeded();
  // Rule descriptions are shown in full, never cut off with an ellipsis.
  const longest = page.getByTestId('rule-DISC-006').locator('.gl-rule__message');
  expect(await longest.evaluate((el) => getComputedStyle(el).whiteSpace)).not.toBe('nowrap');
  expect(await longest.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  const remove = rule.getByRole('button', { name: 'Remove rule LINK-002' });
  await remove.click();
  const dialog = page.getByRole('dialog', { name: 'Remove rule LINK-002 ‘Add tracking to company links’?' });
  await expect(dialog).toContainText('Advocates stop seeing this tip when you publish.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shot(page, 'remove-confirm');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(rule).toBeVisible();
  await expect(remove).toBeFocused();

  await remove.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rule).toBeVisible();

  await remove.click();
  await dialog.getByRole('button', { name: 'Remove rule', exact: true }).click();
  await expect(rule).toHaveCount(0);
  await expect(page.getByTestId('guidelines-status')).toContainText('LINK-002 removed from the draft');
  await shot(page, 'removed');
});
