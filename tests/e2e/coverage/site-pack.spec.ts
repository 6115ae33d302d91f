// Site packs end to end: X ships a composer no definition of the built-in pack knows; the CoE publishes a corrected
// site pack on a real hub; after one sync the running extension finds that composer in the open tab, with no reload
// of the page or the extension. A broken pack (a surface the browser cannot use, another that matches nothing) then
// leaves detection working on the built-in definitions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { SitePack, Surface } from '@/lib/contract/site-pack';
import { capture } from '../capture';
import { PROFANITY } from '../guidelines/phrases';
import { expect, test } from '../harness';
import { type RunningHub, startHub } from '../hub';
import { deviceToken, enrolAndConsent, leaveBrowserClean } from '../sync/flows';

let hub: RunningHub;
test.beforeAll(async () => {
  hub = await startHub();
});
test.afterAll(async ({ extension }) => {
  await leaveBrowserClean(extension);
  await hub.dispose();
});

/** The composer X "shipped": outside the areas the generic fallback watches, with a test id no definition knows. */
async function addUnknownComposer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const box = document.createElement('section');
    box.dataset.testid = 'composerNext';
    const editor = document.createElement('div');
    editor.contentEditable = 'true';
    editor.setAttribute('role', 'textbox');
    editor.dataset.testid = 'composerNext_textarea';
    editor.style.cssText = 'display:block;width:560px;min-height:64px;border:1px solid #cfd9de;padding:8px';
    const post = document.createElement('button');
    post.dataset.testid = 'composerNext_post';
    post.textContent = 'Post';
    box.append(editor, post);
    document.body.prepend(box);
  });
}

const NEXT_SURFACE: Surface = {
  id: 'x-next',
  editor: 'tiptap',
  selector: '[data-testid="composerNext_textarea"][contenteditable="true"]',
  within: '[data-testid="composerNext"]',
  postKind: 'post',
  anchor: { closest: [], otherwise: 'editor' },
  postButton: { scopes: ['[data-testid="composerNext"]'], button: '[data-testid="composerNext_post"]' },
};

const BUILTIN_PACK_FILE = path.resolve(import.meta.dirname, '../../../lib/sites/packs/builtin.json');

function packWith(version: string, edit: (pack: SitePack) => void): SitePack {
  const pack = JSON.parse(readFileSync(BUILTIN_PACK_FILE, 'utf8')) as SitePack;
  pack.version = version;
  edit(pack);
  return pack;
}

async function publish(token: string, pack: SitePack): Promise<void> {
  const response = await fetch(`${hub.url}/v1/admin/site-pack`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(pack),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function syncNow(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Sync now' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Synced just now' })).toBeVisible({ timeout: 15_000 });
}

test('a corrected site pack from the hub reaches the open tab in one sync; a broken one leaves detection working', async ({
  page,
  context,
  extension,
}) => {
  test.setTimeout(90_000);
  const options = await enrolAndConsent(context, extension.extensionId, hub, undefined, {
    code: hub.coeCode,
    name: 'Casey CoE',
  });
  await options.getByRole('button', { name: 'I agree' }).click();
  await expect(options.getByRole('heading', { name: /Connected to/ })).toBeVisible();
  const token = await deviceToken(options);

  await page.bringToFront();
  await page.goto('https://x.com/home');
  const known = page.locator('spoke-composer-ui[data-spoke-composer="x-inline"]');
  await expect(known.first()).toBeAttached();
  await addUnknownComposer(page);
  const editor = page.getByTestId('composerNext_textarea');
  await editor.click();
  await page.keyboard.type(PROFANITY.typed);
  const next = page.locator('spoke-composer-ui[data-spoke-composer="x-next"]');
  // Nothing Spoke knows: no badge, no underline.
  await expect(page.locator('spoke-composer-ui')).toHaveCount(1);

  await publish(
    token,
    packWith('acme-1', (pack) => pack.sites.x?.surfaces.push(NEXT_SURFACE)),
  );
  await syncNow(options);

  // Same tab, no reload: the composer is found, checked, and its finding counted on its badge.
  await expect(next.getByTestId('spoke-badge')).toHaveText(PROFANITY.badge);
  await expect(known.first()).toBeAttached();
  await page.bringToFront();
  await capture(page, 'site-pack-corrected');

  // A broken pack: the inline surface's selector is one the browser refuses (CSS parsers accept it, Chromium does
  // not) and the modal's matches nothing any more. Both fall back to the built-in definitions; the pack's new
  // surface is gone, so its composer is left alone again.
  await publish(
    token,
    packWith('acme-2-broken', (pack) => {
      const [modal, inline] = pack.sites.x?.surfaces ?? [];
      if (!modal || !inline) throw new Error('built-in pack changed');
      modal.selector = '[data-testid="tweetTextarea_old"]';
      inline.within = '[data-testid="primaryColumn"]:has-text(Post)';
    }),
  );
  await syncNow(options);
  await expect(next).toHaveCount(0);
  await expect(known.first()).toBeAttached();
  await page.getByTestId('SideNav_NewTweet_Button').click();
  await expect(page.locator('spoke-composer-ui[data-spoke-composer="x-modal"]')).toBeAttached();
  // After a reload the page still runs on the broken pack's fallbacks.
  await page.reload();
  await expect(known.first()).toBeAttached();
  await options.close();
});
