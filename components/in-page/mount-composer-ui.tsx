import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ComposerSession } from '@/lib/composer/session';
import type { ComposerAttachment } from '@/lib/composer/watcher';
import type { SuggestionsChip } from '@/lib/content/suggestions';
import { ComposerUi } from './ComposerUi';
import uiCss from './composer-ui.css?inline';
import { IN_PAGE_SHADOW_MODE } from './shadow-mode';

/** The custom element that hosts Spoke's UI next to a composer. */
const COMPOSER_UI_TAG = 'spoke-composer-ui';

/**
 * Mounts the UI of one composer session inside a (closed) shadow root placed right after the editor's container:
 * inside the same dialog or shadow root as the editor, so it renders in the same top layer and stacking context.
 */
export function mountComposerUi(
  ctx: ContentScriptContext,
  session: ComposerSession,
  suggestions: SuggestionsChip,
): ComposerAttachment {
  let removed = false;
  let ui: Awaited<ReturnType<typeof createShadowRootUi<Root>>> | undefined;

  // createShadowRootUi is async by signature; with the CSS passed inline it resolves without a network call.
  void createShadowRootUi<Root>(ctx, {
    name: COMPOSER_UI_TAG,
    mode: IN_PAGE_SHADOW_MODE,
    css: uiCss,
    isolateEvents: true,
    position: 'inline',
    anchor: session.composer.anchor,
    append: 'after',
    onMount(container) {
      const root = createRoot(container);
      root.render(<ComposerUi session={session} suggestions={suggestions} />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  }).then((created) => {
    ui = created;
    if (removed) return;
    created.shadowHost.setAttribute('data-spoke-composer', session.composer.definitionId);
    created.mount();
  });

  return {
    isAttached: () => ui === undefined || ui.shadowHost.isConnected,
    detach() {
      removed = true;
      session.destroy();
      ui?.remove();
    },
  };
}
