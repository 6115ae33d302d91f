import { storage } from 'wxt/utils/storage';
import type { Network } from '@/lib/contract/common';

export type SiteSwitches = Record<Network, boolean>;

/** Per-site switches from the settings page: Spoke stays quiet on a site switched off. */
export const siteSwitchesItem = storage.defineItem<SiteSwitches>('local:siteSwitches', {
  fallback: { linkedin: true, x: true },
});
