import { afterEach, describe, expect, it, vi } from 'vitest';
import { replaceText } from '@/lib/composer/replace';
import { createComposerSession } from '@/lib/composer/session';
import { readEditorText } from '@/lib/composer/text';
import { mountTextareaMirror } from '@/lib/composer/textarea';
import type { Composer } from '@/lib/composer/watcher';

afterEach(() => document.body.replaceChildren());

function textarea(value: string): HTMLTextAreaElement {
  const editor = document.createElement('textarea');
  editor.value = value;
  document.body.append(editor);
  return editor;
}

describe('a <textarea> composer', () => {
  it('reads its value, with ranges over a mirror of its text that Spoke lays over it', () => {
    const editor = textarea('🚀 漢字\nwe need more manpower');
    const container = document.createElement('div');
    document.body.append(container);
    const unmount = mountTextareaMirror(editor, container);
    const snapshot = readEditorText(editor);
    expect(snapshot.text).toBe('🚀 漢字\nwe need more manpower');
    const at = snapshot.text.indexOf('manpower');
    const range = snapshot.rangeFor(at, at + 'manpower'.length);
    expect(range.toString()).toBe('manpower');
    // The mirror is in Spoke's container, hidden from assistive technology and from the pointer.
    expect(container.contains(range.startContainer)).toBe(true);
    const mirror = container.firstElementChild as HTMLElement;
    expect(mirror.getAttribute('aria-hidden')).toBe('true');
    expect(mirror.style.pointerEvents).toBe('none');
    // It follows the text as it changes.
    editor.value = 'we need more manpower, damn';
    expect(readEditorText(editor).rangeFor(23, 27).toString()).toBe('damn');
    unmount();
    expect(container.childElementCount).toBe(0);
  });

  it('knows the caret while the textarea has the focus, and a selected range as no caret', () => {
    const editor = textarea('Honestly this launch is damn good');
    expect(readEditorText(editor).caretOffset()).toBe(-1);
    expect(readEditorText(editor).caretRange()).toBeNull();
    editor.focus();
    editor.setSelectionRange(26, 26);
    expect(readEditorText(editor).caretOffset()).toBe(26);
    expect(readEditorText(editor).caretRange()?.startOffset).toBe(26);
    editor.setSelectionRange(24, 28);
    expect(readEditorText(editor).caretOffset()).toBe(-1);
  });

  it('a fix reaches the page as input even where execCommand is refused (the native setter)', async () => {
    const editor = textarea('Honestly this launch is damn good');
    const heard = vi.fn();
    editor.addEventListener('input', (event) => heard((event as InputEvent).inputType));
    // happy-dom has no execCommand; a browser that refuses it (or a page cancelling beforeinput) returns false.
    Object.defineProperty(document, 'execCommand', { value: () => false, configurable: true });
    const result = await replaceText(editor, 'textarea', 24, 28, 'd***');
    Reflect.deleteProperty(document, 'execCommand');
    expect(result).toEqual({ ok: true, text: 'Honestly this launch is d*** good', caret: 28 });
    expect(editor.value).toBe('Honestly this launch is d*** good');
    expect(heard).toHaveBeenCalledWith('insertReplacementText');
    expect(editor.selectionStart).toBe(28);
  });

  it('refuses offsets the text no longer has', async () => {
    const editor = textarea('short');
    expect(await replaceText(editor, 'textarea', 2, 40, 'x')).toEqual({
      ok: false,
      reason: 'The text changed meanwhile.',
    });
  });

  it('a session sees typing through input events (a value changes no DOM) and checks the new text', async () => {
    const editor = textarea('');
    const composer: Composer = {
      definitionId: 'x-narrow',
      network: 'x',
      postKind: 'post',
      editorKind: 'textarea',
      editor,
      anchor: editor,
      postButton: () => null,
    };
    const requestCheck = vi.fn(async (_text: string) => ({ findings: [], confirmBeforePosting: false }));
    const session = createComposerSession(composer, { painter: null, requestCheck, muteRule: async () => true });
    editor.value = 'Hello from a narrow window';
    editor.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(requestCheck).toHaveBeenCalledWith('Hello from a narrow window'));
    expect(session.store.getState().empty).toBe(false);
    session.destroy();
  });
});
