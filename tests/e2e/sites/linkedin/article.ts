// LinkedIn's article editor: a Tiptap body under a title field, and a publishing step whose Quill editor holds the
// post that shares the article. Spoke leaves the body alone and checks that post like any other.
import Quill from 'quill';
import quillCoreCss from 'quill/dist/quill.core.css?inline';
import { registerComposer } from '../shared/fixture-api';
import { fixtureStrings } from './strings';
import { createLinkedInTiptap, registerTiptap } from './tiptap';

const strings = fixtureStrings();

const quillStyles = new CSSStyleSheet();
quillStyles.replaceSync(quillCoreCss);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, quillStyles];

const title = document.querySelector<HTMLTextAreaElement>('#article-editor-headline__textarea');
const bodyMount = document.getElementById('article-body');
const next = document.querySelector<HTMLButtonElement>('[data-fixture-string="next"]');
const publishTemplate = document.querySelector<HTMLTemplateElement>('template#publish-template');
if (!title || !bodyMount || !next || !publishTemplate) throw new Error('fixture: article editor incomplete');
title.placeholder = strings.articleTitle;
title.setAttribute('aria-label', strings.articleTitle);
next.textContent = strings.next;

// The body has no submit button of its own: publishing goes through Next.
const body = createLinkedInTiptap(
  bodyMount,
  { 'data-test-article-editor-content-textbox': '', 'aria-label': strings.articleBody },
  strings.articleBody,
);
registerTiptap('article', body);

next.addEventListener('click', () => {
  if (document.querySelector('[data-test-modal-id="sharebox"]')) return;
  document.body.append(publishTemplate.content.cloneNode(true));
  const container = document.querySelector<HTMLElement>('.share-creation-state__text-editor .ql-container');
  const publish = document.querySelector<HTMLButtonElement>('.share-actions__primary-action');
  if (!container || !publish) throw new Error('fixture: publishing step incomplete');
  publish.querySelector('.artdeco-button__text')?.replaceChildren(strings.publish);
  const quill = new Quill(container, {
    placeholder: strings.articleSharePlaceholder,
    formats: [],
    modules: { toolbar: false },
  });
  quill.root.setAttribute('role', 'textbox');
  quill.root.setAttribute('aria-label', strings.editorLabel);
  quill.root.setAttribute('aria-multiline', 'true');
  const sync = () => {
    publish.disabled = quill.getText().trim().length === 0;
  };
  quill.on('text-change', sync);
  sync();
  registerComposer('share', {
    editor: quill.root,
    model: () => quill.getText().replace(/\n$/, ''),
    postEnabled: () => !publish.disabled,
  });
  quill.focus();
});
