import type { Network } from '@/lib/contract/common';

// Keys of storage.local the content scripts read without the storage library (lib/browser/local-value.ts); the
// storage items that write them (lib/settings/site-switches.ts, lib/sites/pack-store.ts, lib/settings/managed.ts)
// are built on these.

export type SiteSwitches = Record<Network, boolean>;

/** The per-site switches of the settings page. */
export const SITE_SWITCHES_KEY = 'siteSwitches';
export const SITE_SWITCHES_DEFAULT: SiteSwitches = { linkedin: true, x: true };

/** The newest site pack the hub served (lib/sites/pack-store.ts). */
export const HUB_SITE_PACK_KEY = 'hubSitePack';

/**
 * The organisation's site rules as last read from managed storage (lib/settings/site-rules.ts), kept by the
 * background: the browser answers managed storage only once it has the extension's policy, seconds after it starts,
 * and a content script must not wait that long to decide whether Spoke runs on its page.
 */
export const MANAGED_SITE_RULES_KEY = 'managedSiteRules';
