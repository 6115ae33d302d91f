// `npm run sites:check` over every capture in ./captures: each must show at least one composer the adapters of
// lib/sites recognise, and no post-sized editable they miss. A capture today's adapters miss goes in KNOWN_MISSES
// with a one-line reason (the test then expects the failure), until lib/sites learns it.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, expect, test } from '@playwright/test';
import { bundleProbe, checkPage, formatReport, launchChecker } from '../../../scripts/sites-check/check';

const CAPTURES = path.join(import.meta.dirname, 'captures');
const KNOWN_MISSES: Record<string, string> = {};

let browser: Browser;
let probe: string;

test.beforeAll(async () => {
  probe = await bundleProbe();
  browser = await launchChecker();
});

test.afterAll(async () => {
  await browser?.close();
});

for (const name of readdirSync(CAPTURES).filter((file) => file.endsWith('.html'))) {
  test(`sites:check recognises the composers in ${name}`, async () => {
    test.fail(name in KNOWN_MISSES, KNOWN_MISSES[name]);
    const report = await checkPage(browser, probe, path.join(CAPTURES, name));
    test.info().annotations.push({ type: 'sites:check', description: formatReport(report) });
    const shown = report.adapters.flatMap((a) => a.definitions).filter((d) => d.shown > 0);
    expect(shown.length, formatReport(report)).toBeGreaterThan(0);
    expect(report.problems, formatReport(report)).toEqual([]);
  });
}
