// The one list of the sites Spoke works on. Data only: wxt.config.ts (loaded by Node to write the manifest) imports
// this file, so it must keep relative imports, no `@/` alias, no DOM and no browser API.
import type { Network } from '../contract/common';

/**
 * The host names each network's pages are served from, the canonical one first (where a composer is opened).
 * Every list derives from this: the manifest's host_permissions, the content scripts' `matches`, the background's
 * trusted composer sites, and the network of a tab.
 *
 * Left out on purpose: `linkedin.com` and `mobile.twitter.com` only redirect to `www.linkedin.com` and `x.com`, so no
 * composer ever shows there; no content script runs there, and the background trusts no message from there.
 * `twitter.com` stays: it still serves pages in some regions and for old links.
 */
export const SITE_HOSTS = {
  linkedin: ['www.linkedin.com'],
  x: ['x.com', 'twitter.com'],
} as const satisfies Record<Network, readonly [string, ...string[]]>;

/** Match patterns for a network's pages: https only. */
export function siteMatches(network: Network): string[] {
  return SITE_HOSTS[network].map((host) => `https://${host}/*`);
}

/** Match patterns of every site, for the manifest's host_permissions. */
export function allSiteMatches(): string[] {
  return (Object.keys(SITE_HOSTS) as Network[]).flatMap(siteMatches);
}

/** The canonical host of a network, where Spoke opens a composer. */
export function primaryHost(network: Network): string {
  return SITE_HOSTS[network][0];
}

/** The network whose https page this is, or null when Spoke does not work there. */
export function networkOfUrl(url: string | undefined): Network | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:') return null;
  for (const network of Object.keys(SITE_HOSTS) as Network[]) {
    if ((SITE_HOSTS[network] as readonly string[]).includes(parsed.hostname)) return network;
  }
  return null;
}
