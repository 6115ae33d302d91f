import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { Composer, ComposerAttachment } from '@/lib/composer/watcher';
import { ComposerBadge } from './ComposerBadge';
import badgeCss from './composer-badge.css?inline';
import { IN_PAGE_SHADOW_MODE } from './shadow-mode';

/** The custom element that hosts Spoke's UI next to a composer. */
export const COMPOSER_UI_TAG = 'spoke-composer-ui';

/** Mounts the badge next to `composer` inside a (closed) shadow root; the watcher detaches it when it goes. */
export function mountComposerBadge(ctx: ContentScriptContext, composer: Composer): ComposerAttachment {
  let removed = false;
  let ui: Awaited<ReturnType<typeof createShadowRootUi<Root>>> | undefined;

  // createShadowRootUi is async by signature; with the CSS passed inline it resolves without a network call.
  void createShadowRootUi<Root>(ctx, {
    name: COMPOSER_UI_TAG,
    mode: IN_PAGE_SHADOW_MODE,
    css: badgeCss,
    isolateEvents: true,
    position: 'inline',
    anchor: composer.anchor,
    append: 'after',
    onMount(container) {
      const root = createRoot(container);
      root.render(<ComposerBadge postKind={composer.postKind} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  }).then((created) => {
    ui = created;
    if (removed) return;
    created.shadowHost.setAttribute('data-spoke-composer', composer.definitionId);
    created.mount();
  });

  return {
    isAttached: () => ui === undefined || ui.shadowHost.isConnected,
    detach() {
      removed = true;
      ui?.remove();
    },
  };
}
