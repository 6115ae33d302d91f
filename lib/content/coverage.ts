import {
  closestComposed,
  type ElementSize,
  genericComposer,
  inMessages,
  layoutSize,
  MIN_EDITOR_SIZE,
} from '@/lib/composer/generic';
import { isLeftAlone } from '@/lib/composer/left-alone';
import { findComposers } from '@/lib/composer/watcher';
import type { Network } from '@/lib/contract/common';
import type { CoverageKind } from '@/lib/contract/hub-events';
import type { SiteDefinitions } from '@/lib/sites/types';

/** One coverage signal: counts per surface (a composer definition id or `unknown`), kind and site pack, never text. */
export interface CoverageSignal {
  network: Network;
  surface: string;
  kind: CoverageKind;
  count: number;
  sitePack: string;
}

/** The coverage watch of a page: told when a post goes out and when the site's notice of it was read. */
export interface CoverageWatch {
  /** A post was published from `editor` (surface `surface`): its "post published" notice should follow. */
  published(editor: Element, surface: string): void;
  /** The reach reader matched a "post published" notice. */
  noticeRead(): void;
  stop(): void;
}

interface CoverageOptions {
  report(signal: CoverageSignal): void;
  /** The element's size on screen (tests give one: happy-dom lays nothing out). */
  size?: ElementSize;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** How long after Post the site's "post published" notice may take before it counts as not matched. */
const TOAST_WAIT_MS = 20_000;

/** At most one signal per surface and kind per page per minute; the counts in between are added up. */
const REPORT_EVERY_MS = 60_000;
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
 * recognises (`editor_unrecognised`, or `generic_fallback` when only the structure-first fallback took it), and a
 * recognised composer whose Post button cannot be found when the member types or presses Ctrl/Cmd+Enter
 * (`post_button_missing`). Each editor counts once per page visit. Only counts, a definition id and the site pack's
 * version leave: never text, selectors of the member's content or URLs. Returns the function that stops.
 */
export function watchCoverage(
  definitions: () => SiteDefinitions,
  doc: Document,
  options: CoverageOptions,
): CoverageWatch {
  const size = options.size ?? layoutSize;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const counted: Record<CoverageKind, WeakSet<Element>> = {
    editor_unrecognised: new WeakSet(),
    generic_fallback: new WeakSet(),
    post_button_missing: new WeakSet(),
    toast_unmatched: new WeakSet(),
  };
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
    const { network, version } = definitions();
    const key = `${surface} ${kind} ${version}`;
    const signal = pending.get(key) ?? { network, surface, kind, count: 0, sitePack: version };
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
  /** The composer Spoke's definitions recognise at `editor`, if any (the generic fallback's included). */
  const composerAt = (editor: HTMLElement) => {
    const root = editor.getRootNode();
    const scope = root instanceof ShadowRoot || root instanceof Document ? root : doc;
    const current = definitions();
    return (
      findComposers(current, scope).find(
        (c) => c.editor === editor || c.editor.contains(editor) || editor.contains(c.editor),
      ) ?? genericComposer(current, editor, size)
    );
  };

  const onFocusIn = (event: FocusEvent) => {
    const editor = editorAt(event);
    if (!editor || counted.editor_unrecognised.has(editor) || counted.generic_fallback.has(editor)) return;
    if (definitions().off || isExcluded(editor, doc, definitions().generic?.exclude)) return;
    if (isLeftAlone(definitions(), editor)) return; // left alone on purpose (the site pack says so): not a miss
    const { width, height } = size(editor);
    if (width < MIN_EDITOR_SIZE.width || height < MIN_EDITOR_SIZE.height) return;
    const composer = composerAt(editor);
    if (!composer) count(editor, 'unknown', 'editor_unrecognised');
    else if (composer.definitionId === definitions().generic?.id)
      count(editor, composer.definitionId, 'generic_fallback');
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

  /** Posts published on this page whose notice has not been read yet: each counts once its wait is over. */
  let awaitingNotice = 0;

  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('keydown', onKeyDown, true);
  return {
    published(editor, surface) {
      awaitingNotice++;
      setTimer(() => {
        if (awaitingNotice === 0) return;
        awaitingNotice--;
        count(editor, surface, 'toast_unmatched');
      }, TOAST_WAIT_MS);
    },
    noticeRead() {
      awaitingNotice = Math.max(0, awaitingNotice - 1);
    },
    stop() {
      stopped = true;
      doc.removeEventListener('focusin', onFocusIn, true);
      doc.removeEventListener('input', onInput, true);
      doc.removeEventListener('keydown', onKeyDown, true);
    },
  };
}

/** Search boxes and private messages are not where posts are written (the site pack's exclusions, and these). */
function isExcluded(editor: HTMLElement, doc: Document, exclude: string | undefined): boolean {
  if (inMessages(doc)) return true;
  return closestComposed(editor, exclude ? `${EXCLUDED}, ${exclude}` : EXCLUDED) !== null;
}
