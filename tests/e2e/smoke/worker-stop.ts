// Stops the extension's service worker the way chrome://serviceworker-internals' "Stop" does (and Chrome does after
// 30 s idle), for the cold-worker spec and the latency bench.
import type { Page } from '@playwright/test';

export interface WorkerStopper {
  /** Stops every service worker of the profile and resolves once DevTools reports the extension's stopped. */
  stop(): Promise<void>;
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
  const stopped = () => running.size > 0 && [...running.values()].every((status) => status === 'stopped');
  return {
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 10_000;
      while (!stopped()) {
        if (Date.now() > deadline) throw new Error(`the service worker did not stop: ${[...running.values()]}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    status: () => [...running.values()].at(-1),
  };
}
