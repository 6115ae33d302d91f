// `npm run bench:e2e`: how Spoke feels while typing, in Chromium with the built extension on the Draft.js (X) and
// Quill (LinkedIn classic) fixtures, against the same pages without the extension in the same run.
//
//   keystroke → highlight state painted (User Timing mark "spoke:painted", set in the frame that paints)
//   keystroke → findings of that text back from the background and painted ("spoke:checked")
//   long tasks (> 50 ms) while typing 500 characters at a human pace (40 ms a key)
//   JS heap with a 3,000-character post open, minus the same page without the extension
//   content script size, gzip
//   composer appearing → Spoke's UI next to it, over every fixture composer a user opens (discovery)
//   cold: the first keystroke after the service worker was stopped → that text's findings painted ("spoke:checked";
//     the warm counterpart is roundtrip_*), over stop/type cycles, and in how many the worker had started by then
//
// Ends with one JSON line.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, launchChromium } from '../e2e/browser';
import { buildSites } from '../e2e/sites/build';
import { routeFixtureSites } from '../e2e/sites/serve';
import { HOST, installDiscoveryProbe } from '../e2e/smoke/discovery-probe';
import { linkedinClassic, linkedinNew, x } from '../e2e/smoke/variants';
import { workerStopper } from '../e2e/smoke/worker-stop';

const root = path.resolve(import.meta.dirname, '../..');
const KEY_DELAY_MS = 40;
/** Stop/type cycles per editor for the cold figures (two editors: enough for a p95). */
const COLD_CYCLES = 15;

interface EditorUnderTest {
  name: string;
  url: string;
  editor: string;
  open?: (page: Page) => Promise<void>;
}

const EDITORS: EditorUnderTest[] = [
  {
    name: 'draft',
    url: 'https://x.com/home',
    editor: '[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]',
  },
  {
    name: 'quill',
    url: 'https://www.linkedin.com/feed/',
    editor: '#interop-outlet .share-creation-state .ql-editor',
    open: (page) => page.getByRole('button', { name: 'Start a post' }).click(),
  },
];

/** 500 characters of an ordinary post with a few phrases the core pack flags, so highlights come and go. */
const TYPED = (
  'Proud of the team today. We shipped the new onboarding flow and the early numbers look damn good. ' +
  'Thanks to everyone who helped, we needed all the manpower we could get. Results are guaranteed to improve ' +
  'for every customer who tries it. Honestly the feedback so far has been great and we keep listening. ' +
  'If you want to know more, send me a message or find me at the conference next week. More soon, and ' +
  'thank you all for reading this far, it means a lot to the whole crew here at home.'
).slice(0, 500);
const LONG_POST = 'We shipped the new onboarding flow today and the team is proud of it. '.repeat(43).slice(0, 3_000);

declare global {
  interface Window {
    spokeBench?: { keys: number[]; painted: number[]; checked: number[]; longTasks: number[]; frames: number[] };
  }
}

