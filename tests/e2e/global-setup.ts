import { existsSync } from 'node:fs';
import path from 'node:path';
import { resetAxeResults } from './axe-results';
import { EXTENSION_DIR, findChromium } from './browser';
import { buildSites } from './sites/build';

export default async function globalSetup(): Promise<void> {
  if (!findChromium()) {
    throw new Error('Chromium not found. Install it with: apt-get install --no-install-recommends chromium');
  }
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No E2E build at ${EXTENSION_DIR}. Run: npm run build:e2e`);
  }
  resetAxeResults();
  await buildSites();
}
