import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { readLocal, watchLocal } from '@/lib/browser/local-value';
import type { ComposerSession } from '@/lib/composer/session';
import {
  HUB_SITE_PACK_KEY,
  SITE_SWITCHES_DEFAULT,
  SITE_SWITCHES_KEY,
  type SiteSwitches,
} from '@/lib/settings/local-keys';
import { definitionsFrom } from '@/lib/sites/pack';
import type { StoredSitePack } from '@/lib/sites/pack-store';
import type { SiteAdapter, SiteDefinitions } from '@/lib/sites/types';
import { type MountComposerUi, type MountLeftAloneNote, type SiteWatch, watchSite } from './composers';
import { answerBackground } from './messages';

/**
 * Everything a site's content script does: while the member has Spoke on for the site, watch its composers with the
 * newest site pack's definitions, check each one's text in the background (the policy never enters the page) and
 * decorate it; answer the background. `mount` puts the UI on the page (React lives in components/in-page; lib
 * never imports components), and `mountLeftAlone` the note on editors the site pack leaves alone.
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
  apply((await readLocal<SiteSwitches>(SITE_SWITCHES_KEY, SITE_SWITCHES_DEFAULT))[adapter.network]);
  const unwatchSwitches = watchLocal<SiteSwitches>(SITE_SWITCHES_KEY, SITE_SWITCHES_DEFAULT, (switches) =>
    apply(switches[adapter.network]),
  );
  // A corrected site pack from the hub applies to this page at once: composers it now recognises get Spoke.
  const unwatchPack = watchLocal<StoredSitePack | null>(HUB_SITE_PACK_KEY, null, (stored) => {
    definitions = fromStore(stored);
    watch?.rescan();
  });
  const stopAnswering = answerBackground(adapter, sessions);
  ctx.onInvalidated(() => {
    unwatchSwitches();
    unwatchPack();
    apply(false);
    stopAnswering();
  });
}
