import { SITE_HOSTS, siteMatches } from './hosts';
import { builtinDefinitions } from './pack';
import type { SiteAdapter } from './types';
import { xReachWith } from './x-reach';

// X's desktop composers are all Draft.js (docs/sites.md §2): the test id sits on the contenteditable itself and is
// numbered per thread part (tweetTextarea_0, _1, …); modals render into #layers as role=dialog. The narrow-window
// (mobile web) composer is a plain <textarea> with the same test id. Their definitions are data in the site pack
// (./packs/builtin.json); what is code is reach.
export const x: SiteAdapter = {
  network: 'x',
  hosts: SITE_HOSTS.x,
  matches: siteMatches('x'),
  get builtin() {
    return builtinDefinitions('x');
  },
  reachWith: xReachWith,
};
