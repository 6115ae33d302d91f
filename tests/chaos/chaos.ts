// `npm run chaos`: the participation outbox under failure. The built extension runs in Chromium, enrolled with a
// real hub behind a loopback proxy.
//
//   0. live (untimed): 1,000 warm-up events are produced with the hub reachable behind 5 % faults, and the hub is
//      killed (-9) mid-ingest and restarted; they must all arrive exactly once (reported as "warmup");
//   1. queue: the hub is unreachable (the proxy refuses connections); 10,000 events are recorded through the
//      extension's own message path, while its service worker is terminated (CDP) and the hub is killed (-9) and
//      restarted;
//   2. drain (timed): the hub is reachable again, behind 5 % injected faults (half 500s, half requests forwarded
//      to the hub whose answer is withheld until the client gives up); the service worker is terminated once more
//      half way. On Postgres (CHAOS_DATABASE_URL or SPOKE_TEST_DATABASE_URL: a cluster URL), the hub's database also
//      goes away for 5 s a quarter of the way in, as a restart or failover would (every connection cut, new ones
//      refused), and once more in phase 0 while the warm-up events flow.
//
// The issue puts the crashes and the offline spell while events are produced, and times the drain "once the hub is
// back": so the hub's crash mid-ingest runs in phase 0, before the clock starts, not inside drain_s (a hub restart
// takes seconds that say nothing about the outbox).
//
// Ends with one JSON line {"sent", "stored", "duplicates", "lost", "drain_s", …} over the 10,000 queued events:
// sent = events the extension accepted, stored = distinct events at the hub, duplicates = events stored twice under
// another id (same device sequence), lost = sent events missing at the hub, drain_s = from the hub being back (and
// the member's first action, which wakes a stopped worker) to an empty outbox with everything stored.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { launchChromium } from '../e2e/browser';
import { startHub } from '../e2e/hub';
import { deviceToken, hubEvents } from '../e2e/sync/flows';
import { type ChaosDatabase, freshDatabase } from './database';
import { startChaosProxy } from './proxy';

const EVENTS = Number(process.env.CHAOS_EVENTS ?? 10_000);
const WARMUP_EVENTS = Number(process.env.CHAOS_WARMUP_EVENTS ?? 1_000);
const root = path.resolve(import.meta.dirname, '../..');
const log = (line: string) => console.log(`[chaos +${((performance.now() - t0) / 1000).toFixed(1)} s] ${line}`);
const t0 = performance.now();

/**
 * Reads the extension's database from its options page, over one connection kept open (opening one per look costs
 * more than the look). `read` is the body of a function of `db` returning a request, as a string (see `produce`).
 */
function readDb<T>(page: Page, read: string): Promise<T> {
  return page.evaluate(`(async () => {
    window.__spokeDb ??= new Promise((resolve, reject) => {
      const open = indexedDB.open('spoke');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        open.result.onversionchange = () => { open.result.close(); window.__spokeDb = undefined; };
        resolve(open.result);
      };
    });
    const db = await window.__spokeDb;
    return new Promise((resolve, reject) => {
      const request = ((db) => { ${read} })(db);
      request.onerror = () => reject(request.error);
      request.onsuccess = () => resolve(request.result);
    });
  })()`);
}

const syncState = (page: Page) =>
  readDb<{ value?: unknown } | undefined>(
    page,
    "return db.transaction('settings').objectStore('settings').get('sync');",
  ).then((row) => row?.value);
const deviceSeq = (page: Page) =>
  readDb<{ value?: number } | undefined>(
    page,
    "return db.transaction('settings').objectStore('settings').get('seq');",
  ).then((row) => row?.value ?? 0);
/** Counting walks the whole store: done once a second, for the log. */
const outboxCount = (page: Page) =>
  readDb<number>(page, "return db.transaction('outbox').objectStore('outbox').count();");
/** Whether anything is left: one key looked at, cheap enough to ask ten times a second. */
const outboxEmpty = (page: Page) =>
  readDb<unknown>(page, "return db.transaction('outbox').objectStore('outbox').openKeyCursor();").then(
    (cursor) => cursor === null,
  );

/**
 * Sends `count` messages the way Spoke's pages do, 20 in flight at once, retrying a message that failed while the
 * worker restarted (as a page would); returns how many were accepted. The in-page code is a string: tsx would
 * otherwise wrap its inner functions in a helper that does not exist in the page.
 */
