import type { StoreApi } from 'zustand/vanilla';
import type { Finding, Severity } from '@/lib/contract/findings';
import type { CheckResponse } from '@/lib/contract/messages';
import type { HighlightPainter } from '../highlights';
import type { Composer } from '../watcher';

/** What the in-page UI shows for one composer. */
export interface SessionState {
  /** Open findings on the current text (dismissed ones removed), in text order. */
  findings: Finding[];
  /** The finding whose card is open, by rule and position; null when closed. */
  active: { index: number; via: 'pointer' | 'keyboard' } | null;
  /** A sentence for the user when something Spoke tried did not work. */
  notice: string | null;
  /** "Post anyway / Review" is showing (the policy asks to confirm critical findings once). */
  confirmingPost: boolean;
  /** Underline boxes for browsers without the Highlight API, in viewport coordinates. */
  marks: Array<{ severity: Severity; rects: DOMRectReadOnly[] }>;
  /** Bumped when the layout moved (scroll, resize), so positioned UI re-measures. */
  layout: number;
  /** The post is still a near-copy (≥ 90 %) of the approved text shared into it: suggest a sentence of one's own. */
  nudge: boolean;
  /** Nothing written yet: the moment to offer approved posts. */
  empty: boolean;
}

/** What happened to one rule's findings in a post: counts only, never text. */
export interface RuleStats {
  ruleId: string;
  severity: Severity;
  shown: number;
  fixed: number;
  /** Closed with *Dismiss* (a *Not helpful* is reported on its own, through `onFeedback`). */
  dismissed: number;
}

export interface SessionDeps {
  requestCheck(text: string): Promise<Omit<CheckResponse, 'ok'>>;
  /** The member pressed Post (or its shortcut) and Spoke did not hold it. */
  onPublished?(rules: RuleStats[]): void;
  /** The member said a tip was not helpful (feedback for the CoE: the rule id only). */
  onFeedback?(ruleId: string): void;
  muteRule(ruleId: string): Promise<boolean>;
  /** Null when the browser lacks the Highlight API: the UI then draws `marks`. */
  painter: HighlightPainter | null;
}

export interface ComposerSession {
  readonly store: StoreApi<SessionState>;
  readonly composer: Composer;
  open(index: number, via: 'pointer' | 'keyboard'): void;
  close(returnFocus: boolean): void;
  applyFix(index: number, fixIndex: number): Promise<void>;
  dismiss(index: number): void;
  /** "Not helpful": dismisses the finding and tells the CoE which rule missed. */
  notHelpful(index: number): void;
  mute(index: number): Promise<void>;
  /** The viewport box of a finding's first line, for placing its card. */
  findingRect(index: number): DOMRect | null;
  /** The viewport box of the caret, so the card never covers the line being typed. */
  caretRect(): DOMRect | null;
  postAnyway(): void;
  review(): void;
  /** Remembers the approved text just shared into the composer, for the personalisation nudge. */
  sharedTemplate(text: string): void;
  closeNudge(): void;
  /**
   * Puts what the editor needs drawn over it into `container` (Spoke's UI next to the composer): a textarea's
   * mirror, which carries its underlines; nothing for other editors. Returns the function that takes it away.
   */
  mountOverlay(container: HTMLElement): () => void;
  destroy(): void;
}
