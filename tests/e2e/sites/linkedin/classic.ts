// Classic LinkedIn feed: real Quill 1.3.7 editors. The comment box is in the light DOM from the start; a comment's
// Reply action renders a reply box into its replies list; the share modal is rendered into the open shadow root on
// #interop-outlet when "Start a post" is clicked. Every UI string comes from strings.ts (`?lang=`).
import Quill from 'quill';
import quillCoreCss from 'quill/dist/quill.core.css?inline';
import { registerComposer, unregisterComposer } from '../shared/fixture-api';
import { el, NEW_POST_VIEWS, nextPostId, showToast } from '../shared/published';
import { fixtureStrings } from './strings';

const strings = fixtureStrings();

const MODAL_CSS = `
  :host { all: initial; }
  .artdeco-modal-overlay { position: fixed; inset: 0; background: rgba(0,0,0,.6); display: flex; align-items: flex-start; justify-content: center; padding-top: 48px; z-index: 1000; font: 14px/1.4 -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; color: rgba(0,0,0,.9); }
  .share-box-v2__modal { position: relative; background: #fff; width: 744px; max-width: calc(100vw - 32px); border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,.3); display: flex; flex-direction: column; }
  .artdeco-modal__dismiss { position: absolute; top: 12px; right: 12px; border: 0; background: none; font-size: 18px; color: #666; cursor: pointer; }
  .share-box-v2__header { padding: 16px 24px 8px; }
  .share-box-v2__title { position: absolute; clip: rect(1px,1px,1px,1px); }
  .share-unified-settings-entry-button { border: 0; background: none; font: 600 18px system-ui; padding: 4px 0; color: rgba(0,0,0,.9); }
  .share-box-v2__modal-content { padding: 0 24px; }
  .share-creation-state__text-editor .ql-editor { min-height: 220px; font-size: 16px; padding: 12px 0; }
  .share-creation-state__text-editor .ql-editor.ql-blank::before { left: 0; font-style: normal; color: #666; }
  .share-creation-state__footer { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px 16px; border-top: 1px solid #e8e8e8; }
  .share-creation-state__footer button { border: 0; background: none; font-size: 18px; color: #666; }
  .share-actions { display: flex; align-items: center; gap: 8px; }
  .share-actions__primary-action { background: #0a66c2 !important; color: #fff !important; border-radius: 16px; padding: 6px 16px; font: 600 16px system-ui !important; }
  .share-actions__primary-action:disabled { background: #e8e8e8 !important; color: #999 !important; }
`;

/** Builds a Quill the way LinkedIn's classic editor looks: plain text, no toolbar, LinkedIn's attributes. */
function createLinkedInQuill(
  container: HTMLElement,
  placeholder: string,
  postButton: HTMLButtonElement,
  label = strings.editorLabel,
): Quill {
  const quill = new Quill(container, { placeholder, formats: [], modules: { toolbar: false } });
  const attributes: Record<string, string> = {
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-placeholder': placeholder,
    'data-test-ql-editor-contenteditable': 'true',
    'data-gramm': 'false',
    spellcheck: 'true',
  };
  for (const [name, value] of Object.entries(attributes)) quill.root.setAttribute(name, value);
  const syncPostButton = () => {
    postButton.disabled = quill.getText().trim().length === 0;
  };
  quill.on('text-change', syncPostButton);
  syncPostButton();
  return quill;
}

function register(id: string, quill: Quill, postButton: HTMLButtonElement): void {
  registerComposer(id, {
    editor: quill.root,
    model: () => quill.getText().replace(/\n$/, ''), // Quill always ends its text with a newline
    postEnabled: () => !postButton.disabled,
  });
}

// The comment box under the own post.
const commentForm = document.querySelector<HTMLFormElement>('.comments-comment-box__form');
if (!commentForm) throw new Error('fixture: comment form missing');
const commentButton = commentForm.querySelector<HTMLButtonElement>('button[type="submit"]');
const commentContainer = commentForm.querySelector<HTMLElement>('.ql-container');
if (!commentButton || !commentContainer) throw new Error('fixture: comment box incomplete');
commentForm.addEventListener('submit', (event) => event.preventDefault());
commentButton.querySelector('.artdeco-button__text')?.replaceChildren(strings.comment);
register(
  'comment',
  createLinkedInQuill(commentContainer, strings.commentPlaceholder, commentButton, strings.commentEditorLabel),
  commentButton,
);

