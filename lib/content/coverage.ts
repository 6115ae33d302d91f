import { findComposers, isLeftAlone } from '@/lib/composer/watcher';
import type { Network } from '@/lib/contract/common';
import type { CoverageKind } from '@/lib/contract/hub-events';
import type { SiteAdapter } from '@/lib/sites/types';

/** One coverage signal: counts per surface (a composer definition id or `unknown`) and kind, never text. */
export interface CoverageSignal {
  network: Network;
  surface: string;
  kind: CoverageKind;
  count: number;
}

interface CoverageOptions {
  report(signal: CoverageSignal): void;
  /** The element's size on screen (tests give one: happy-dom lays nothing out). */
  size?: (el: HTMLElement) => { width: number; height: number };
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** At most one signal per surface and kind per page per minute; the counts in between are added up. */
const REPORT_EVERY_MS = 60_000;
/** Smaller editors are search boxes, inline fields and the like, not where a post is written. */
const MIN_WIDTH = 150;
const MIN_HEIGHT = 16;
const EDITABLE =
  '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], textarea, [role="textbox"]';
/** Areas where members write something other than a post: search and private messages. */
const EXCLUDED = [
  '[role="search"]',
  '[role="searchbox"]',
  '[type="search"]',
  '[class*="msg-"]',
  '[class*="dmComposer"]',
  '[data-testid*="dmComposer"]',
  '[aria-label*="search" i]',
].join(', ');

/**
 * Counts, per page visit, what Spoke's composer definitions miss: a focused, visible, post-sized editor none of them
 * recognises (`editor_unrecognised`), and a recognised composer whose Post button cannot be found when the member
 * types or presses Ctrl/Cmd+Enter (`post_button_missing`). Each editor counts once per page visit. Only counts and
 * a definition id leave: never text, selectors of the member's content or URLs. Returns the function that stops.
 */
export function watchCoverage(adapter: SiteAdapter, doc: Document, options: CoverageOptions): () => void {
  const size = options.size ?? ((el: HTMLElement) => el.getBoundingClientRect());
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const counted = { editor_unrecognised: new WeakSet<Element>(), post_button_missing: new WeakSet<Element>() };
  const pending = new Map<string, CoverageSignal>();
  const lastSent = new Map<string, number>();
  const timers = new Set<string>();
  let stopped = false;

  const flush = (key: string) => {
    timers.delete(key);
    const signal = pending.get(key);
    if (stopped || !signal) return;
    pending.delete(key);
    lastSent.set(key, now());
    options.report(signal);
  };

  const count = (editor: Element, surface: string, kind: CoverageKind) => {
    if (counted[kind].has(editor)) return;
    counted[kind].add(editor);
    const key = `${surface} ${kind}`;
    const signal = pending.get(key) ?? { network: adapter.network, surface, kind, count: 0 };
    signal.count = Math.min(signal.count + 1, 1_000);
    pending.set(key, signal);
    if (timers.has(key)) return;
    const wait = (lastSent.get(key) ?? Number.NEGATIVE_INFINITY) + REPORT_EVERY_MS - now();
    if (wait <= 0) flush(key);
    else {
      timers.add(key);
      setTimer(() => flush(key), wait);
    }
  };

  /** The editor an event happened in (never an <input>: single-line fields are no post composers). */
  const editorAt = (event: Event) => {
    const target = event.composedPath()[0];
    const editor = target instanceof Element ? target.closest<HTMLElement>(EDITABLE) : null;
    return editor && !(editor instanceof HTMLInputElement) ? editor : null;
  };
  /** The composer Spoke recognises at `editor`, if any. */
  const composerAt = (editor: HTMLElement) => {
    const root = editor.getRootNode();
    const scope = root instanceof ShadowRoot || root instanceof Document ? root : doc;
    return findComposers(adapter, scope).find(
      (c) => c.editor === editor || c.editor.contains(editor) || editor.contains(c.editor),
    );
  };

  const onFocusIn = (event: FocusEvent) => {
    const editor = editorAt(event);
    if (!editor || counted.editor_unrecognised.has(editor) || isExcluded(editor, doc)) return;
    if (isLeftAlone(adapter, editor)) return; // left alone on purpose (the adapter says so): not a miss
    const { width, height } = size(editor);
    if (width < MIN_WIDTH || height < MIN_HEIGHT || composerAt(editor)) return;
    count(editor, 'unknown', 'editor_unrecognised');
  };

  /** Editors whose Post button was found once: not looked for again while the member types. */
  const buttonFound = new WeakSet<HTMLElement>();
  const checkPostButton = (editor: HTMLElement) => {
    const composer = composerAt(editor);
    if (!composer) return;
    if (composer.postButton() === null) count(composer.editor, composer.definitionId, 'post_button_missing');
    else buttonFound.add(editor);
  };
  /** Typing: looked at a second later (sites render the button as the text arrives), once a second at most. */
  const checking = new WeakSet<HTMLElement>();
  const onInput = (event: Event) => {
    const editor = editorAt(event);
    if (!editor || checking.has(editor) || buttonFound.has(editor) || counted.post_button_missing.has(editor)) return;
    checking.add(editor);
    setTimer(() => {
      checking.delete(editor);
      if (!stopped && editor.isConnected) checkPostButton(editor);
    }, 1_000);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    const editor = editorAt(event);
    if (editor) checkPostButton(editor);
  };

  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('keydown', onKeyDown, true);
  return () => {
    stopped = true;
    doc.removeEventListener('focusin', onFocusIn, true);
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('keydown', onKeyDown, true);
  };
}

/** Search boxes and private messages are not where posts are written. */
function isExcluded(editor: HTMLElement, doc: Document): boolean {
  if (/(^|\/)messag(es|ing)(\/|$)/.test(doc.location?.pathname ?? '')) return true;
  return editor.closest(EXCLUDED) !== null;
}
