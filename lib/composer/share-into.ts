import { isShown, openShadowRootsIn } from './dom';
import { replaceText } from './replace';
import type { ComposerSession } from './session';
import { readEditorText } from './text';

/**
 * Elements that open a site's post composer when clicked, by structural hooks only (never a localised label):
 * classic LinkedIn's "Start a post" trigger. The new stack's launcher has no such hook; the background opens its
 * composer by URL instead (`?shareActive=true`, lib/background/services.ts).
 */
const LAUNCHERS = '.share-box-feed-entry__trigger';

/** The first visible launcher in the document or any open shadow root inside it. */
function findLauncher(doc: Document): HTMLElement | undefined {
  for (const scope of [doc, ...openShadowRootsIn(doc)]) {
    const launcher = [...scope.querySelectorAll<HTMLElement>(LAUNCHERS)].find(isShown);
    if (launcher) return launcher;
  }
  return undefined;
}

/** The post composer a share or a suggestion is for: the focused one, else the newest visible. */
export function pickPostComposer(sessions: Iterable<ComposerSession>): ComposerSession | undefined {
  const posts = [...sessions].filter((s) => s.composer.postKind === 'post' && isShown(s.composer.editor));
  const active = posts.find((s) => s.composer.editor.contains(s.composer.editor.ownerDocument.activeElement));
  return active ?? posts[posts.length - 1]; // the newest: a just-opened modal over an inline box
}

async function waitFor<T>(find: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found || performance.now() > end) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Puts an approved post into the page's post composer, opening it first where the site has a launcher. The text
 * goes through the same editor-friendly insertion as fixes, so the editor's model, Post button and undo follow, and
 * the guideline check runs on it as on typed text.
 */
export async function shareIntoComposer(
  sessions: () => Iterable<ComposerSession>,
  text: string,
): Promise<'inserted' | 'no-composer' | 'not-accepted'> {
  let session = pickPostComposer(sessions());
  if (!session) {
    const launcher = findLauncher(document);
    if (!launcher) return 'no-composer';
    launcher.click();
    session = await waitFor(() => pickPostComposer(sessions()), 3_000);
    if (!session) return 'no-composer';
  }
  const { editor, editorKind } = session.composer;
  const current = readEditorText(editor).text;
  const at = current.trim() === '' ? 0 : current.length;
  const insertion = at === 0 ? text : `\n\n${text}`;
  const result = await replaceText(editor, editorKind, at, current.trim() === '' ? current.length : at, insertion);
  if (!result.ok) return 'not-accepted';
  session.sharedTemplate(result.text);
  return 'inserted';
}