/** Installed before any page script: timestamps of keystrokes, Spoke's marks, long tasks and the next frame. */
function installProbe(): void {
  const bench = {
    keys: [] as number[],
    painted: [] as number[],
    checked: [] as number[],
    longTasks: [] as number[],
    frames: [] as number[],
  };
  window.spokeBench = bench;
  addEventListener(
    'keydown',
    () => {
      const at = performance.now();
      bench.keys.push(at);
      requestAnimationFrame(() => bench.frames.push(performance.now() - at));
    },
    true,
  );
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === 'spoke:painted') bench.painted.push(entry.startTime);
      if (entry.name === 'spoke:checked') bench.checked.push(entry.startTime);
    }
  }).observe({ type: 'mark', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** For each keystroke, the delay to the first mark at or after it (before the next keystroke's mark window). */
function delays(keys: number[], marks: number[]): number[] {
  const out: number[] = [];
  let m = 0;
  for (const key of keys) {
    while (m < marks.length && (marks[m] as number) < key) m++;
    if (m < marks.length) out.push((marks[m] as number) - key);
  }
  return out;
}

async function jsHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
  return used / 1024 / 1024;
}

async function runEditor(extension: boolean, target: EditorUnderTest) {
  const browser = await launchChromium({ extension });
  try {
    await routeFixtureSites(browser.context);
    const page = await browser.context.newPage();
    await page.addInitScript(installProbe);
    await page.goto(target.url);
    if (target.open) await target.open(page);
    const editor = page.locator(target.editor);
    await editor.click();
    await page.waitForTimeout(500); // let the first (empty) check settle
    await page.evaluate(() => {
      const bench = window.spokeBench;
      if (bench) for (const list of Object.values(bench)) list.length = 0;
    });
    await page.keyboard.type(TYPED, { delay: KEY_DELAY_MS });
    await page.waitForTimeout(500);
    const probe = await page.evaluate(() => window.spokeBench);
    if (!probe) throw new Error('bench probe missing');

    // A 3,000-character post open, for the heap.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.insertText(LONG_POST);
    await page.waitForTimeout(1_000);
    const heap = await jsHeapMb(page);
    return {
      keystroke: delays(probe.keys, probe.painted),
      roundtrip: delays(probe.keys, probe.checked),
      frames: probe.frames,
      longTasks: probe.longTasks.filter((d) => d > 50).length,
      heap,
    };
  } finally {
    await browser.close();
  }
}

/**
 * The first keystroke after the extension's service worker was stopped (as chrome://serviceworker-internals' "Stop"
 * does, and as Chrome does after 30 s idle) → the findings of that text painted (`spoke:checked`), once per
 * stop/type cycle. Each cycle types only once DevTools reports the worker stopped.
 */
async function coldKeystrokes(target: EditorUnderTest, cycles: number) {
  const browser = await launchChromium({ extension: true });
  const extensionId = browser.extensionId;
  if (!extensionId) throw new Error('the extension did not start');
  const checked: number[] = [];
  const painted: number[] = [];
  /** Cycles whose keystroke started the worker before its findings were painted. */
  let woken = 0;
  try {
    await routeFixtureSites(browser.context);
    const page = await browser.context.newPage();
    await page.addInitScript(installProbe);
    await page.goto(target.url);
    if (target.open) await target.open(page);
    await page.locator(target.editor).click();
    await page.keyboard.type('Proud of the team today, damn good work. ', { delay: KEY_DELAY_MS });
    await page.waitForTimeout(500);

    const worker = await workerStopper(page, extensionId);
    for (let cycle = 0; cycle < cycles; cycle++) {
      await worker.stop();
      await page.evaluate(() => {
        const bench = window.spokeBench;
        if (bench) for (const list of Object.values(bench)) list.length = 0;
      });
      await page.keyboard.type(cycle % 2 === 0 ? 'a' : ' ');
      await page.waitForFunction(() => (window.spokeBench?.checked.length ?? 0) > 0, null, { timeout: 10_000 });
      const probe = await page.evaluate(() => window.spokeBench);
      const key = probe?.keys[0];
      if (!probe || key === undefined) throw new Error('bench probe missing');
      checked.push(...delays([key], probe.checked));
      painted.push(...delays([key], probe.painted));
      if (worker.status() !== 'stopped') woken += 1;
      await page.waitForTimeout(300); // a woken worker finishes starting before it is stopped again
    }
  } finally {
    await browser.close();
  }
  return { checked, painted, woken };
}

/** Each fixture composer a user opens (modals, replies, comments), opened once: ms until Spoke marked it. */
async function discoveryDelays(): Promise<number[]> {
  const browser = await launchChromium({ extension: true });
  const delays: number[] = [];
  try {
    await routeFixtureSites(browser.context);
    for (const variant of [...linkedinClassic, ...linkedinNew, ...x]) {
      if (!variant.open) continue;
      const page = await browser.context.newPage();
      await page.addInitScript(installDiscoveryProbe, HOST);
      if (variant.viewport) await page.setViewportSize(variant.viewport);
      await page.goto(variant.url);
      await page.waitForFunction(() => document.readyState === 'complete');
      await variant.open(page);
      const handle = await page.waitForFunction((id) => window.spokeProbe?.latency[id], variant.fixtureId, {
        timeout: 10_000,
      });
      delays.push(Number(await handle.jsonValue()));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return delays;
}

function contentScriptGzKb(): number {
  const sizes = ['linkedin.js', 'x.js'].map(
    (file) => gzipSync(readFileSync(path.join(EXTENSION_DIR, 'content-scripts', file)), { level: 9 }).length,
  );
  return Math.max(...sizes) / 1024;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, WXT_E2E: '1' } });
await buildSites();

const keystroke: number[] = [];
const roundtrip: number[] = [];
const baselineFrames: number[] = [];
let longTasks = 0;
let baselineLongTasks = 0;
const heapDelta: number[] = [];
for (const target of EDITORS) {
  const withSpoke = await runEditor(true, target);
  const without = await runEditor(false, target);
  keystroke.push(...withSpoke.keystroke);
  roundtrip.push(...withSpoke.roundtrip);
  baselineFrames.push(...without.frames);
  longTasks += withSpoke.longTasks;
  baselineLongTasks += without.longTasks;
  heapDelta.push(withSpoke.heap - without.heap);
  console.log(
    `${target.name}: keystroke p50 ${round(percentile(withSpoke.keystroke, 50))} ms, p95 ${round(percentile(withSpoke.keystroke, 95))} ms ` +
      `(${withSpoke.keystroke.length} keys); round trip p95 ${round(percentile(withSpoke.roundtrip, 95))} ms; ` +
      `long tasks ${withSpoke.longTasks} (page alone ${without.longTasks}); heap +${round(withSpoke.heap - without.heap)} MB ` +
      `(${round(withSpoke.heap)} vs ${round(without.heap)} MB); page's own key→frame p95 ${round(percentile(without.frames, 95))} ms`,
  );
}

// Cold: the same editors, each keystroke the first after the extension's service worker was stopped.
const coldChecked: number[] = [];
let coldWoken = 0;
for (const target of EDITORS) {
  const cold = await coldKeystrokes(target, COLD_CYCLES);
  coldChecked.push(...cold.checked);
  coldWoken += cold.woken;
  console.log(
    `${target.name} cold: keystroke → its findings painted p50 ${round(percentile(cold.checked, 50))} ms, ` +
      `p95 ${round(percentile(cold.checked, 95))} ms (${cold.checked.length} stop/type cycles); ` +
      `the earlier findings repainted p95 ${round(percentile(cold.painted, 95))} ms; ` +
      `the worker started in ${cold.woken} of them before the findings were painted`,
  );
}
console.log(
  `warm, same run: keystroke → its findings painted p50 ${round(percentile(roundtrip, 50))} ms, ` +
    `p95 ${round(percentile(roundtrip, 95))} ms`,
);

const discovery = await discoveryDelays();
console.log(
  `discovery: p50 ${round(percentile(discovery, 50))} ms, p95 ${round(percentile(discovery, 95))} ms ` +
    `(${discovery.length} composers opened)`,
);

const frameP95 = percentile(baselineFrames, 95);
const keystrokeP95 = percentile(keystroke, 95);
console.log(
  JSON.stringify({
    keystroke_p50_ms: round(percentile(keystroke, 50)),
    keystroke_p95_ms: round(keystrokeP95),
    long_tasks: longTasks,
    roundtrip_p95_ms: round(percentile(roundtrip, 95)),
    content_script_gz_kb: round(contentScriptGzKb(), 1),
    heap_mb: round(Math.max(...heapDelta)),
    baseline_frame_p95_ms: round(frameP95),
    keystroke_vs_frame_ratio: round(keystrokeP95 / frameP95),
    baseline_long_tasks: baselineLongTasks,
    discovery_p95_ms: round(percentile(discovery, 95)),
    composers_opened: discovery.length,
    cold_keystroke_p50_ms: round(percentile(coldChecked, 50)),
    cold_keystroke_p95_ms: round(percentile(coldChecked, 95)),
    cold_cycles: coldChecked.length,
    cold_worker_started: coldWoken,
  }),
);