// A comment's Reply action: the reply box appears in the comment's replies list, its Quill focused.
const replyTemplate = document.querySelector<HTMLTemplateElement>('template#reply-box-template');
const replyAction = document.querySelector<HTMLButtonElement>('.comments-comment-social-bar__reply-action-button--cr');
const repliesList = document.querySelector('.comments-comment-entity .comments-replies-list');
if (!replyTemplate || !replyAction || !repliesList) throw new Error('fixture: comment reply parts missing');
replyAction.querySelector('.artdeco-button__text')?.replaceChildren(strings.reply);
replyAction.addEventListener('click', () => {
  if (repliesList.querySelector('.comments-comment-box')) return;
  repliesList.append(replyTemplate.content.cloneNode(true));
  const form = repliesList.querySelector<HTMLFormElement>('.comments-comment-box__form');
  const container = form?.querySelector<HTMLElement>('.ql-container');
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!form || !container || !button) throw new Error('fixture: reply box incomplete');
  form.addEventListener('submit', (event) => event.preventDefault());
  button.querySelector('.artdeco-button__text')?.replaceChildren(strings.reply);
  const quill = createLinkedInQuill(container, strings.replyPlaceholder, button, strings.commentEditorLabel);
  register('reply', quill, button);
  quill.focus();
});

// The share modal, in the shadow root.
const outlet = document.getElementById('interop-outlet');
const template = document.querySelector<HTMLTemplateElement>('template#sharebox-template');
if (!outlet || !template) throw new Error('fixture: share modal parts missing');
const modalTemplate = template;
const shadow = outlet.attachShadow({ mode: 'open' });
const styles = new CSSStyleSheet();
styles.replaceSync(quillCoreCss + MODAL_CSS);
shadow.adoptedStyleSheets = [styles];

function openShareModal(): void {
  if (shadow.querySelector('[data-test-modal-id="sharebox"]')) return;
  shadow.append(modalTemplate.content.cloneNode(true));
  const container = shadow.querySelector<HTMLElement>('.share-creation-state__text-editor .ql-container');
  const postButton = shadow.querySelector<HTMLButtonElement>('.share-actions__primary-action');
  if (!container || !postButton) throw new Error('fixture: share modal incomplete');
  postButton.querySelector('.artdeco-button__text')?.replaceChildren(strings.post);
  const audience = shadow.querySelector('.share-unified-settings-entry-button');
  audience?.replaceChildren(strings.audience);
  audience?.setAttribute('aria-label', strings.audience.replace(' · ', ', ').replace(' ▾', ''));
  shadow.querySelector('[data-test-modal-close-btn]')?.setAttribute('aria-label', strings.dismiss);
  const quill = createLinkedInQuill(container, strings.sharePlaceholder, postButton);
  register('share', quill, postButton);
  postButton.addEventListener('click', () => {
    publish(quill.getText().trim());
    closeShareModal();
  });
  shadow.querySelector('[data-test-modal-close-btn]')?.addEventListener('click', closeShareModal);
  quill.focus();
}

/**
 * After Post: the modal closes, the new post tops the feed with the author's analytics entry point, and LinkedIn's
 * "Post successful. View post" toast links to it [guess: the artdeco toast and its CTA, unverified live].
 */
function publish(text: string): void {
  const id = nextPostId('7359000000000000000');
  const urn = `urn:li:activity:${id}`;
  document
    .querySelector('.scaffold-finite-scroll__content')
    ?.prepend(
      el(
        'div',
        { class: 'feed-shared-update-v2 artdeco-card', role: 'article', 'data-urn': urn },
        el(
          'div',
          { class: 'update-components-actor' },
          el('span', { class: 'update-components-actor__name' }, 'Jane Doe'),
        ),
        el(
          'div',
          { class: 'update-components-text feed-shared-update-v2__commentary' },
          el('span', { dir: 'ltr' }, text),
        ),
        el(
          'div',
          { class: 'content-analytics-entry-point' },
          el(
            'a',
            { class: 'analytics-entry-point', href: `/analytics/post-summary/${urn}/` },
            el('span', { class: 'ca-entry-point__num-views t-14' }, el('strong', {}, `${NEW_POST_VIEWS} impressions`)),
          ),
        ),
      ),
    );
  const toasts = document.querySelector('.artdeco-toasts');
  if (toasts) {
    showToast(
      toasts,
      el(
        'div',
        { class: 'artdeco-toast-item', role: 'alert' },
        el('p', {}, 'Post successful.'),
        el(
          'a',
          { class: 'artdeco-toast-item__cta', href: `https://www.linkedin.com/feed/update/${urn}/` },
          'View post',
        ),
      ),
    );
  }
}

function closeShareModal(): void {
  shadow.replaceChildren();
  unregisterComposer('share');
}

document.querySelector('[data-fixture-string="writeArticle"]')?.replaceChildren(strings.writeArticle);
const trigger = document.querySelector('.share-box-feed-entry__trigger');
trigger?.setAttribute('aria-label', strings.startPost);
trigger?.querySelector('strong')?.replaceChildren(strings.startPost);
trigger?.addEventListener('click', openShareModal);
if (new URLSearchParams(location.search).get('shareActive') === 'true') openShareModal();
