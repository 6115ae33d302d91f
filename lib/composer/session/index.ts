import { mountTextareaMirror } from '../textarea';
import type { Composer } from '../watcher';
import * as actions from './actions';
import { caretMoved, caretRect } from './caret';
import { schedule } from './check-loop';
import { createCore } from './core';
import { relayout, repaint } from './findings';
import { closeNudge, sharedTemplate } from './nudge';
import { interceptPost, postAnyway, review } from './post-gate';
import type { ComposerSession, SessionDeps } from './types';

export type { ComposerSession, SessionDeps } from './types';

/**
 * Watches one composer: asks the background for a check at most once per animation frame while the text changes,
 * keeps findings aligned with the text as the user types, paints them, and carries out the card's actions through
 * the editor-friendly replacement. The state is one record (./core.ts); the other modules are its transitions.
 */
export function createComposerSession(composer: Composer, deps: SessionDeps): ComposerSession {
  const core = createCore(composer, deps);
  const { editor, store } = core;
  const doc = editor.ownerDocument;

  const onCaret = (event: Event) => {
    if (caretMoved(core, event) === 'later') schedule(core);
  };
  const onDocumentClick = (event: MouseEvent) => {
    const button = composer.postButton();
    if (!button || !event.composedPath().includes(button)) return;
    interceptPost(core, event);
    // The site empties its composer after Post; a textarea's value changes without a mutation or input to see.
    schedule(core);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) interceptPost(core, event);
    if (event.key === 'Escape' && store.getState().active) store.setState({ active: null });
  };
  const onLayout = () => relayout(core);
  const onMutation = () => schedule(core);

  const observer = new MutationObserver(onMutation);
  observer.observe(editor, { childList: true, subtree: true, characterData: true });
  // A textarea's typing, undo and pastes change its value, never its DOM: `input` is what they have in common.
  editor.addEventListener('input', onMutation);
  editor.addEventListener('click', onCaret);
  editor.addEventListener('keyup', onCaret);
  editor.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('click', onDocumentClick, true);
  doc.defaultView?.addEventListener('resize', onLayout);
  doc.addEventListener('scroll', onLayout, { capture: true, passive: true });
  schedule(core);

  return {
    store,
    composer,
    open: (index, via) => actions.open(core, index, via),
    close: (returnFocus) => actions.close(core, returnFocus),
    applyFix: (index, fixIndex) => actions.applyFix(core, index, fixIndex),
    dismiss: (index) => actions.dismiss(core, index),
    notHelpful: (index) => actions.notHelpful(core, index),
    mute: (index) => actions.mute(core, index),
    findingRect: (index) => actions.findingRect(core, index),
    caretRect: () => caretRect(core),
    postAnyway: () => postAnyway(core),
    review: () => review(core),
    sharedTemplate: (text) => sharedTemplate(core, text),
    closeNudge: () => closeNudge(core),
    mountOverlay(container) {
      const unmount = mountTextareaMirror(editor, container);
      repaint(core);
      return unmount;
    },
    destroy() {
      core.loop.destroyed = true;
      if (core.loop.frame) cancelAnimationFrame(core.loop.frame);
      observer.disconnect();
      editor.removeEventListener('input', onMutation);
      editor.removeEventListener('click', onCaret);
      editor.removeEventListener('keyup', onCaret);
      editor.removeEventListener('keydown', onKeyDown, true);
      doc.removeEventListener('click', onDocumentClick, true);
      doc.defaultView?.removeEventListener('resize', onLayout);
      doc.removeEventListener('scroll', onLayout, { capture: true });
      deps.painter?.clear(core);
    },
  };
}
