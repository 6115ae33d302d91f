import { storage } from 'wxt/utils/storage';
import type { SitePack } from '@/lib/contract/site-pack';
import { HUB_SITE_PACK_KEY } from '@/lib/settings/local-keys';

/** The newest site pack the hub served, validated by the background before it was stored (lib/sync/sync.ts). */
export interface StoredSitePack {
  pack: SitePack;
  etag?: string;
  fetchedAt: number;
}

/**
 * Written by the sync, read and watched by every content script (lib/browser/local-value.ts): a corrected pack
 * applies to open tabs without a reload.
 */
export const hubSitePackItem = storage.defineItem<StoredSitePack | null>(`local:${HUB_SITE_PACK_KEY}`, {
  fallback: null,
});
