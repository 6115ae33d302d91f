import { browser } from 'wxt/browser';
import { onSyncSettled } from '@/lib/sync/sync';

/** How often Spoke syncs on its own; the member can set it, never below 30 s (Chrome's alarm floor). */
const SYNC_PERIOD_MINUTES = 15;
const SYNC_ALARM = 'spoke-sync';
const RETRY_ALARM = 'spoke-retry';
/** Below this, a retry waits in a timer (the worker stays up meanwhile); above, in an alarm that survives it. */
const ALARM_FLOOR_MS = 30_000;

/**
 * Runs `sync` at start, every SYNC_PERIOD_MINUTES, when the browser comes back online, and at the time a failed
 * flush asked to retry (backoff or the hub's Retry-After). One sync at a time; a request during one runs after it.
 */
export function startSyncScheduler(sync: () => Promise<{ retryAt?: number } | undefined>): { syncSoon(): void } {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const scheduleRetry = (retryAt: number | undefined) => {
    clearTimeout(timer);
    if (retryAt === undefined) {
      void browser.alarms.clear(RETRY_ALARM);
      return;
    }
    const wait = Math.max(0, retryAt - Date.now());
    if (wait < ALARM_FLOOR_MS) timer = setTimeout(syncSoon, wait);
    // Always an alarm too: a timer dies with the worker, which the browser may stop at any time.
    void browser.alarms.create(RETRY_ALARM, { when: Math.max(retryAt, Date.now() + ALARM_FLOOR_MS) });
  };

  function syncSoon(): void {
    if (running) {
      again = true;
      return;
    }
    // A watchdog: if the browser stops the worker mid-sync, this alarm wakes it to finish.
    void browser.alarms.create(RETRY_ALARM, { when: Date.now() + ALARM_FLOOR_MS });
    running = sync()
      .then((result) => scheduleRetry(result?.retryAt))
      .catch((error: unknown) => {
        // The sync layer keeps hub errors for the popup; anything else is a bug worth a line in the worker's log.
        console.error('Spoke: sync failed', error instanceof Error ? error.message : typeof error);
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          syncSoon();
        }
      });
  }

  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM) syncSoon();
  });
  // A sync the member started (Sync now) runs outside the scheduler: its failure must still arm the retry.
  onSyncSettled((result) => {
    if (!running) scheduleRetry(result.retryAt);
  });
  globalThis.addEventListener?.('online', syncSoon);
  syncSoon();
  return { syncSoon };
}