function produce(page: Page, from: number, count: number): Promise<number> {
  return page.evaluate(`(async () => {
    let accepted = 0;
    const one = async (i) => {
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = await chrome.runtime
          .sendMessage({ type: 'suggestions-shown', network: i % 2 ? 'x' : 'linkedin', count: 1 + (i % 100) })
          .catch(() => null);
        if (answer && answer.ok) { accepted++; return; }
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    for (let i = ${from}; i < ${from + count}; i += 20) {
      const batch = [];
      for (let k = i; k < Math.min(i + 20, ${from + count}); k++) batch.push(one(k));
      await Promise.all(batch);
    }
    return accepted;
  })()`);
}

/** What a member's click in Spoke's popup sends; any message also wakes a stopped worker (retried until it does). */
function sendFromPage(page: Page, type: 'sync-now' | 'ping'): Promise<unknown> {
  return page.evaluate(`(async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await chrome.runtime.sendMessage({ type: '${type}' }).catch(() => null);
      if (answer) return answer;
      await new Promise((r) => setTimeout(r, 100));
    }
  })()`);
}

async function stopServiceWorker(page: Page): Promise<boolean> {
  const cdp = await page.context().newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (worker) {
    await cdp.send('Target.closeTarget', { targetId: worker.targetId }).catch(() => undefined);
    // Wait until it is really gone: a message sent to a worker still shutting down is answered by it and then lost
    // with it, and nothing would wake the next one but an alarm (a stall of up to a minute, seen once).
    for (let i = 0; i < 50; i++) {
      const { targetInfos: now } = await cdp.send('Target.getTargets');
      if (!now.some((t) => t.targetId === worker.targetId)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await cdp.detach();
  return !!worker;
}

execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, WXT_E2E: '1' } });
// One member sends 10,000 events within minutes here: lift the hub's per-member hourly cap (5,000 by default, a
// guard against forged participation), which would otherwise answer 429 with a long Retry-After, by design. Twice
// the events, not more: a retried batch is not charged again, so retries alone must never reach the cap.
const clusterUrl = process.env.CHAOS_DATABASE_URL ?? process.env.SPOKE_TEST_DATABASE_URL;
const database: ChaosDatabase | null = clusterUrl ? await freshDatabase(clusterUrl) : null;
log(database ? 'hub on Postgres: the database restart is among the faults' : 'hub on PGlite (no database restart)');
/** The database away for `ms`, as an operator's restart would take it; resolves once it is back. */
const restartDatabase = async (ms: number) => {
  if (!database) return;
  await database.away();
  log(`database away (connections cut, new ones refused) for ${ms / 1000} s`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  await database.back();
  log('database back');
};
const hub = await startHub({
  SPOKE_MEMBER_EVENTS_PER_HOUR: String(EVENTS * 2),
  ...(database ? { DATABASE_URL: database.url } : {}),
});
const proxy = await startChaosProxy(() => hub.url);
const browser = await launchChromium({ extension: true });
const watchWorker = (worker: { on(event: 'console', listener: (m: { text(): string }) => void): void }) =>
  worker.on('console', (message) => log(`worker: ${message.text()}`));
browser.context.on('serviceworker', watchWorker);
if (browser.serviceWorker) watchWorker(browser.serviceWorker);
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.getByLabel('Hub address').fill(proxy.url);
  await page.getByLabel('Invite code').fill(hub.advocateCode);
  await page.getByLabel('Your name, as your colleagues know you').fill('Casey Chaos');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('button', { name: 'I agree' }).click();
  await page.getByRole('heading', { name: /Connected to/ }).waitFor();
  const token = await deviceToken(page);
  log(`enrolled through the proxy at ${proxy.url}`);

  // 0. Live: events flow while they are produced; the hub crashes mid-ingest and comes back (not timed).
  proxy.setFaults(0.025, 0.025);
  const half = Math.floor(WARMUP_EVENTS / 2);
  let warmupSent = await produce(page, 0, half);
  await hub.stop(true);
  log(`${warmupSent} warm-up events recorded, ${await outboxCount(page)} still queued; hub killed (-9) mid-ingest`);
  warmupSent += await produce(page, half, WARMUP_EVENTS - half);
  await hub.restart();
  log(`${warmupSent} warm-up events recorded; hub restarted`);
  void sendFromPage(page, 'sync-now').catch(() => undefined);
  await restartDatabase(5_000);
  for (let waited = 0; !(await outboxEmpty(page)); waited += 100) {
    if (waited > 120_000) throw new Error('the warm-up events never left the outbox');
    await new Promise((r) => setTimeout(r, 100));
  }
  const warmupSeq = await deviceSeq(page);
  log(`warm-up delivered; proxy ${JSON.stringify(proxy.stats)}`);

  // 1. Queue everything while the hub can't be reached, with the worker and the hub crashing meanwhile.
  proxy.setFaults(0, 0);
  proxy.setMode('offline');
  let sent = 0;
  const third = Math.floor(EVENTS / 3);
  sent += await produce(page, 0, third);
  log(`${sent} recorded; terminating the service worker: ${await stopServiceWorker(page)}`);
  sent += await produce(page, third, third);
  await hub.stop(true);
  log(`${sent} recorded; hub killed (-9)`);
  await hub.restart();
  log('hub restarted (still unreachable behind the proxy)');
  sent += await produce(page, 2 * third, EVENTS - 2 * third);
  const queued = await outboxCount(page);
  log(`${sent} recorded, ${queued} queued in the outbox`);

  // 2. Drain: the hub is back behind 5 % faults; the worker is stopped once half way.
  const faultsBefore = { ...proxy.stats };
  proxy.setFaults(0.025, 0.025);
  proxy.setMode('online');
  const drainStart = performance.now();
  // The member's next action (here: Sync now) wakes the worker, which syncs on start anyway.
  void sendFromPage(page, 'sync-now').catch(() => undefined);
  let stopped = false;
  let databaseRestart: Promise<void> | undefined;
  for (let tick = 1; ; tick++) {
    await new Promise((r) => setTimeout(r, 100));
    if (await outboxEmpty(page)) break;
    const elapsed = performance.now() - drainStart;
    if (tick % 10 === 0) {
      const left = await outboxCount(page);
      const state = (await syncState(page)) as { retryAt?: number; failures?: number; lastError?: string } | undefined;
      const retryIn = state?.retryAt ? ((state.retryAt - Date.now()) / 1000).toFixed(1) : '-';
      log(
        `draining: ${left} left; failures ${state?.failures}, retry in ${retryIn} s, last error: ${state?.lastError}`,
      );
      if (!databaseRestart && left < queued * 0.75) databaseRestart = restartDatabase(5_000);
      if (!stopped && left < queued * 0.5) {
        stopped = true;
        log(`service worker terminated with ${left} left: ${await stopServiceWorker(page)}`);
        void sendFromPage(page, 'ping').catch(() => undefined);
      }
    }
    if (elapsed > 120_000) {
      log(`gave up with ${await outboxCount(page)} events still queued`);
      break;
    }
  }
  const drainS = (performance.now() - drainStart) / 1000;
  await databaseRestart;
  const injected = Object.fromEntries(
    Object.entries(proxy.stats).map(([k, v]) => [k, v - faultsBefore[k as keyof typeof faultsBefore]]),
  );
  log(`outbox empty after ${drainS.toFixed(2)} s; proxy during the drain ${JSON.stringify(injected)}`);

  proxy.setFaults(0, 0);
  const shown = (await hubEvents(hub, token)).filter((e) => e.type === 'suggestion_shown');
  const tally = (events: typeof shown, produced: number) => {
    const seqs = new Set(events.map((e) => e.seq));
    return {
      sent: produced,
      stored: new Set(events.map((e) => e.id)).size,
      duplicates: events.length - seqs.size,
      lost: Math.max(0, produced - seqs.size),
    };
  };
  const warmup = tally(
    shown.filter((e) => e.seq <= warmupSeq),
    warmupSent,
  );
  const run = tally(
    shown.filter((e) => e.seq > warmupSeq),
    sent,
  );
  console.log(
    JSON.stringify({
      ...run,
      drain_s: Number(drainS.toFixed(2)),
      injected,
      warmup,
      database: database ? 'postgres, restarted twice' : 'pglite',
    }),
  );
  const exact = (t: typeof run) => t.stored === t.sent && t.duplicates === 0 && t.lost === 0;
  process.exitCode = exact(run) && exact(warmup) ? 0 : 1;
} finally {
  await browser.close();
  await proxy.close();
  await hub.dispose();
  await database?.drop();
}
