// `npm run sites:check [--json] <page.html>…`: loads saved pages (a browser's "Save page as", or the captures in
// tests/e2e/sites/captures/) in Chromium and reports, per composer definition of lib/sites, how many editors it
// matches, their postKind, whether the Post button was found, and the editable elements no definition recognises.
// With --json, one JSON line per file. Exit code 1 when a page shows no composer, or shows a post-sized editable
// that no definition recognises. See docs/sites.md.
import { bundleProbe, checkPage, type FileReport, formatReport, launchChecker } from './sites-check/check';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((arg) => arg !== '--json');
if (files.length === 0) {
  console.error('usage: npm run sites:check -- [--json] <page.html>…');
  process.exit(2);
}

const probe = await bundleProbe();
const browser = await launchChecker();
const reports: FileReport[] = [];
try {
  for (const file of files) {
    const report = await checkPage(browser, probe, file);
    reports.push(report);
    console.log(json ? JSON.stringify(report) : formatReport(report));
  }
} finally {
  await browser.close();
}
process.exitCode = reports.some((report) => report.problems.length) ? 1 : 0;
