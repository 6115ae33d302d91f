import { describe, expect, it } from 'vitest';
import linkedinContent from '@/entrypoints/linkedin.content';
import xContent from '@/entrypoints/x.content';
import { networkOfUrl as tabNetwork } from '@/lib/browser/web-tab';
import { allSiteMatches, networkOfUrl, SITE_HOSTS, siteMatches } from '@/lib/sites/hosts';
import { linkedin } from '@/lib/sites/linkedin';
import { x } from '@/lib/sites/x';
import config from '@/wxt.config';

/** The hosts a list of https match patterns covers. */
const hostsOf = (matches: readonly string[]) =>
  matches.map((pattern) => {
    const found = /^https:\/\/([^/*]+)\/\*$/.exec(pattern);
    if (!found?.[1]) throw new Error(`not an https host pattern: ${pattern}`);
    return found[1];
  });

describe('the sites Spoke works on, from one list', () => {
  const manifest = (browser: string) =>
    (config.manifest as (env: { browser: string }) => { host_permissions?: string[] })({ browser });

  it.each(['chrome', 'firefox'])('gives %s host permissions for every content script and trusted host', (browser) => {
    const permitted = new Set(hostsOf(manifest(browser).host_permissions ?? []));
    const trusted = Object.values(SITE_HOSTS).flat();
    const scripted = hostsOf([linkedinContent.matches, xContent.matches].flatMap((m) => (Array.isArray(m) ? m : [])));
    expect([...permitted].sort()).toEqual([...trusted].sort());
    expect([...scripted].sort()).toEqual([...trusted].sort());
  });

  it('matches each network’s content script to its adapter', () => {
    expect(linkedinContent.matches).toEqual(siteMatches('linkedin'));
    expect(xContent.matches).toEqual(siteMatches('x'));
    expect(hostsOf(linkedin.matches)).toEqual([...linkedin.hosts]);
    expect(hostsOf(x.matches)).toEqual([...x.hosts]);
    expect(allSiteMatches()).toEqual([...linkedin.matches, ...x.matches]);
  });

  it('knows the network of exactly the listed https hosts', () => {
    for (const [network, hosts] of Object.entries(SITE_HOSTS)) {
      for (const host of hosts) {
        expect(networkOfUrl(`https://${host}/feed/`)).toBe(network);
        expect(tabNetwork(`https://${host}/feed/`)).toBe(network);
        expect(networkOfUrl(`http://${host}/feed/`)).toBeNull();
      }
    }
    for (const url of ['https://linkedin.com/', 'https://mobile.twitter.com/', 'https://evil.example/x.com', 'nope']) {
      expect(networkOfUrl(url)).toBeNull();
    }
  });
});
