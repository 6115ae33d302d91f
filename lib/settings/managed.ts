import { storage } from 'wxt/utils/storage';
import { readManagedStorage, watchManagedStorage } from '@/lib/browser/managed-storage';
import { MANAGED_SITE_RULES_KEY } from './local-keys';
import { type ManagedSettings, parseManagedSettings } from './managed-schema';
import type { ManagedSiteRules } from './site-rules';

export type { ManagedSettings } from './managed-schema';

/** The settings the organisation set through browser management, validated (an unusable one is left out). */
export async function readManagedSettings(): Promise<ManagedSettings> {
  return parseManagedSettings(await readManagedStorage());
}

/** Calls `listener` with the validated settings whenever the organisation changes them. Returns the unwatch. */
export function watchManagedSettings(listener: (settings: ManagedSettings) => void): () => void {
  return watchManagedStorage((raw) => listener(parseManagedSettings(raw)));
}

const managedSiteRulesItem = storage.defineItem<ManagedSiteRules>(`local:${MANAGED_SITE_RULES_KEY}`, { fallback: {} });

function siteRulesOf({ sites, memberMayTurnOffSites }: ManagedSettings): ManagedSiteRules {
  return { ...(sites && { sites }), ...(memberMayTurnOffSites !== undefined && { memberMayTurnOffSites }) };
}

/**
 * Keeps the organisation's last known site rules where content scripts read them at once (MANAGED_SITE_RULES_KEY):
 * now, and whenever the organisation changes its settings. Returns the unwatch.
 */
export function mirrorManagedSiteRules(): () => void {
  void readManagedSettings().then((settings) => managedSiteRulesItem.setValue(siteRulesOf(settings)));
  return watchManagedSettings((settings) => void managedSiteRulesItem.setValue(siteRulesOf(settings)));
}
