import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ComposerSession } from '@/lib/composer/session';
import { siteSwitchesItem } from '@/lib/settings/site-switches';
import type { SiteAdapter } from '@/lib/sites/types';
import { type MountComposerUi, type MountLeftAloneNote, watchSite } from './composers';
import { answerBackground } from './messages';

/**
 * Everything a site's content script does: while the member has Spoke on for the site, watch its composers, check
 * each one's text in the background (the policy never enters the page) and decorate it; answer the background.
 * `mount` puts the UI on the page (React lives in components/in-page; lib never imports components), and
 * `mountLeftAlone` the note on editors the adapter leaves alone (sites without such editors need none).
 */
export async function startContent(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  mount: MountComposerUi,
  mountLeftAlone?: MountLeftAloneNote,
): Promise<void> {
  /** The sessions of the composers on this page now. */
  const sessions = new Set<ComposerSession>();
  let stop: (() => void) | undefined;
  const apply = (on: boolean) => {
    if (on && !stop) stop = watchSite(ctx, adapter, mount, sessions, mountLeftAlone);
    if (!on && stop) {
      stop();
      stop = undefined;
    }
  };
  apply((await siteSwitchesItem.getValue())[adapter.network]);
  const unwatch = siteSwitchesItem.watch((switches) => apply(switches[adapter.network]));
  const stopAnswering = answerBackground(adapter, sessions);
  ctx.onInvalidated(() => {
    unwatch();
    apply(false);
    stopAnswering();
  });
}
