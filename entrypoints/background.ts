import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { handleBackgroundMessage } from '@/lib/messaging/router';

export default defineBackground(() => {
  const self = { id: browser.runtime.id, version: browser.runtime.getManifest().version };
  browser.runtime.onMessage.addListener((raw, sender, sendResponse) => {
    void handleBackgroundMessage(raw, sender, self).then(sendResponse);
    return true; // the answer is async: keep the channel open
  });
});
