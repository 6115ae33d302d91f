import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { watchComposers } from '@/lib/composer/watcher';
import type { SiteAdapter } from '@/lib/sites/types';
import { mountComposerBadge } from './mount-composer-badge';

/** Everything a site's content script does: watch that site's composers and decorate each one. */
export function startComposerUi(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  const stop = watchComposers(adapter, document, {
    onComposer: (composer) => mountComposerBadge(ctx, composer),
  });
  ctx.onInvalidated(stop);
}
