import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readLocal, watchLocal } from '@/lib/browser/local-value';
import { tryReadManagedStorage, watchManagedStorage } from '@/lib/browser/managed-storage';
import type { ComposerSession } from '@/lib/composer/session';
import {
  HUB_SITE_PACK_KEY,
  MANAGED_SITE_RULES_KEY,
  SITE_SWITCHES_DEFAULT,
  SITE_SWITCHES_KEY,
  type SiteSwitches,
} from '@/lib/settings/local-keys';
import { effectiveSiteSwitches, managedSiteRules } from '@/lib/settings/site-rules';
import { definitionsFrom } from '@/lib/sites/pack';
import type { StoredSitePack } from '@/lib/sites/pack-store';
import type { SiteAdapter, SiteDefinitions } from '@/lib/sites/types';
import { type MountComposerUi, type MountLeftAloneNote, type SiteWatch, watchSite } from './composers';
import { answerBackground } from './messages';

/**
 * Everything a site's content script does: while Spoke is on for the site (the member's switch, or the
 * organisation's where it set one), watch its composers with the newest site pack's definitions, check each one's
 * text in the background (the policy never enters the page) and decorate it; answer the background. `mount` puts
 * the UI on the page (React lives in components/in-page; lib never imports components), and `mountLeftAlone` the
 * note on editors the site pack leaves alone.
 */
export async function startContent(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  mount: MountComposerUi,
  mountLeftAlone?: MountLeftAloneNote,
): Promise<void> {
  /** The sessions of the composers on this page now. */
  const sessions = new Set<ComposerSession>();
  const builtin = adapter.builtin;
  const fromStore = (stored: StoredSitePack | null): SiteDefinitions =>
    stored ? definitionsFrom(adapter.network, stored.pack) : builtin;
  let definitions = fromStore(await readLocal<StoredSitePack | null>(HUB_SITE_PACK_KEY, null));
  let watch: SiteWatch | undefined;
  const apply = (on: boolean) => {
    if (on && !watch) watch = watchSite(ctx, adapter, () => definitions, mount, sessions, mountLeftAlone);
    if (!on && watch) {
      watch.stop();
      watch = undefined;
    }
  };
  // The member's own switches, under the organisation's, which win where it set one. The browser answers managed
  // storage only once it has the extension's policy (about 3 s after it starts, in Chromium): the rules as last
  // known (kept by the background) decide at once, the browser's own as soon as it answers, if it does.
  let own = await readLocal<SiteSwitches>(SITE_SWITCHES_KEY, SITE_SWITCHES_DEFAULT);
  let rules = managedSiteRules(await readLocal<unknown>(MANAGED_SITE_RULES_KEY, {}));
  const applySwitches = () => apply(effectiveSiteSwitches(own, rules)[adapter.network]);
  applySwitches();
  let invalidated = false;
  void tryReadManagedStorage().then((managed) => {
    if (invalidated || managed === null) return;
    rules = managedSiteRules(managed);
    applySwitches();
  });
  const unwatchSwitches = watchLocal<SiteSwitches>(SITE_SWITCHES_KEY, SITE_SWITCHES_DEFAULT, (switches) => {
    own = switches;
    applySwitches();
  });
  const unwatchManaged = watchManagedStorage((managed) => {
    rules = managedSiteRules(managed);
    applySwitches();
  });
  // A corrected site pack from the hub applies to this page at once: composers it now recognises get Spoke.
  const unwatchPack = watchLocal<StoredSitePack | null>(HUB_SITE_PACK_KEY, null, (stored) => {
    definitions = fromStore(stored);
    watch?.rescan();
  });
  const stopAnswering = answerBackground(adapter, sessions);
  ctx.onInvalidated(() => {
    invalidated = true;
    unwatchSwitches();
    unwatchManaged();
    unwatchPack();
    apply(false);
    stopAnswering();
  });
}
