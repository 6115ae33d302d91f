// Stops the extension's service worker the way chrome://serviceworker-internals' "Stop" does (and Chrome does after
// 30 s idle), for the cold-worker spec and the latency bench.
import type { Page } from '@playwright/test';

export interface WorkerStopper {
  /** Stops every service worker of the profile and resolves once DevTools reports the extension's stopped. */
  stop(): Promise<void>;
  /** Starts the extension's worker again and resolves once it runs (later tests of the same browser evaluate in it). */
  start(): Promise<void>;
  /** The extension worker's running status as DevTools last reported it ('stopped', 'starting', 'running'…). */
  status(): string | undefined;
}

/** Over a CDP session of `page`: the ServiceWorker domain is on page targets (not the browser's) and reaches the
 * profile's workers, the extension's included. */
export async function workerStopper(page: Page, extensionId: string): Promise<WorkerStopper> {
  const workerUrl = `chrome-extension://${extensionId}/`;
  const cdp = await page.context().newCDPSession(page);
  const running = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const version of versions) {
      if (version.scriptURL.startsWith(workerUrl)) running.set(version.versionId, version.runningStatus);
    }
  });
  await cdp.send('ServiceWorker.enable');
  const all = (status: string) => running.size > 0 && [...running.values()].every((s) => s === status);
  /** Sends `command` until DevTools reports `status` (a worker still starting may miss a stop), 15 s at most. */
  const until = async (status: string, command: () => Promise<unknown>) => {
    const deadline = Date.now() + 15_000;
    while (!all(status)) {
      if (Date.now() > deadline) throw new Error(`the service worker is not ${status}: ${[...running.values()]}`);
      await command();
      for (let waited = 0; waited < 1_000 && !all(status); waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  };
  return {
    stop: () => until('stopped', () => cdp.send('ServiceWorker.stopAllWorkers')),
    start: () => until('running', () => cdp.send('ServiceWorker.startWorker', { scopeURL: workerUrl })),
    status: () => [...running.values()].at(-1),
  };
}
