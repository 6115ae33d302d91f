import { storage } from 'wxt/utils/storage';

/**
 * The member says their X account posts long posts (X Premium: up to 25,000 characters), set on the options page.
 * X's composer shows no limit Spoke could read (its counter is a ring without a number until the last characters),
 * so the member's word decides LEN-001 and the side panel's counter (lib/networks/post-length.ts).
 */
export const xPremiumItem = storage.defineItem<boolean>('local:xPremium', { fallback: false });
