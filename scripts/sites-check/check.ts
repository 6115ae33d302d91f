// Loads saved pages (a browser's "Save page as") in Debian Chromium, scripts off and network closed, and runs
// ./probe.ts in each: the real adapter definitions of lib/sites, matched like the composer watcher does.
// Used by scripts/sites-check.ts (`npm run sites:check`) and tests/e2e/sites/captures.spec.ts.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { build } from 'vite';
import type { SitePack } from '../../lib/contract/site-pack';
import { findChromium } from '../../tests/e2e/browser';
import type { PageReport } from './report';

const root = path.resolve(import.meta.dirname, '../..');

export interface FileReport extends PageReport {
  file: string;
  /** Why the page fails the check; empty when it passes. */
  problems: string[];
}

/** The probe as one classic script (an IIFE), bundled in memory. */
export async function bundleProbe(): Promise<string> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(import.meta.dirname, 'probe.ts'), formats: ['iife'], name: 'spokeSitesProbeBundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as { output?: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output ?? []).find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('sites:check: bundling the probe produced no code');
  return chunk.code;
}

export async function launchChecker(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install --no-install-recommends chromium');
  return chromium.launch({ executablePath, headless: true, args: ['--disable-gpu', '--no-first-run'] });
}

function problemsOf(report: PageReport): string[] {
  const problems: string[] = [];
  const shown = report.adapters.flatMap((a) => a.definitions).reduce((sum, d) => sum + d.shown, 0);
  if (shown === 0) problems.push('no composer recognised');
  for (const el of report.unmatched) if (el.postSized) problems.push(`unrecognised editable: ${el.element}`);
  return problems;
}

/** Checks one saved page. Its scripts never run (they would fail offline and may rebuild the DOM). */
export async function checkPage(
  browser: Browser,
  probe: string,
  file: string,
  pack: SitePack | null = null,
): Promise<FileReport> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    // Only the page and its "_files" folder load: the machine may be offline and the check must not call the site.
    await context.route('**/*', (route) =>
      /^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    const report = (await page.evaluate(
      `(() => { ${probe}\n; return globalThis.spokeSitesProbe(${JSON.stringify(path.basename(file))}, ${JSON.stringify(pack)}); })()`,
    )) as PageReport;
    return { file, ...report, problems: problemsOf(report) };
  } finally {
    await context.close();
  }
}

/** A readable table: one row per composer definition, then the editables no definition recognised. */
export function formatReport(report: FileReport): string {
  const packs = [...new Set(report.adapters.map((a) => a.sitePack))].join(', ');
  const lines = [`${report.problems.length ? '✘' : '✔'} ${report.file} (site pack ${packs})`];
  const rows = report.adapters.flatMap((a) =>
    a.definitions.map((d) => [
      a.network,
      d.id,
      `${d.editors}`,
      `${d.shown}`,
      d.postKinds.join(',') || '-',
      d.editors ? `${d.postButtons}/${d.editors}` : '-',
    ]),
  );
  const header = ['site', 'definition', 'editors', 'shown', 'postKind', 'post button'];
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]?.length ?? 0)));
  for (const row of table) lines.push(`    ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd());
  for (const el of report.unmatched) {
    const where = [
      el.shown ? 'shown' : 'hidden',
      el.postSized ? 'post-sized' : '',
      el.inShadowRoot ? 'shadow' : '',
      el.fallback ? `the fallback ${el.fallback} takes it on focus` : '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`    unmatched: ${el.element} (${where})`);
  }
  for (const problem of report.problems) lines.push(`    problem: ${problem}`);
  return lines.join('\n');
}
