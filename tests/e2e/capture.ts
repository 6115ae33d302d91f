import path from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** Where every E2E screenshot goes; the README's screenshots are copied from here. */
export const CAPTURE_DIR = path.resolve('test-results/screenshots');

/**
 * A state worth keeping: saves `<name>.png` of the page (or one element of it). Every state the suite captures is
 * also the state it checks for accessibility (see the accessibility step), so call this at each screen a user sees.
 */
export async function capture(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const file = path.join(CAPTURE_DIR, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: options.fullPage });
  else await target.screenshot({ path: file });
}
