// `npm test`: every suite of the project in one command, with one line of totals at the end.
//
//   typecheck (extension, hub) → lint → layers → knip (unused code) → unit + hub tests (Vitest) → extension builds
//   → E2E (Playwright, Debian Chromium)
//
// Without Chromium the E2E suite is skipped with a clear message, unless CI=true: then it is a failure. Every state
// the E2E suite captures is checked with axe (tests/e2e/capture.ts): each serious or critical violation counts as a
// failure, and with CI=true so does a run that checked no state. The totals also go to test-results/summary.json
// for .ci/run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { axeTotals, axeTotalsLine, readAxeResults } from '../tests/e2e/axe-results';
import { findChromium } from '../tests/e2e/browser';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
const isCi = process.env.CI === 'true' || process.env.CI === '1';

interface Totals {
  passed: number;
  failed: number;
}
const totals: Totals = { passed: 0, failed: 0 };
const lines: string[] = [];

function run(label: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = result.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(`${ok ? '✔' : '✘'} ${label} (${seconds} s)`);
  return ok;
}

/** A step that is not made of tests (typecheck, lint, build) counts as one failure when it fails. */
function step(label: string, command: string, args: string[], env?: Record<string, string>): boolean {
  const ok = run(label, command, args, env);
  if (!ok) totals.failed += 1;
  return ok;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function vitestSuites(): void {
  const report = path.join(results, 'vitest.json');
  rmSync(report, { force: true });
  const ok = run('unit + hub tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  const json = readJson<{ numPassedTests: number; numFailedTests: number }>(report);
  if (!json) {
    totals.failed += 1;
    lines.push('  Vitest wrote no report: counted as one failure');
    return;
  }
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  lines.push(`  ${json.numPassedTests} passed, ${json.numFailedTests} failed`);
  if (!ok && json.numFailedTests === 0) totals.failed += 1; // e.g. an import error outside any test
}

function e2eSuite(buildOk: boolean): void {
  const chromium = findChromium();
  if (!chromium) {
    if (isCi) {
      lines.push('✘ E2E: Chromium not found; with CI=true this is a failure');
      totals.failed += 1;
      return;
    }
    lines.push(
      '⚠ E2E SKIPPED: Chromium not found. Install it with `sudo apt-get install --no-install-recommends chromium`' +
        ' (or set CHROMIUM=/path/to/chromium), then run `npm test` again.',
    );
    return;
  }
  if (!buildOk) {
    lines.push('✘ E2E not run: the extension did not build');
    totals.failed += 1;
    return;
  }
  const report = path.join(results, 'e2e.json');
  rmSync(report, { force: true });
  const ok = run('E2E', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
  const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(report);
  if (!json) {
    totals.failed += 1;
    lines.push('  Playwright wrote no report: counted as one failure');
    return;
  }
  const { expected, unexpected, flaky, skipped } = json.stats;
  totals.passed += expected;
  // A flaky test is a failure to fix, and a skipped one is not proof of anything.
  totals.failed += unexpected + flaky + (isCi ? skipped : 0);
  lines.push(`  ${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped`);
  if (!ok && unexpected + flaky === 0) totals.failed += 1;
  accessibility();
}

/** The axe results capture() wrote during the E2E run: one failure per serious or critical violation. */
function accessibility(): void {
  const axe = axeTotals(readAxeResults());
  const blocking = axe.counts.serious + axe.counts.critical;
  lines.push(`${blocking === 0 ? '✔' : '✘'} accessibility: ${axeTotalsLine(axe)}`);
  for (const line of axe.blocking) lines.push(`  ✘ ${line}`);
  totals.failed += blocking;
  if (axe.states === 0 && isCi) {
    lines.push('  ✘ no accessibility results (test-results/axe/): with CI=true this is a failure');
    totals.failed += 1;
  }
}

mkdirSync(results, { recursive: true });
step('typecheck (extension)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('typecheck (hub, no DOM)', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json']);
step('lint', 'npx', ['biome', 'check', '.']);
step('layers', 'npx', ['tsx', 'scripts/check-layers.ts']);
step('knip', 'npx', ['knip', '--no-progress']);
vitestSuites();
const chromeOk = step('build (Chrome)', 'npx', ['wxt', 'build']);
step('build (Firefox)', 'npx', ['wxt', 'build', '-b', 'firefox']);
const e2eOk = step('build (E2E)', 'npx', ['wxt', 'build'], { WXT_E2E: '1' });
e2eSuite(chromeOk && e2eOk && existsSync(path.join(root, '.output/chrome-mv3-e2e/manifest.json')));

writeFileSync(path.join(results, 'summary.json'), `${JSON.stringify(totals)}\n`);
console.log(`\n${lines.join('\n')}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
