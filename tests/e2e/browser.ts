// Where the E2E suite finds Chromium and the built extension. Shared by the Playwright config and scripts/test.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The E2E build of the extension (`WXT_E2E=1 wxt build`, `npm run build:e2e`): identical to production but for open shadow roots. */
export const EXTENSION_DIR = path.join(root, '.output/chrome-mv3-e2e');

/**
 * Debian's Chromium. The real binary, not the /usr/bin wrapper (which sources /etc/chromium.d and adds flags).
 * Never Google Chrome: branded builds ignore --load-extension since 137.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}
