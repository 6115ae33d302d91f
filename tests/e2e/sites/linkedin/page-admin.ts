// A company page's admin view on the new stack: the page's share box is a <dialog> with a Tiptap editor that lacks
// the member share box's componentkey. Its editor is created when the dialog opens and destroyed when it closes.
import type { Editor } from '@tiptap/core';
import { unregisterComposer } from '../shared/fixture-api';
import { el } from '../shared/published';
import { fixtureStrings } from './strings';
import { createLinkedInTiptap, registerTiptap } from './tiptap';

const strings = fixtureStrings();

const dialog = document.querySelector<HTMLDialogElement>('dialog[data-testid="dialog"]');
const mount = document.getElementById('share-editor');
// data-fixture-post is the fixture's own handle; the live button has no hook.
const postButton = dialog?.querySelector<HTMLButtonElement>('button[data-fixture-post]');
const launcher = document.querySelector<HTMLElement>('[data-fixture-launcher]');
if (!dialog || !mount || !postButton || !launcher) throw new Error('fixture: page share box incomplete');
postButton.textContent = strings.post;
dialog.querySelector('[data-fixture-string="pageAudience"]')?.replaceChildren(strings.pageAudience);
dialog.querySelector('[data-dismiss]')?.setAttribute('aria-label', strings.dismiss);
launcher.setAttribute('aria-label', strings.startPost);
launcher.firstElementChild?.replaceChildren(strings.startPost);
let editor: Editor | undefined;

function open(): void {
  if (!dialog || !mount || !postButton || dialog.open) return;
  dialog.showModal();
  editor = createLinkedInTiptap(mount, { 'aria-label': strings.editorLabel }, strings.sharePlaceholder, postButton);
  registerTiptap('share', editor, postButton);
  editor.commands.focus();
}

function close(): void {
  editor?.destroy();
  editor = undefined;
  mount?.replaceChildren();
  unregisterComposer('share');
  if (dialog?.open) dialog.close();
}

/** After Post: the dialog closes and the page's new post tops its list. */
function publish(text: string): void {
  document
    .querySelector('[data-testid="page-posts"]')
    ?.prepend(
      el(
        'div',
        { role: 'listitem', class: '_c4rd' },
        el('header', {}, el('p', {}, el('strong', {}, 'Acme'))),
        el('div', { 'data-testid': 'expandable-text-box' }, text),
      ),
    );
}

launcher.addEventListener('click', open);
launcher.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' || event.key === ' ') open();
});
dialog.querySelector('[data-dismiss]')?.addEventListener('click', close);
dialog.addEventListener('close', close);
postButton.addEventListener('click', () => {
  if (!editor) return;
  publish(editor.getText().trim());
  close();
});
if (new URLSearchParams(location.search).get('shareActive') === 'true') open();
