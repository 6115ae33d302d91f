import type { Browser } from 'wxt/browser';
import { networkOfUrl } from '@/lib/sites/hosts';

/** A content script in a tab of one of the sites (https, the hosts of lib/sites/hosts.ts). */
export function fromComposerSite(sender: Browser.runtime.MessageSender): boolean {
  return !!sender.tab && networkOfUrl(sender.url) !== null;
}
