import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleBackgroundMessage } from '@/lib/messaging/router';
import { createGuidelineService } from '@/lib/policy/guideline-service';

export default defineBackground(() => {
  const guidelines = createGuidelineService();
  const services = {
    id: browser.runtime.id,
    version: browser.runtime.getManifest().version,
    checkDraft: guidelines.checkDraft,
    muteRule: guidelines.muteRule,
  };
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    handleBackgroundMessage(raw, sender, services).then(sendResponse, (error: unknown) => {
      // Never log the message itself: it may hold draft text.
      console.error('Spoke: a background message failed', error instanceof Error ? error.message : typeof error);
      sendResponse({ ok: false, error: 'Spoke could not answer; it will try again.' });
    });
    return true; // the answer is async: keep the channel open
  });
});
