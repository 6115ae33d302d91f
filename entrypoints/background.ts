import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { startSyncScheduler } from '@/lib/background/scheduler';
import { createBackgroundServices, loadSyncedPolicy } from '@/lib/background/services';
import { handleBackgroundMessage } from '@/lib/messaging/router';
import { createGuidelineService } from '@/lib/policy/guideline-service';

/** Requests that add events to the outbox. */
const RECORDS_EVENTS = new Set([
  'post-published',
  'share',
  'suggestions-shown',
  'consent',
  'guideline-feedback',
  'reach-seen',
  'post-linked',
]);

export default defineBackground(() => {
  const guidelines = createGuidelineService();
  void loadSyncedPolicy(guidelines);
  let retryAt: number | undefined;
  const services = createBackgroundServices(guidelines, (result) => {
    retryAt = result.retryAt;
  });
  const scheduler = startSyncScheduler(async () => {
    await services.syncNow();
    return { retryAt };
  });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    handleBackgroundMessage(raw, sender, services).then(
      (answer) => {
        sendResponse(answer);
        // New events are flushed right away (the scheduler coalesces bursts).
        if (answer.ok && RECORDS_EVENTS.has((raw as { type?: string })?.type ?? '')) scheduler.syncSoon();
      },
      (error: unknown) => {
        // Never log the message itself: it may hold draft text.
        console.error('Spoke: a background message failed', error instanceof Error ? error.message : typeof error);
        sendResponse({ ok: false, error: 'Spoke could not answer; it will try again.' });
      },
    );
    return true; // the answer is async: keep the channel open
  });
});
