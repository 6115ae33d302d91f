import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { keepCheckerCurrent } from '@/lib/background/offscreen';
import { startSyncScheduler } from '@/lib/background/scheduler';
import { createBackgroundServices, loadSyncedPolicy } from '@/lib/background/services';
import type { Refusal } from '@/lib/contract/messages';
import { handleBackgroundMessage } from '@/lib/messaging/router';
import { createGuidelineService } from '@/lib/policy/guideline-service';
import { mirrorManagedSiteRules } from '@/lib/settings/managed';

export default defineBackground(() => {
  const guidelines = createGuidelineService(undefined, (service) => loadSyncedPolicy(service));
  keepCheckerCurrent(guidelines);
  mirrorManagedSiteRules();
  let retryAt: number | undefined;
  const services = createBackgroundServices(guidelines, (result) => {
    retryAt = result.retryAt;
  });
  const scheduler = startSyncScheduler(async () => {
    await services.syncNow();
    return { retryAt };
  });

  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    // New events are flushed right away (the scheduler coalesces bursts).
    handleBackgroundMessage(raw, sender, services, { eventsRecorded: scheduler.syncSoon }).then(
      (answer) => sendResponse(answer),
      (error: unknown) => {
        // Never log the message itself: it may hold draft text.
        console.error('Spoke: a background message failed', error instanceof Error ? error.message : typeof error);
        sendResponse({
          ok: false,
          code: 'failed',
          error: 'Spoke could not answer; it will try again.',
        } satisfies Refusal);
      },
    );
    return true; // the answer is async: keep the channel open
  });
});
