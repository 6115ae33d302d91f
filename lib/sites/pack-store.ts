import { storage } from 'wxt/utils/storage';
import type { SitePack } from '@/lib/contract/site-pack';

/** The newest site pack the hub served, validated by the background before it was stored (lib/sync/sync.ts). */
export interface StoredSitePack {
  pack: SitePack;
  etag?: string;
  fetchedAt: number;
}

/** Read by every content script and watched, so a corrected pack applies to open tabs without a reload. */
export const hubSitePackItem = storage.defineItem<StoredSitePack | null>('local:hubSitePack', { fallback: null });
