import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { LeftAloneEditor } from '@/lib/composer/left-alone';
import type { ComposerSession } from '@/lib/composer/session';
import type { ComposerAttachment } from '@/lib/composer/watcher';
import type { SuggestionsChip } from '@/lib/content/suggestions';
import { ComposerUi } from './ComposerUi';
import uiCss from './composer-ui.css?inline';
import { LeftAloneNote } from './LeftAloneNote';
import { IN_PAGE_SHADOW_MODE } from './shadow-mode';

/** The custom element that hosts Spoke's UI next to a composer. */
const COMPOSER_UI_TAG = 'spoke-composer-ui';

/**
 * Renders `ui` inside a (closed) shadow root placed right after `anchor`: inside the same dialog or shadow root as
 * the editor, so it renders in the same top layer and stacking context. The host carries `attributes`.
 */
function mountNextTo(
  ctx: ContentScriptContext,
  anchor: Element,
  attributes: Record<string, string>,
  ui: ReactNode,
  onDetach?: () => void,
): ComposerAttachment {
  let removed = false;
  let mounted: Awaited<ReturnType<typeof createShadowRootUi<Root>>> | undefined;

  // createShadowRootUi is async by signature; with the CSS passed inline it resolves without a network call.
  void createShadowRootUi<Root>(ctx, {
    name: COMPOSER_UI_TAG,
    mode: IN_PAGE_SHADOW_MODE,
    css: uiCss,
    isolateEvents: true,
    position: 'inline',
    anchor,
    append: 'after',
    onMount(container) {
      const root = createRoot(container);
      root.render(ui);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  }).then((created) => {
    mounted = created;
    if (removed) return;
    for (const [name, value] of Object.entries(attributes)) created.shadowHost.setAttribute(name, value);
    created.mount();
  });

  return {
    isAttached: () => mounted === undefined || mounted.shadowHost.isConnected,
    detach() {
      removed = true;
      onDetach?.();
      mounted?.remove();
    },
  };
}

/** Mounts the UI of one composer session next to its editor. */
export function mountComposerUi(
  ctx: ContentScriptContext,
  session: ComposerSession,
  suggestions: SuggestionsChip,
): ComposerAttachment {
  return mountNextTo(
    ctx,
    session.composer.anchor,
    { 'data-spoke-composer': session.composer.definitionId },
    <ComposerUi session={session} suggestions={suggestions} />,
    () => session.destroy(),
  );
}

/** Mounts the quiet "not checked" note next to an editor the adapter leaves alone: no session, nothing checked. */
export function mountLeftAloneNote(ctx: ContentScriptContext, surface: LeftAloneEditor): ComposerAttachment {
  return mountNextTo(
    ctx,
    surface.anchor,
    { 'data-spoke-composer': surface.definitionId, 'data-spoke-left-alone': '' },
    <LeftAloneNote label={surface.label} reason={surface.reason} />,
  );
}
