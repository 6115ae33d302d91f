import { SITE_HOSTS, siteMatches } from './hosts';
import { linkedinReachWith } from './linkedin-reach';
import { builtinDefinitions } from './pack';
import type { SiteAdapter } from './types';

// LinkedIn serves two stacks side by side (docs/sites.md §1): classic Ember with Quill editors, the share modal
// inside an open shadow root on #interop-outlet; and the 2026 server-driven UI with Tiptap editors, the share box in
// a native <dialog>. Their composers are data in the site pack (./packs/builtin.json); what is code is reach.
export const linkedin: SiteAdapter = {
  network: 'linkedin',
  hosts: SITE_HOSTS.linkedin,
  matches: siteMatches('linkedin'),
  get builtin() {
    return builtinDefinitions('linkedin');
  },
  reachWith: linkedinReachWith,
};
