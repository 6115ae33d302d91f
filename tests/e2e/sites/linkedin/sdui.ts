// New LinkedIn feed (server-driven UI): real Tiptap editors. The comment box exists from the start; a comment's
// Reply action mounts a reply box under it; the share box is a <dialog> opened with showModal(), and its editor is
// created when it opens and destroyed when it closes. Every UI string comes from strings.ts (`?lang=`).
import type { Editor } from '@tiptap/core';
import { unregisterComposer } from '../shared/fixture-api';
import { el, NEW_POST_VIEWS, nextPostId, showToast } from '../shared/published';
import { fixtureStrings } from './strings';
import { createLinkedInTiptap, registerTiptap as register } from './tiptap';

const strings = fixtureStrings();

const commentMount = document.getElementById('comment-editor');
const commentButton = document.querySelector<HTMLButtonElement>('[componentkey^="commentButtonSection-"] button');
if (!commentMount || !commentButton) throw new Error('fixture: comment box incomplete');
commentButton.textContent = strings.comment;
register(
  'comment',
  createLinkedInTiptap(
    commentMount,
    { 'aria-label': strings.commentEditorLabel },
    strings.commentPlaceholder,
    commentButton,
  ),
  commentButton,
);

// A comment's Reply action: the reply box appears under the comment, its editor focused.
const replyTemplate = document.querySelector<HTMLTemplateElement>('template#reply-box-template');
const replyAction = document.querySelector<HTMLButtonElement>('button[data-fixture-reply]');
const replies = document.querySelector('[data-fixture-replies]');
if (!replyTemplate || !replyAction || !replies) throw new Error('fixture: comment reply parts missing');
replyAction.textContent = strings.reply;
replyAction.addEventListener('click', () => {
  if (replies.firstElementChild) return;
  replies.append(replyTemplate.content.cloneNode(true));
  const mount = replies.querySelector<HTMLElement>('[data-fixture-reply-mount]');
  const button = replies.querySelector<HTMLButtonElement>('[componentkey^="commentButtonSection-"] button');
  if (!mount || !button) throw new Error('fixture: reply box incomplete');
  button.textContent = strings.reply;
  const editor = createLinkedInTiptap(
    mount,
    { 'aria-label': strings.commentEditorLabel },
    strings.replyPlaceholder,
    button,
  );
  register('reply', editor, button);
  editor.commands.focus();
});

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
    { componentkey: 'ShareBox_textEditor', 'aria-label': strings.editorLabel },
    strings.sharePlaceholder,
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

const writeArticle = document.querySelector('[data-fixture-string="writeArticle"]');
writeArticle?.lastChild?.replaceWith(strings.writeArticle); // after its icon
writeArticle?.setAttribute('aria-label', strings.writeArticle);
dialog.querySelector('[data-dismiss]')?.setAttribute('aria-label', strings.dismiss);
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
