import { storage } from 'wxt/utils/storage';
import { SITE_SWITCHES_DEFAULT, SITE_SWITCHES_KEY, type SiteSwitches } from './local-keys';

export type { SiteSwitches } from './local-keys';

/** Per-site switches from the settings page: Spoke stays quiet on a site switched off. */
export const siteSwitchesItem = storage.defineItem<SiteSwitches>(`local:${SITE_SWITCHES_KEY}`, {
  fallback: SITE_SWITCHES_DEFAULT,
});
