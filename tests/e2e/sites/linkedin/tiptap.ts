// LinkedIn's Tiptap editors, shared by the fixture pages: a real Tiptap with LinkedIn's attributes, and its Post
// (or Comment, Reply) button disabled while it is empty [likely]. The article body has no such button.
import { Editor } from '@tiptap/core';
import Placeholder from '@tiptap/extension-placeholder';
import StarterKit from '@tiptap/starter-kit';
import { registerComposer } from '../shared/fixture-api';

export function createLinkedInTiptap(
  element: HTMLElement,
  attributes: Record<string, string>,
  placeholder: string,
  postButton?: HTMLButtonElement,
): Editor {
  const editor = new Editor({
    element,
    extensions: [StarterKit, Placeholder.configure({ placeholder })],
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', translate: 'no', ...attributes },
    },
  });
  editor.on('blur', () => rewriteContent(editor));
  if (!postButton) return editor;
  const syncPostButton = () => {
    postButton.disabled = editor.getText().trim().length === 0;
  };
  editor.on('update', syncPostButton);
  syncPostButton();
  return editor;
}

/**
 * LinkedIn's editor rewrites its content when it loses focus (a public extension's notes, 2026): the same text in
 * new DOM nodes, so any DOM range taken before the focus left points at detached nodes. Two transactions, since
 * ProseMirror keeps the DOM of a document that compares equal; neither enters the undo history.
 */
function rewriteContent(editor: Editor): void {
  if (editor.isDestroyed) return;
  const content = editor.getJSON();
  editor.chain().setMeta('addToHistory', false).clearContent(false).run();
  editor.chain().setMeta('addToHistory', false).setContent(content, { emitUpdate: false }).run();
}

/** Makes the editor's model and its button's state readable by the tests (window.spokeFixture). */
export function registerTiptap(id: string, editor: Editor, postButton?: HTMLButtonElement): void {
  registerComposer(id, {
    editor: editor.view.dom,
    model: () => editor.getText({ blockSeparator: '\n' }),
    postEnabled: () => postButton?.disabled === false,
  });
}
