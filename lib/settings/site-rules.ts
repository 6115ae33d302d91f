import { SITE_SWITCHES_DEFAULT, type SiteSwitches } from './local-keys';

// The organisation's word on the per-site switches, merged with the member's own. No zod here: the content scripts
// import this file and carry no schema library (bench:e2e's content_script_gz_kb), so they read the two settings
// they need with `managedSiteRules`, which accepts exactly what lib/settings/managed-schema.ts accepts for them
// (tests/unit/settings/managed.test.ts checks that the two agree).

/** The part of the managed settings about sites (lib/settings/managed-schema.ts). */
export interface ManagedSiteRules {
  sites?: Partial<SiteSwitches>;
  memberMayTurnOffSites?: boolean;
}

/** A switch the organisation holds: `off` (the site is off for good), `on` (the member may not turn it off). */
export type SiteLock = 'on' | 'off' | null;

export function siteLock(rules: ManagedSiteRules, network: keyof SiteSwitches): SiteLock {
  if (rules.sites?.[network] === false) return 'off';
  if (rules.memberMayTurnOffSites === false) return 'on';
  return null;
}

/** Where Spoke runs: the organisation's locks first, the member's own switches for the rest. */
export function effectiveSiteSwitches(own: SiteSwitches, rules: ManagedSiteRules): SiteSwitches {
  const effective = { ...own };
  for (const network of Object.keys(SITE_SWITCHES_DEFAULT) as Array<keyof SiteSwitches>) {
    const lock = siteLock(rules, network);
    if (lock) effective[network] = lock === 'on';
  }
  return effective;
}

/** The site rules out of raw managed storage, for the content scripts; anything malformed counts as not set. */
export function managedSiteRules(raw: unknown): ManagedSiteRules {
  const record = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const managed = record(raw);
  if (!managed) return {};
  const rules: ManagedSiteRules = {};
  const sites = record(managed.sites);
  for (const network of Object.keys(SITE_SWITCHES_DEFAULT) as Array<keyof SiteSwitches>) {
    const on = sites && Object.hasOwn(sites, network) ? sites[network] : undefined;
    if (typeof on === 'boolean') rules.sites = { ...rules.sites, [network]: on };
  }
  if (typeof managed.memberMayTurnOffSites === 'boolean') rules.memberMayTurnOffSites = managed.memberMayTurnOffSites;
  return rules;
}
