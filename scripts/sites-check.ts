// `npm run sites:check [--json] [--pack pack.json] <page.html>…`: loads saved pages (a browser's "Save page as", or
// the captures in tests/e2e/sites/captures/) in Chromium and reports, per composer definition of the built-in site
// pack (or the one given with --pack, as a hub would serve it), how many editors it matches, their postKind, whether
// the Post button was found, and the editable elements no definition recognises (and whether the generic fallback
// would). With --json, one JSON line per file. Exit code 1 when a page shows no composer, or shows a post-sized
// editable that no definition recognises; 2 on bad arguments or a pack that fails validation. See docs/sites.md.
import { readFileSync } from 'node:fs';
import { type SitePack, SitePackSchema } from '../lib/contract/site-pack';
import { bundleProbe, checkPage, type FileReport, formatReport, launchChecker } from './sites-check/check';

const args = process.argv.slice(2);
const json = args.includes('--json');
const packAt = args.indexOf('--pack');
const packFile = packAt >= 0 ? args[packAt + 1] : undefined;
const files = args.filter((arg, i) => arg !== '--json' && i !== packAt && (packAt < 0 || i !== packAt + 1));
if (files.length === 0 || (packAt >= 0 && !packFile)) {
  console.error('usage: npm run sites:check -- [--json] [--pack pack.json] <page.html>…');
  process.exit(2);
}
let pack: SitePack | null = null;
if (packFile) {
  const parsed = SitePackSchema.safeParse(JSON.parse(readFileSync(packFile, 'utf8')));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${packFile}: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  pack = parsed.data;
}

const probe = await bundleProbe();
const browser = await launchChecker();
const reports: FileReport[] = [];
try {
  for (const file of files) {
    const report = await checkPage(browser, probe, file, pack);
    reports.push(report);
    console.log(json ? JSON.stringify(report) : formatReport(report));
  }
} finally {
  await browser.close();
}
process.exitCode = reports.some((report) => report.problems.length) ? 1 : 0;
