// A composer's Post button found by what it does, not by what it says: the button near the editor that is disabled
// while the editor is empty and becomes enabled once it holds text. Language-free, and immune to an author or
// audience button that also carries text (docs/sites.md §1, the SDUI share dialog).

import { readEditorText } from './text';

const CANDIDATES = 'button, [role="button"]';

interface Observation {
  /** The container's buttons that were disabled while the editor was empty. */
  disabledWhenEmpty: Set<HTMLElement>;
  /** The button seen to flip from disabled to enabled once the editor held text. */
  flipped?: HTMLElement;
}

const observations = new WeakMap<HTMLElement, Observation>();

function isDisabled(button: HTMLElement): boolean {
  return (button as HTMLButtonElement).disabled === true || button.getAttribute('aria-disabled') === 'true';
}

function isEmpty(editor: HTMLElement): boolean {
  return readEditorText(editor).text.trim() === '';
}

function candidatesIn(container: Element): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(CANDIDATES)];
}

/** Records or re-checks the container's buttons against the editor's emptiness now. */
function look(editor: HTMLElement, container: Element, seen: Observation): void {
  if (isEmpty(editor)) {
    for (const button of candidatesIn(container)) if (isDisabled(button)) seen.disabledWhenEmpty.add(button);
    return;
  }
  if (seen.flipped?.isConnected && !isDisabled(seen.flipped)) return;
  const flipped = candidatesIn(container).filter((b) => seen.disabledWhenEmpty.has(b) && !isDisabled(b));
  if (flipped.length === 0) return;
  seen.flipped =
    flipped.find((b) => b.getAttribute('type') === 'submit') ?? (flipped[flipped.length - 1] as HTMLElement);
}

/**
 * Starts watching `editor`'s Post button inside `container`: call it when the composer is found (usually empty),
 * so the buttons' disabled state is recorded before any text arrives; it re-checks after each input. Idempotent.
 */
export function observePostButton(editor: HTMLElement, container: Element | null): void {
  if (!container || observations.has(editor)) return;
  const seen: Observation = { disabledWhenEmpty: new Set() };
  observations.set(editor, seen);
  look(editor, container, seen);
  // The site updates its button after its own input handling: look once that has run.
  editor.addEventListener('input', () => setTimeout(() => look(editor, container, seen), 0));
}

/**
 * The Post button of `editor` as observed: among `container`'s buttons, the one that was disabled while the editor
 * was empty and is enabled now that it has text (a `type=submit` one, else the last, when several flipped). Null
 * until such a flip was seen; the caller then falls back to its own guess.
 */
export function observedPostButton(editor: HTMLElement, container: Element | null): HTMLElement | null {
  if (!container) return null;
  observePostButton(editor, container);
  const seen = observations.get(editor);
  if (!seen) return null;
  look(editor, container, seen);
  return seen.flipped?.isConnected ? seen.flipped : null;
}
