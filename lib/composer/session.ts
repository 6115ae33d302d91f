import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Finding, Severity } from '@/lib/contract/findings';
import type { CheckResponse } from '@/lib/contract/messages';
import { similarity } from '@/lib/guidelines/similarity';
import type { HighlightPainter, RangesBySeverity } from './highlights';
import { rebaseFindings } from './rebase';
import { replaceText } from './replace';
import { type EditorText, offsetOf, readEditorText } from './text';
import type { Composer } from './watcher';

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

/** From this similarity to the approved template on, the post reads as a copy. */
export const NEAR_COPY = 0.9;

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
  destroy(): void;
}

const findingKey = (finding: Finding, text: string) =>
  `${finding.ruleId}\u0000${text.slice(finding.start, finding.end)}`;

function selectionIn(editor: HTMLElement): Selection | null {
  const root = editor.getRootNode() as Document | (ShadowRoot & { getSelection?: () => Selection | null });
  return (typeof root.getSelection === 'function' ? root.getSelection() : null) ?? editor.ownerDocument.getSelection();
}

/**
 * Watches one composer: asks the background for a check at most once per animation frame while the text changes,
 * keeps findings aligned with the text as the user types, paints them, and carries out the card's actions through
 * the editor-friendly replacement.
 */
export function createComposerSession(composer: Composer, deps: SessionDeps): ComposerSession {
  const { editor } = composer;
  const doc = editor.ownerDocument;
  const scope = editor.getRootNode() as Document | ShadowRoot;
  const store = createStore<SessionState>(() => ({
    findings: [],
    active: null,
    notice: null,
    confirmingPost: false,
    marks: [],
    layout: 0,
    nudge: false,
    empty: readEditorText(editor).text.trim() === '',
  }));
  /** The approved text shared into this composer, if any, and whether the member closed the nudge. */
  let template: string | null = null;
  let nudgeClosed = false;

  let snapshot: EditorText = readEditorText(editor);
  /** Findings as last answered or rebased, for `shownText` (before dismissals are filtered out). */
  let shown: Finding[] = [];
  let shownText = snapshot.text;
  let checkedText: string | null = null;
  let inFlight = false;
  let again = false;
  let frame = 0;
  /** A click seen while the snapshot lagged behind the editor, to look at on the next frame. */
  let caretPending = false;
  let destroyed = false;
  let confirmBeforePosting = false;
  let postConfirmed = false;
  const dismissed = new Set<string>();
  /** Per rule, the findings shown in this post (by rule and matched text) and what the member did with them. */
  const stats = new Map<string, RuleStats & { keys: Set<string> }>();

  function statsFor(finding: Finding) {
    let entry = stats.get(finding.ruleId);
    if (!entry) {
      entry = { ruleId: finding.ruleId, severity: finding.severity, shown: 0, fixed: 0, dismissed: 0, keys: new Set() };
      stats.set(finding.ruleId, entry);
    }
    return entry;
  }

  /** Closes a finding's card and hides it until the post is reset. */
  function hide(finding: Finding): void {
    dismissed.add(findingKey(finding, shownText));
    store.setState({ active: null });
    publish();
    editor.focus({ preventScroll: true });
  }

  function visible(): Finding[] {
    return shown.filter((f) => !dismissed.has(findingKey(f, shownText)));
  }

  /** `mark` names a User Timing mark for the latency bench (npm run bench:e2e); it carries no text. */
  function publish(mark?: 'spoke:painted' | 'spoke:checked'): void {
    const findings = visible();
    for (const finding of findings) {
      const entry = statsFor(finding);
      const key = findingKey(finding, shownText);
      if (!entry.keys.has(key)) {
        entry.keys.add(key);
        entry.shown += 1;
      }
    }
    const state = store.getState();
    const active = state.active && state.active.index < findings.length ? state.active : null;
    store.setState({ findings, active, marks: deps.painter ? [] : marksFor(findings) });
    paint(findings);
    if (mark) {
      // Observers still see cleared marks; clearing keeps the timeline from growing while someone types all day.
      performance.clearMarks(mark);
      performance.mark(mark);
    }
  }

  function rangesFor(findings: Finding[]): RangesBySeverity {
    const ranges: RangesBySeverity = {};
    for (const finding of findings) {
      if (finding.end <= finding.start) continue;
      const list = ranges[finding.severity] ?? [];
      list.push(snapshot.rangeFor(finding.start, finding.end));
      ranges[finding.severity] = list;
    }
    return ranges;
  }

  function paint(findings: Finding[]): void {
    deps.painter?.paint(session, rangesFor(findings), scope);
  }

  function marksFor(findings: Finding[]): SessionState['marks'] {
    const bounds = editor.getBoundingClientRect();
    return findings.map((finding) => ({
      severity: finding.severity,
      rects: [...snapshot.rangeFor(finding.start, finding.end).getClientRects()].filter(
        (rect) => rect.bottom > bounds.top && rect.top < bounds.bottom, // only what shows inside the editor
      ),
    }));
  }

  function schedule(): void {
    if (frame || destroyed) return;
    frame = requestAnimationFrame(onFrame);
  }

  function onFrame(): void {
    frame = 0;
    if (destroyed) return;
    snapshot = readEditorText(editor);
    if (snapshot.text !== shownText) {
      shown = rebaseFindings(shown, shownText, snapshot.text);
      shownText = snapshot.text;
      const empty = snapshot.text.trim() === '';
      if (empty) resetPost();
      if (empty !== store.getState().empty) store.setState({ empty });
      publish('spoke:painted');
      updateNudge();
    } else if (!deps.painter) {
      store.setState({ marks: marksFor(visible()) });
    }
    if (caretPending) onCaretMoved();
    if (snapshot.text !== checkedText) void runCheck(snapshot.text);
  }

  async function runCheck(text: string): Promise<void> {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    checkedText = text;
    try {
      const result = await deps.requestCheck(text);
      if (destroyed) return;
      confirmBeforePosting = result.confirmBeforePosting;
      snapshot = readEditorText(editor);
      shown = rebaseFindings(result.findings, text, snapshot.text);
      shownText = snapshot.text;
      publish('spoke:checked');
    } catch {
      // The background restarted or the extension was updated: try again on the next change.
      checkedText = null;
    } finally {
      inFlight = false;
    }
    if (again) {
      again = false;
      schedule();
    }
  }

  function updateNudge(): void {
    const nudge = !!template && !nudgeClosed && similarity(snapshot.text, template) >= NEAR_COPY;
    if (nudge !== store.getState().nudge) store.setState({ nudge });
  }

  function resetPost(): void {
    template = null;
    nudgeClosed = false;
    dismissed.clear();
    stats.clear();
    postConfirmed = false;
    store.setState({ confirmingPost: false, notice: null });
  }

  function caretOffset(): number {
    const selection = selectionIn(editor);
    if (!selection || selection.rangeCount === 0 || !selection.isCollapsed) return -1;
    const range = selection.getRangeAt(0);
    return offsetOf(snapshot, editor, range.startContainer, range.startOffset);
  }

  /** Clicking or moving the caret into an underlined word opens its card; leaving it closes a card opened so. */
  function onCaretMoved(event?: Event): void {
    if (snapshot.text !== readEditorText(editor).text) {
      // Mid-typing: offsets are off until the frame handler catches up. A click is looked at again then (a click
      // right after typing must still open its card); a keyup is not, as the next keystroke's will be.
      if (event?.type === 'click') {
        caretPending = true;
        schedule();
      }
      return;
    }
    caretPending = false;
    const offset = caretOffset();
    if (offset < 0) return;
    const findings = store.getState().findings;
    const index = findings.findIndex((f) => f.start <= offset && offset <= f.end && f.end > f.start);
    const active = store.getState().active;
    if (index >= 0) store.setState({ active: { index, via: 'pointer' } });
    else if (active?.via === 'pointer') store.setState({ active: null });
  }

  function hasCritical(): boolean {
    return store.getState().findings.some((f) => f.severity === 'critical');
  }

  /** Empowerment: never blocks. With the policy's opt-in, the first Post with a critical finding asks once. */
  function interceptPost(event: Event): void {
    if (confirmBeforePosting && !postConfirmed && hasCritical()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      store.setState({ confirmingPost: true, active: null });
      return;
    }
    published();
  }

  function published(): void {
    if (snapshot.text.trim() === '') return; // nothing to post: the site ignores the click too
    deps.onPublished?.([...stats.values()].map(({ keys: _keys, ...counts }) => counts));
    stats.clear();
  }

  const onDocumentClick = (event: MouseEvent) => {
    const button = composer.postButton();
    if (button && event.composedPath().includes(button)) interceptPost(event);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) interceptPost(event);
    if (event.key === 'Escape' && store.getState().active) store.setState({ active: null });
  };
  const onLayout = () => {
    if (!deps.painter) store.setState({ marks: marksFor(visible()) });
    store.setState({ layout: store.getState().layout + 1 });
  };

  const observer = new MutationObserver(schedule);
  observer.observe(editor, { childList: true, subtree: true, characterData: true });
  editor.addEventListener('click', onCaretMoved);
  editor.addEventListener('keyup', onCaretMoved);
  editor.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('click', onDocumentClick, true);
  doc.defaultView?.addEventListener('resize', onLayout);
  doc.addEventListener('scroll', onLayout, { capture: true, passive: true });
  schedule();

  const session: ComposerSession = {
    store,
    composer,
    open(index, via) {
      if (index >= 0 && index < store.getState().findings.length) store.setState({ active: { index, via } });
    },
    close(returnFocus) {
      store.setState({ active: null });
      if (returnFocus) editor.focus({ preventScroll: true });
    },
    async applyFix(index, fixIndex) {
      const finding = store.getState().findings[index];
      const fix = finding?.fixes[fixIndex];
      if (!finding || !fix) return;
      store.setState({ active: null, notice: null });
      // Later edits first, so earlier offsets stay valid.
      const edits = [...fix.edits].sort((a, b) => b.start - a.start);
      let applied = true;
      for (const edit of edits) {
        const result = await replaceText(editor, composer.editorKind, edit.start, edit.end, edit.text);
        if (!result.ok) {
          store.setState({ notice: `Spoke could not apply “${fix.label}”: ${result.reason}` });
          applied = false;
          break;
        }
      }
      if (applied) statsFor(finding).fixed += 1;
      schedule();
    },
    dismiss(index) {
      const finding = store.getState().findings[index];
      if (!finding) return;
      statsFor(finding).dismissed += 1;
      hide(finding);
    },
    notHelpful(index) {
      const finding = store.getState().findings[index];
      if (!finding) return;
      // Reported on its own (guideline_feedback), so not counted again as a dismissal.
      deps.onFeedback?.(finding.ruleId);
      hide(finding);
      store.setState({ notice: 'Thanks: your social team will see that this tip missed (not what you wrote).' });
    },
    async mute(index) {
      const finding = store.getState().findings[index];
      if (!finding) return;
      const muted = await deps.muteRule(finding.ruleId).catch(() => false);
      if (!muted) {
        store.setState({ notice: 'Spoke could not turn this tip off. Try again later.' });
        return;
      }
      shown = shown.filter((f) => f.ruleId !== finding.ruleId);
      store.setState({ active: null });
      publish();
      editor.focus({ preventScroll: true });
    },
    findingRect(index) {
      const finding = store.getState().findings[index];
      if (!finding) return null;
      const range = snapshot.rangeFor(finding.start, finding.end);
      return range.getClientRects()[0] ?? range.getBoundingClientRect();
    },
    caretRect() {
      const selection = selectionIn(editor);
      if (!selection || selection.rangeCount === 0) return null;
      const range = selection.getRangeAt(0);
      if (!editor.contains(range.startContainer)) return null;
      return range.getClientRects()[0] ?? null;
    },
    postAnyway() {
      postConfirmed = true;
      store.setState({ confirmingPost: false });
      composer.postButton()?.click(); // goes through interceptPost, which now lets it pass and reports it
    },
    sharedTemplate(text) {
      template = text;
      nudgeClosed = false;
      snapshot = readEditorText(editor);
      updateNudge();
    },
    closeNudge() {
      nudgeClosed = true;
      store.setState({ nudge: false });
    },
    review() {
      store.setState({ confirmingPost: false });
      const first = store.getState().findings.findIndex((f) => f.severity === 'critical');
      if (first >= 0) store.setState({ active: { index: first, via: 'keyboard' } });
    },
    destroy() {
      destroyed = true;
      if (frame) cancelAnimationFrame(frame);
      observer.disconnect();
      editor.removeEventListener('click', onCaretMoved);
      editor.removeEventListener('keyup', onCaretMoved);
      editor.removeEventListener('keydown', onKeyDown, true);
      doc.removeEventListener('click', onDocumentClick, true);
      doc.defaultView?.removeEventListener('resize', onLayout);
      doc.removeEventListener('scroll', onLayout, { capture: true });
      deps.painter?.clear(session);
    },
  };
  return session;
}
