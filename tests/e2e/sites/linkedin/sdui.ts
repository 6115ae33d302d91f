// New LinkedIn feed (server-driven UI): real Tiptap editors. The comment box exists from the start; the share box
// is a <dialog> opened with showModal(), and its editor is created when it opens and destroyed when it closes.
import { Editor } from '@tiptap/core';
import Placeholder from '@tiptap/extension-placeholder';
import StarterKit from '@tiptap/starter-kit';
import { registerComposer, unregisterComposer } from '../shared/fixture-api';
import { el, NEW_POST_VIEWS, nextPostId, showToast } from '../shared/published';
import { fixtureStrings } from './strings';

const strings = fixtureStrings();

function createLinkedInTiptap(
  element: HTMLElement,
  attributes: Record<string, string>,
  placeholder: string,
  postButton: HTMLButtonElement,
): Editor {
  const editor = new Editor({
    element,
    extensions: [StarterKit, Placeholder.configure({ placeholder })],
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', translate: 'no', ...attributes },
    },
  });
  const syncPostButton = () => {
    postButton.disabled = editor.getText().trim().length === 0;
  };
  editor.on('update', syncPostButton);
  syncPostButton();
  editor.on('blur', () => rewriteContent(editor));
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

function register(id: string, editor: Editor, postButton: HTMLButtonElement): void {
  registerComposer(id, {
    editor: editor.view.dom,
    model: () => editor.getText({ blockSeparator: '\n' }),
    postEnabled: () => !postButton.disabled,
  });
}

const commentMount = document.getElementById('comment-editor');
const commentButton = document.querySelector<HTMLButtonElement>('[componentkey^="commentButtonSection-"] button');
if (!commentMount || !commentButton) throw new Error('fixture: comment box incomplete');
register(
  'comment',
  createLinkedInTiptap(
    commentMount,
    { 'aria-label': 'Text editor for creating comment' },
    'Add a comment…',
    commentButton,
  ),
  commentButton,
);

const dialog = document.querySelector<HTMLDialogElement>('dialog[data-testid="dialog"]');
const shareMount = document.getElementById('share-editor');
// The Post button has no hook on the live site (data-fixture-post is the fixture's own handle): it is disabled while
// the editor is empty, like the author/audience button before it it has text and no icon.
const postButton = dialog?.querySelector<HTMLButtonElement>('button[data-fixture-post]');
const audienceButton = dialog?.querySelector('[data-fixture-string="audience"]');
if (!dialog || !shareMount || !postButton || !audienceButton) throw new Error('fixture: share dialog incomplete');
postButton.textContent = strings.post;
audienceButton.textContent = strings.audience;
let shareEditor: Editor | undefined;

function openShareBox(): void {
  if (!dialog || !shareMount || !postButton || dialog.open) return;
  dialog.showModal();
  shareEditor = createLinkedInTiptap(
    shareMount,
    { componentkey: 'ShareBox_textEditor', 'aria-label': 'Text editor for creating content' },
    'What do you want to talk about?',
    postButton,
  );
  register('share', shareEditor, postButton);
  shareEditor.commands.focus();
}

/**
 * After Post: the dialog closes, the new post tops the feed with its analytics link, and a "Post successful. View
 * post" toast links to it [guess: the SDUI toast markup is unknown; a role=alert region with the post's link].
 */
function publish(text: string): void {
  const id = nextPostId('7389000000000000000');
  const urn = `urn:li:activity:${id}`;
  document
    .querySelector('[data-testid="mainFeed"]')
    ?.prepend(
      el(
        'div',
        { role: 'listitem', componentkey: `update-card-focus-${urn}`, class: '_c4rd' },
        el('header', { class: '_hd' }, el('p', {}, el('strong', {}, 'Jane Doe'), ' • You')),
        el('div', { 'data-testid': 'expandable-text-box' }, text),
        el(
          'a',
          { href: `/analytics/post-summary/${urn}/?trk=metrics` },
          el('span', {}, `${NEW_POST_VIEWS} impressions`),
        ),
      ),
    );
  showToast(
    document.body,
    el(
      'div',
      { role: 'alert', class: '_t0a5t' },
      el('p', {}, 'Post successful.'),
      el('a', { href: `https://www.linkedin.com/feed/update/${urn}/` }, 'View post'),
    ),
  );
}

function closeShareBox(): void {
  shareEditor?.destroy();
  shareEditor = undefined;
  shareMount?.replaceChildren();
  unregisterComposer('share');
  if (dialog?.open) dialog.close();
}

const launcher = document.querySelector<HTMLElement>('[data-fixture-launcher]');
launcher?.setAttribute('aria-label', strings.startPost);
launcher?.firstElementChild?.replaceChildren(strings.startPost);
launcher?.addEventListener('click', openShareBox);
launcher?.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') openShareBox();
});
dialog.querySelector('[data-dismiss]')?.addEventListener('click', closeShareBox);
postButton.addEventListener('click', () => {
  if (!shareEditor) return;
  publish(shareEditor.getText().trim());
  closeShareBox();
});
dialog.addEventListener('close', closeShareBox);
if (new URLSearchParams(location.search).get('shareActive') === 'true') openShareBox();
