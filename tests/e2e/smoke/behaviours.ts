// Shared smoke behaviours, run against every composer variant (one short spec per editor library calls these).
import type { Page } from '@playwright/test';
import { capture } from '../capture';
import { expect, test } from '../harness';
import { HOST, installDiscoveryProbe } from './discovery-probe';
import type { ComposerVariant } from './variants';

/** Where the screenshots go: prefer capture(), which also checks the state for accessibility. */
export { CAPTURE_DIR as SCREENSHOT_DIR } from '../capture';

/** Loads the variant's page and makes its composer appear the way a user would. */
export async function openComposer(page: Page, variant: ComposerVariant): Promise<void> {
  await page.addInitScript(installDiscoveryProbe, HOST);
  if (variant.viewport) await page.setViewportSize(variant.viewport);
  await page.goto(variant.url);
  await page.waitForFunction(() => document.readyState === 'complete');
  if (variant.open) await variant.open(page);
  await expect(page.locator(variant.editor)).toBeVisible();
}

/** Spoke's UI host next to the variant's composer. */
export function hostOf(page: Page, variant: ComposerVariant) {
  return page.locator(variant.host ?? `${HOST}[data-spoke-composer="${variant.definitionId}"]`);
}

function badgeOf(page: Page, variant: ComposerVariant) {
  return hostOf(page, variant).getByTestId('spoke-badge');
}

export function smokeSuite(variants: ComposerVariant[]): void {
  for (const variant of variants) {
    test.describe(variant.name, () => {
      test('Spoke finds the composer, and only the composers a user can see', async ({ page }) => {
        await openComposer(page, variant);
        await expect(badgeOf(page, variant)).toBeVisible();
        await expect(badgeOf(page, variant)).toHaveAttribute('data-post-kind', variant.postKind);
        await expect(page.locator(HOST)).toHaveCount(variant.visibleComposers);
        // The hidden light-DOM decoy (LinkedIn classic) gets no badge, and no badge lands inside an editor.
        await expect(page.locator(`#preload-sharebox-copy ${HOST}, [contenteditable] ${HOST}`)).toHaveCount(0);

        if (variant.open) {
          const latency = await page.evaluate((id) => window.spokeProbe?.latency[id], variant.fixtureId);
          expect(latency, 'time from the composer appearing to Spoke marking it').toBeDefined();
          // How long it took is a benchmark (`npm run bench:e2e`, discovery_p95_ms), not an assertion.
          test.info().annotations.push({ type: 'discovery-ms', description: (latency ?? -1).toFixed(1) });
        }
      });

      test('typing with the keyboard reaches the editor model and enables Post', async ({ page }) => {
        await openComposer(page, variant);
        const text = 'Hello from Spoke';
        expect(await page.evaluate((id) => window.spokeFixture?.postEnabled(id), variant.fixtureId)).toBe(false);
        await page.locator(variant.editor).click();
        await page.keyboard.type(text);
        await expect.poll(() => page.evaluate((id) => window.spokeFixture?.model(id), variant.fixtureId)).toBe(text);
        await expect
          .poll(() => page.evaluate((id) => window.spokeFixture?.postEnabled(id), variant.fixtureId))
          .toBe(true);
        // The editor re-rendered while typing; Spoke's mark is still there.
        await expect(badgeOf(page, variant)).toBeVisible();
        await capture(page, variant.name);
      });

      test('the badge sits at the corner of the composer, outside the editor', async ({ page }) => {
        await openComposer(page, variant);
        await expect(badgeOf(page, variant)).toBeVisible();
        const placement = await page.locator(variant.editor).evaluate((editor, hostTag) => {
          const scope = editor.getRootNode() as Document | ShadowRoot;
          const host = [...scope.querySelectorAll(hostTag)].find((h) => h.parentElement?.contains(editor));
          const anchor = host?.previousElementSibling;
          return {
            insideEditor: !!host && editor.contains(host),
            anchorHoldsEditor: !!anchor?.contains(editor),
            anchor: anchor?.getBoundingClientRect().toJSON() as DOMRect | undefined,
          };
        }, HOST);
        expect(placement.insideEditor).toBe(false);
        expect(placement.anchorHoldsEditor).toBe(true);
        const badge = await badgeOf(page, variant).boundingBox();
        const anchor = placement.anchor;
        if (!badge || !anchor) throw new Error('badge or composer has no box');
        expect(badge.x).toBeGreaterThanOrEqual(anchor.left);
        expect(badge.x + badge.width).toBeLessThanOrEqual(anchor.right + 0.5);
        expect(badge.y).toBeGreaterThanOrEqual(anchor.top - 0.5);
        expect(badge.y + badge.height).toBeLessThanOrEqual(anchor.bottom + 0.5);
      });
    });
  }
}
