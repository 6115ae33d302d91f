// The CoE console against a real hub. A CoE member enrols with a CoE invite, publishes a post (with live guideline
// checks), adds a secret codename, and creates invites; the same browser then joins as an advocate through the
// console's join link, finds the post in the side panel, is warned on the codename, and shares the post; back as
// CoE, the analytics count that share. Every console screen is screenshotted (test-results/screenshots/coe-*.png).
import { mkdirSync, readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { CAPTURE_DIR, capture } from '../capture';
import { underlined } from '../guidelines/page-helpers';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { openComposer } from '../smoke/behaviours';
import { linkedinClassic, x } from '../smoke/variants';
import { countOf, deviceToken, enrolAndConsent, hubEvents, leaveBrowserClean, signOutBrowser } from '../sync/flows';

test.describe.configure({ mode: 'serial' });

const TITLE = 'Acme Cloud 5 is live';
const CODENAME = 'Bluebird';
const shot = (page: Page, name: string) => capture(page, `coe-${name}`, { fullPage: true });

let hub: RunningHub;
/** Join links made in the console: the advocate and the second CoE sign-in use them. */
const links = { advocate: '', coe: '' };

async function openConsole(context: BrowserContext, extensionId: string, tab = 'content') {
  const consolePage = await context.newPage();
  await consolePage.setViewportSize({ width: 1280, height: 900 });
  await consolePage.goto(`chrome-extension://${extensionId}/coe.html#${tab}`);
  return consolePage;
}

/** The policy this browser keeps (extension-origin IndexedDB), as JSON. */
function storedPolicy(extensionPage: Page): Promise<string> {
  // A string, not a function: under tsx, functions passed to the page pick up a helper the page lacks.
  return extensionPage.evaluate(`new Promise((resolve, reject) => {
    const open = indexedDB.open('spoke');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const read = open.result.transaction('policy').objectStore('policy').get('current');
      read.onsuccess = () => { open.result.close(); resolve(JSON.stringify(read.result ?? null)); };
      read.onerror = () => reject(read.error);
    };
  })`);
}

async function consent(options: Page) {
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  await options.close();
}

test.beforeAll(async () => {
  hub = await startHub();
  mkdirSync(CAPTURE_DIR, { recursive: true });
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

test('a browser that is not connected sees how to reach the console', async ({ context, extension }) => {
  await signOutBrowser(context, extension.extensionId);
  const consolePage = await openConsole(context, extension.extensionId);
  await expect(
    consolePage.getByRole('heading', { name: "Connect this browser to your company's hub first" }),
  ).toBeVisible();
  await expect(consolePage.getByRole('link', { name: "Spoke's settings" })).toBeVisible();
  await shot(consolePage, 'not-connected');
  await consolePage.close();
});

test('a CoE member enrols with a CoE invite and publishes a post checked live against the guidelines', async ({
  context,
  extension,
}) => {
  test.setTimeout(60_000);
  await consent(
    await enrolAndConsent(context, extension.extensionId, hub, undefined, { code: hub.coeCode, name: 'Casey CoE' }),
  );
  const consolePage = await openConsole(context, extension.extensionId);
  await expect(consolePage.getByTestId('coe-who')).toContainText('Signed in as Casey CoE');

  // Four tabs; arrows, Home and End move between them as the ARIA tab pattern has it.
  const tabs = consolePage.getByRole('tab');
  await expect(tabs).toHaveText(['Content', 'Guidelines', 'Organisation', 'Analytics']);
  await consolePage.getByRole('tab', { name: 'Content' }).focus();
  await consolePage.keyboard.press('ArrowRight');
  await expect(consolePage.getByRole('tab', { name: 'Guidelines', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(consolePage.getByRole('tab', { name: 'Guidelines', exact: true })).toBeFocused();
  await consolePage.keyboard.press('End');
  await expect(consolePage.getByRole('tab', { name: 'Analytics' })).toHaveAttribute('aria-selected', 'true');
  await consolePage.keyboard.press('Home');
  await expect(consolePage.getByRole('tab', { name: 'Content' })).toHaveAttribute('aria-selected', 'true');

  // The seeded library is listed; search narrows it.
  const list = consolePage.getByRole('complementary', { name: 'Content library' });
  await expect(list.locator('.coe-item')).toHaveCount(12);
  await shot(consolePage, 'content-list');

  await consolePage.getByRole('button', { name: 'New post' }).click();
  const editor = consolePage.getByRole('article', { name: 'New post' });
  // Bad input gets words, and the typed text stays.
  await editor
    .getByLabel('LinkedIn text', { exact: true })
    .fill('Acme Cloud 5 is out today and it is amazing: faster builds for everyone.');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor.getByText('Give the post a title')).toBeVisible();
  await expect(editor.getByLabel('LinkedIn text', { exact: true })).toHaveValue(/Acme Cloud 5 is out/);

  await editor.getByLabel('Title', { exact: true }).fill(TITLE);
  // The same engine as the advocates' composers: praise of a product without a disclosure is flagged at once.
  const linkedin = editor.getByRole('region', { name: 'LinkedIn version' });
  await expect(linkedin.getByRole('list', { name: 'Guideline findings' })).toContainText('Say you work here');
  await editor
    .getByLabel('LinkedIn text', { exact: true })
    .fill('I work at Acme, and our team shipped Acme Cloud 5 today: faster builds for everyone.');
  await expect(linkedin.getByText('No guideline findings.')).toBeVisible();
  await editor
    .getByLabel('X text', { exact: true })
    .fill('Acme Cloud 5 is out: faster builds for everyone. I work at Acme.');
  await editor.getByLabel('Link', { exact: true }).fill('https://example.com/cloud-5');
  await editor.getByLabel('Hashtags', { exact: true }).fill('#AcmeCloud');
  await editor.getByLabel('Tags', { exact: true }).fill('launch');
  await editor.getByRole('checkbox', { name: 'Engineering' }).check();
  // Counters count the post as shared: text, tracked link (23 on X), hashtag.
  await expect(editor.getByTestId('counter-x')).toContainText('/ 280 weighted');
  await expect(editor.getByTestId('counter-linkedin')).toContainText('/ 3,000');
  await expect(editor.getByTestId('utm-preview')).toContainText(
    'https://example.com/cloud-5?utm_source=linkedin&utm_medium=employee_advocacy&utm_campaign=spoke&utm_content=',
  );
  await expect(editor.getByTestId('post-preview')).toContainText('#AcmeCloud');
  await shot(consolePage, 'content-editor');
  await editor.getByRole('button', { name: 'Publish' }).click();
  const published = consolePage.getByRole('article', { name: `Edit “${TITLE}”` });
  await expect(published.getByRole('status')).toContainText('Published');
  await expect(list.getByRole('button', { name: new RegExp(TITLE) })).toContainText('Published');
  await consolePage.getByLabel('Search posts').fill('cloud 5');
  await expect(list.locator('.coe-item')).toHaveCount(1);
  await expect(published.getByRole('region', { name: 'Version history' })).toContainText('Version 1');
  await shot(consolePage, 'content-published');
  await consolePage.close();
});

test('the CoE adds a codename to the secret dictionary', async ({ context, extension }) => {
  const consolePage = await openConsole(context, extension.extensionId, 'guidelines');
  await expect(consolePage.getByRole('tab', { name: 'Guidelines', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await shot(consolePage, 'guidelines');
  // Through the dictionary editor: the codename goes into the secret dictionary, saved and published at once.
  const codenames = consolePage.getByTestId('dictionary-codenames');
  await expect(codenames.getByText('Secret', { exact: true })).toBeVisible();
  const add = codenames.getByRole('textbox');
  await add.fill(CODENAME);
  await add.press('Enter');
  await expect(codenames.getByText(CODENAME)).toBeVisible();
  await consolePage.getByRole('button', { name: 'Save and publish' }).click();
  await expect(consolePage.getByTestId('guidelines-status')).toContainText(/Saved and published version \d+/);
  // What members get from the hub holds it only as a keyed hash: never the word (and no rule examples, which quote
  // the pack's own codenames).
  const token = await deviceToken(consolePage);
  const raw = await (await fetch(`${hub.url}/v1/policy`, { headers: { authorization: `Bearer ${token}` } })).text();
  expect(raw.toLowerCase()).not.toContain(CODENAME.toLowerCase());
  const policy = JSON.parse(raw) as {
    pack: { dictionaries: Record<string, { entries: string[]; sealed?: { digests: string[] } }> };
  };
  expect(policy.pack.dictionaries.codenames?.entries).toEqual([]);
  expect(policy.pack.dictionaries.codenames?.sealed?.digests.length).toBeGreaterThan(0);
  await consolePage.close();
});

test('before anyone shares, Analytics says so instead of drawing empty charts', async ({ context, extension }) => {
  const consolePage = await openConsole(context, extension.extensionId, 'analytics');
  const empty = consolePage.getByRole('region', { name: 'No participation in this period yet' });
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('When advocates share, it shows here');
  await expect(consolePage.getByRole('img', { name: /Participation over time/ })).toHaveCount(0);
  await expect(consolePage.getByRole('img', { name: /Shares and clicks by business unit/ })).toHaveCount(0);
  // The same periods as My reach.
  await expect(consolePage.getByRole('group', { name: 'Period' }).getByRole('button')).toHaveText([
    '7 days',
    '30 days',
    '90 days',
    '12 months',
  ]);
  await shot(consolePage, 'analytics-empty');
  await consolePage.close();
});

test('organisation: a pattern preset, invites with copyable join links, members', async ({ context, extension }) => {
  const consolePage = await openConsole(context, extension.extensionId, 'organisation');
  const tree = consolePage.getByRole('region', { name: 'Business units' });
  await expect(tree.getByText('Engineering')).toBeVisible();
  await consolePage.getByRole('button', { name: /^Hub and spoke/ }).click();
  const plan = consolePage.getByRole('region', { name: 'What Hub and spoke sets up' });
  // Sales, Marketing and Engineering exist already: only People is added.
  await expect(plan).toContainText('will add People and create an advocate invite');
  await consolePage.getByRole('button', { name: 'Set up Hub and spoke' }).click();
  await expect(consolePage.getByRole('status').filter({ hasText: 'Hub and spoke:' })).toContainText(
    '1 unit and 4 invites created',
  );
  await expect(tree.getByText('People')).toBeVisible();
  // Units move within the tree (never under themselves).
  await tree.getByRole('button', { name: 'Rename or move People' }).click();
  const where = tree.getByLabel('Where People sits');
  const underSales = await where.locator('option', { hasText: 'under Sales' }).getAttribute('value');
  await where.selectOption(underSales ?? '');
  await tree.getByRole('button', { name: 'Save' }).click();
  await expect(tree.locator('li', { hasText: 'People' })).toHaveAttribute('style', /padding-left: 40px/);

  const invites = consolePage.getByRole('region', { name: 'Invites' });
  const engineering = await invites
    .getByLabel('Unit')
    .locator('option', { hasText: 'Engineering' })
    .getAttribute('value');
  await invites.getByLabel('Unit').selectOption(engineering ?? '');
  await invites.getByLabel('Uses').fill('3');
  await invites.getByRole('button', { name: 'Create invite' }).click();
  const advocateLink = consolePage.getByLabel('Join link for advocate of Engineering').first();
  await expect(advocateLink).toHaveValue(
    new RegExp(`^chrome-extension://${extension.extensionId}/options\\.html\\?hub=`),
  );
  links.advocate = await advocateLink.inputValue();
  await invites.getByLabel('Unit').selectOption({ index: 0 });
  await invites.getByLabel('Role').selectOption('coe');
  await invites.getByRole('button', { name: 'Create invite' }).click();
  links.coe = await consolePage
    .getByLabel(/^Join link for coe of/)
    .first()
    .inputValue();
  expect(links.coe).toContain('code=');
  // The invite table counts the new invites (the preset's four, the two above, the two seeded).
  await expect(invites.getByRole('row')).toHaveCount(1 + 8);

  const members = consolePage.getByRole('region', { name: 'Members' });
  await expect(members.getByRole('cell', { name: 'Casey CoE' })).toBeVisible();
  await shot(consolePage, 'organisation');

  // Your own row: marked, with no role change and no Deactivate (the hub refuses both too); others keep theirs.
  const self = members.getByTestId('member-self');
  await expect(self).toContainText('Casey CoE (you)');
  await expect(self.getByRole('combobox', { name: /^Role of/ })).toHaveCount(0);
  await expect(self.getByRole('button', { name: /Deactivate/ })).toHaveCount(0);
  await expect(self).toContainText('another CoE member can change it');
  await capture(members, 'coe-organisation-self');

  // A leaver: deactivated, then erased, each behind a confirmation; the row goes and the console says what went.
  const enrolled = await fetch(`${hub.url}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode: hub.advocateCode, displayName: 'Lee Leaver' }),
  });
  expect(enrolled.status).toBe(201);
  await consolePage.reload();
  await expect(members.getByRole('cell', { name: 'Lee Leaver', exact: true })).toBeVisible();
  await members.getByRole('button', { name: 'Deactivate Lee Leaver' }).click();
  await consolePage
    .getByRole('dialog', { name: 'Deactivate Lee Leaver?' })
    .getByRole('button', { name: 'Deactivate' })
    .click();
  const eraseLee = members.getByRole('button', { name: 'Erase Lee Leaver' });
  await expect(eraseLee).toBeVisible();
  await eraseLee.click();
  const eraseDialog = consolePage.getByRole('dialog', { name: 'Erase Lee Leaver?' });
  await expect(eraseDialog).toContainText('This cannot be undone.');
  await expect(eraseDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await capture(consolePage, 'coe-organisation-erase-confirm');
  await eraseDialog.getByRole('button', { name: 'Erase for good' }).click();
  await expect(members.getByRole('status')).toContainText(
    'Lee Leaver was erased: 0 events and 0 tracked links deleted.',
  );
  await expect(members.getByRole('cell', { name: 'Lee Leaver', exact: true })).toHaveCount(0);

  // Revoking an invite asks first, in plain words; Escape keeps it.
  const openInvites = invites.getByRole('button', { name: /^Revoke the / });
  const before = await openInvites.count();
  await openInvites.first().click();
  const revoke = consolePage.getByRole('dialog', { name: /^Revoke the .* invite for / });
  await expect(revoke).toContainText('Its join link stops working at once');
  await expect(revoke.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await capture(consolePage, 'coe-organisation-revoke-confirm');
  await consolePage.keyboard.press('Escape');
  await expect(revoke).toBeHidden();
  await expect(openInvites).toHaveCount(before);
  await consolePage.close();
});

test('an advocate who joins with the link sees the post, is warned on the codename, and shares the post', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub, undefined, {
    joinLink: links.advocate,
    name: 'Avery Advocate',
  });
  const token = await deviceToken(options);
  await consent(options);

  // The console stays closed to an advocate, with the reason.
  const consolePage = await openConsole(context, extension.extensionId);
  await expect(
    consolePage.getByRole('heading', { name: 'This console is for the Center of Excellence' }),
  ).toBeVisible();
  await shot(consolePage, 'advocate');
  await consolePage.close();

  // The codename the CoE added is secret: the advocate's composer warns on it.
  const xInline = x[0];
  if (!xInline) throw new Error('x variant missing');
  await page.bringToFront();
  await openComposer(page, xInline);
  await page.locator(xInline.editor).click();
  await page.keyboard.type(`Can't wait to tell you more about ${CODENAME} soon`);
  await expect.poll(() => underlined(page)).toContain(CODENAME);
  // … though the policy this browser keeps holds no codename: a look at its storage finds keyed hashes only.
  const storage = await context.newPage();
  await storage.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const stored = await storedPolicy(storage);
  expect(stored).toContain('"sealed"');
  expect(stored.toLowerCase()).not.toContain(CODENAME.toLowerCase());
  await storage.close();

  // The published post is in the side panel (the advocate is in Engineering, which it targets), ready to share.
  const variant = linkedinClassic[0];
  if (!variant) throw new Error('linkedin variant missing');
  await page.goto(variant.url);
  await page.waitForFunction(() => document.readyState === 'complete');
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 760 });
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html`);
  const item = panel.getByRole('article', { name: TITLE });
  await expect(item).toBeVisible();
  await item.getByTestId('share-primary').click();
  await expect(item.getByRole('status')).toContainText('Added to your');
  await panel.close();
  await page.bringToFront();
  await expect
    .poll(() => page.evaluate((id) => window.spokeFixture?.model(id) ?? '', variant.fixtureId))
    .toContain('Acme Cloud 5');
  await page.evaluate((id) => {
    const editor = window.spokeFixture?.editor(id);
    const scope = editor?.closest('[role="dialog"], dialog, .share-box-v2__modal');
    const button = [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find(
      (b) => !b.disabled && b.textContent?.trim() === 'Post',
    );
    button?.click();
  }, variant.fixtureId);
  await expect.poll(async () => countOf(await hubEvents(hub, token), 'post_published'), { timeout: 30_000 }).toBe(1);
});

test('back in the console, the analytics count the advocate’s share', async ({ context, extension }) => {
  test.setTimeout(60_000);
  await consent(
    await enrolAndConsent(context, extension.extensionId, hub, undefined, { joinLink: links.coe, name: 'Casey CoE' }),
  );
  const consolePage = await openConsole(context, extension.extensionId, 'analytics');
  const kpi = (label: string) => consolePage.locator('.coe-kpi').filter({ hasText: label }).locator('.coe-kpi__value');
  await expect(kpi('Shares')).toHaveText('1');
  await expect(kpi('Sharing advocates')).toHaveText('1');
  // Participation counts advocates only: the CoE members who run the programme are not in "of M".
  await expect(consolePage.locator('.coe-kpi').filter({ hasText: 'Participation' })).toContainText(
    /1 of \d+ active advocates shared/,
  );
  await expect(kpi('Participation')).not.toHaveText('0%');
  const top = consolePage.getByRole('region', { name: 'Top content' });
  await expect(top.getByRole('row', { name: new RegExp(TITLE) })).toContainText('1');
  await expect(consolePage.getByRole('img', { name: /Participation over time/ })).toBeVisible();
  await shot(consolePage, 'analytics');

  const [download] = await Promise.all([
    consolePage.waitForEvent('download'),
    consolePage.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path()) as string, 'utf8');
  expect(csv).toContain('Participation over time');
  expect(csv).toMatch(new RegExp(`${TITLE},1,`));
  await consolePage.close();
});
