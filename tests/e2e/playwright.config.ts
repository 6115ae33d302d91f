import path from 'node:path';
import { defineConfig } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  testDir: import.meta.dirname,
  testMatch: '**/*.spec.ts',
  globalSetup: path.join(import.meta.dirname, 'global-setup.ts'),
  outputDir: path.join(root, 'test-results/e2e-artifacts'),
  // Each worker runs its own Chromium; two match this machine's two cores.
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    ['json', { outputFile: path.join(root, 'test-results/e2e.json') }],
    // Last, so the accessibility totals are the run's last line.
    [path.join(import.meta.dirname, 'axe-reporter.ts')],
  ],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
