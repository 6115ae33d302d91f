import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Finding } from '@/lib/contract/findings';
import { type EditorText, readEditorText } from '../text';
import type { Composer } from '../watcher';
import type { RuleStats, SessionDeps, SessionState } from './types';

/**
 * All a session knows, in one record: what the UI shows (`store`) and the working state behind it, grouped by what
 * it is for. The modules of this folder are the named transitions on it; nothing else holds state.
 */
export interface SessionCore {
  readonly composer: Composer;
  readonly editor: HTMLElement;
  readonly deps: SessionDeps;
  readonly store: StoreApi<SessionState>;
  /** The editor's text as last read, and the findings placed on it. */
  readonly text: {
    snapshot: EditorText;
    /** Findings as last answered or rebased, for `shownText` (before dismissals are filtered out). */
    shown: Finding[];
    shownText: string;
  };
  /** The check loop: at most one frame pending and one check in flight. */
  readonly loop: {
    /** The text of the last check asked for (null: ask again on the next frame). */
    checkedText: string | null;
    inFlight: boolean;
    /** The text changed while a check was in flight: schedule another frame when it lands. */
    again: boolean;
    /** The pending animation frame, 0 when none. */
    frame: number;
    /** A click seen while the snapshot lagged behind the editor, to look at on the next frame. */
    caretPending: boolean;
    destroyed: boolean;
  };
  /** This post, until its text is emptied. */
  readonly post: {
    confirmBeforePosting: boolean;
    postConfirmed: boolean;
    /** The approved text shared into this composer, if any, and whether the member closed the nudge. */
    template: string | null;
    nudgeClosed: boolean;
    /** Findings the member closed, by rule and matched text. */
    dismissed: Set<string>;
    /** Per rule, the findings shown in this post (by rule and matched text) and what the member did with them. */
    stats: Map<string, RuleStats & { keys: Set<string> }>;
  };
}

export function createCore(composer: Composer, deps: SessionDeps): SessionCore {
  const { editor } = composer;
  const snapshot = readEditorText(editor);
  return {
    composer,
    editor,
    deps,
    store: createStore<SessionState>(() => ({
      findings: [],
      active: null,
      notice: null,
      confirmingPost: false,
      marks: [],
      layout: 0,
      nudge: false,
      empty: snapshot.text.trim() === '',
    })),
    text: { snapshot, shown: [], shownText: snapshot.text },
    loop: { checkedText: null, inFlight: false, again: false, frame: 0, caretPending: false, destroyed: false },
    post: {
      confirmBeforePosting: false,
      postConfirmed: false,
      template: null,
      nudgeClosed: false,
      dismissed: new Set(),
      stats: new Map(),
    },
  };
}
