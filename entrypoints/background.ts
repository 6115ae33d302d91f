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
    void handleBackgroundMessage(raw, sender, services).then(sendResponse);
    return true; // the answer is async: keep the channel open
  });
});
