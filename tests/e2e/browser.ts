// Where the E2E suite finds Chromium and the built extension, and how it starts them. Shared by the Playwright
// harness, scripts/test.ts and the latency bench.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The E2E build (`WXT_E2E=1 wxt build`, `npm run build:e2e`): identical to production but for open shadow roots. */
export const EXTENSION_DIR = path.join(root, '.output/chrome-mv3-e2e');

/**
 * Debian's Chromium. The real binary, not the /usr/bin wrapper (which sources /etc/chromium.d and adds flags).
 * Never Google Chrome: branded builds ignore --load-extension since 137.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The extension's service worker; absent when launched without the extension (a baseline). */
  serviceWorker?: Worker;
  extensionId?: string;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile, headless, with the built extension loaded (or without it, for baselines).
 * `extensionDir` loads another copy of the build (the managed-policy spec gives its copy an id of its own).
 */
export async function launchChromium(options: { extension: boolean; extensionDir?: string }): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install --no-install-recommends chromium');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'spoke-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1100, height: 760 },
    args: [
      ...(options.extension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // Without these, Chromium keeps calling Google's hosts, which this machine's closed network refuses.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  if (!options.extension) return { context, close };
  let [serviceWorker] = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://'));
  serviceWorker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  return { context, serviceWorker, extensionId: new URL(serviceWorker.url()).host, close };
}
