import { observedPostButton, observePostButton } from '@/lib/composer/post-button';
import { SITE_HOSTS, siteMatches } from './hosts';
import { linkedinReach } from './linkedin-reach';
import type { SiteAdapter } from './types';

// LinkedIn serves two stacks side by side (docs/sites.md §1): classic Ember with Quill editors, the share modal
// inside an open shadow root on #interop-outlet; and the 2026 server-driven UI with Tiptap editors, the share box in
// a native <dialog>. Both are listed; whichever the account gets is found.
const QUILL_EDITOR = '.ql-editor[contenteditable="true"][role="textbox"]';

const quillAnchor = (editor: HTMLElement): Element => editor.closest('.ql-container') ?? editor;
const tiptapAnchor = (editor: HTMLElement): Element => editor.parentElement ?? editor;

const SDUI_SHARE_SCOPE = 'dialog, [role="dialog"]';
const sduiShareScope = (editor: HTMLElement): Element | null => editor.closest(SDUI_SHARE_SCOPE);
const TIPTAP_TEXTBOX = '.ProseMirror[contenteditable="true"][role="textbox"]';

// Comments and replies share their comment-box markup; a box that sits inside a comment answers that comment.
const CLASSIC_COMMENT_BOX = '.comments-comment-box__form, .comments-comment-texteditor';
const CLASSIC_REPLY_AREA =
  '.comments-comment-entity, .comments-comment-item, .comments-replies-list, .comments-comment-box--reply';
const classicCommentButton = (editor: HTMLElement): HTMLElement | null =>
  editor
    .closest('.comments-comment-box__form')
    ?.querySelector('button[type="submit"], button[class*="comments-comment-box__submit-button"]') ?? null;
// The new stack keys a post's comment box by the post (commentBox-urn:li:activity:…); a reply box is keyed by, or
// nested in something keyed by, the comment it answers (urn:li:comment:…) [guess: modelled on the comment box].
const SDUI_REPLY_BOX =
  '[componentkey^="replyBox-"], [componentkey^="commentBox-"][componentkey*="urn:li:comment:"], [componentkey*="urn:li:comment:"] [componentkey^="commentBox-"]';
const sduiCommentButton = (box: Element | null): HTMLElement | null =>
  box?.querySelector('[componentkey^="commentButtonSection"] button[type="submit"]') ?? null;

/** The old guess for the SDUI Post button, used until its behaviour was observed: the only button with text and no icon. */
const textOnlyButtonIn = (container: Element | null): HTMLElement | null =>
  [...(container?.querySelectorAll<HTMLElement>('button') ?? [])].find(
    (button) => !button.querySelector('svg') && button.textContent?.trim(),
  ) ?? null;

export const linkedin: SiteAdapter = {
  network: 'linkedin',
  hosts: SITE_HOSTS.linkedin,
  matches: siteMatches('linkedin'),
  composers: [
    {
      id: 'linkedin-classic-share',
      editor: 'quill',
      selector: QUILL_EDITOR,
      within: '[data-test-modal-id="sharebox"], .share-creation-state',
      postKind: 'post',
      anchor: quillAnchor,
      postButton: (editor) =>
        editor
          .closest('[data-test-modal-id="sharebox"], .share-box-v2__modal')
          ?.querySelector('.share-actions__primary-action') ?? null,
    },
    {
      id: 'linkedin-classic-reply',
      editor: 'quill',
      selector: QUILL_EDITOR,
      within: `:is(${CLASSIC_REPLY_AREA}) :is(${CLASSIC_COMMENT_BOX})`,
      postKind: 'reply',
      anchor: quillAnchor,
      postButton: classicCommentButton,
    },
    {
      id: 'linkedin-classic-comment',
      editor: 'quill',
      selector: QUILL_EDITOR,
      // Not a box inside a comment: that one is a reply, even if the reply definition were switched off.
      within: `:is(${CLASSIC_COMMENT_BOX}):not(:is(${CLASSIC_REPLY_AREA}) *)`,
      postKind: 'comment',
      anchor: quillAnchor,
      postButton: classicCommentButton,
    },
    {
      id: 'linkedin-share',
      editor: 'tiptap',
      selector: '[componentkey="ShareBox_textEditor"][contenteditable="true"]',
      within: SDUI_SHARE_SCOPE,
      postKind: 'post',
      anchor: (editor) => {
        // Found while still empty: note which of the dialog's buttons are disabled, to see which one Post is.
        observePostButton(editor, sduiShareScope(editor));
        return tiptapAnchor(editor);
      },
      // The Post button has no hook and a localised label: the button whose disabled state follows the editor's
      // emptiness (lib/composer/post-button.ts); the old text-only guess only until that flip was seen.
      postButton: (editor) =>
        observedPostButton(editor, sduiShareScope(editor)) ?? textOnlyButtonIn(sduiShareScope(editor)),
    },
    {
      id: 'linkedin-reply',
      editor: 'tiptap',
      selector: TIPTAP_TEXTBOX,
      within: SDUI_REPLY_BOX,
      postKind: 'reply',
      anchor: tiptapAnchor,
      postButton: (editor) => sduiCommentButton(editor.closest(SDUI_REPLY_BOX)),
    },
    {
      id: 'linkedin-comment',
      editor: 'tiptap',
      selector: TIPTAP_TEXTBOX,
      // Not a reply box (keyed by or nested in a comment), even if the reply definition were switched off.
      within:
        '[componentkey^="commentBox-"]:not([componentkey*="urn:li:comment:"], [componentkey*="urn:li:comment:"] *)',
      postKind: 'comment',
      anchor: tiptapAnchor,
      // The submit button sits in a sibling section keyed like the comment box ("commentButtonSection-<urn>").
      postButton: (editor) => sduiCommentButton(editor.closest('[componentkey^="commentBox-"]')),
    },
    {
      // A company page's share box, where its admins write as the page: a Tiptap textbox in a dialog, without the
      // member share box's component key (docs/sites.md §1). Last, so every keyed composer wins over it.
      id: 'linkedin-page-share',
      editor: 'tiptap',
      selector: TIPTAP_TEXTBOX,
      within: SDUI_SHARE_SCOPE,
      postKind: 'post',
      anchor: (editor) => {
        observePostButton(editor, sduiShareScope(editor));
        return tiptapAnchor(editor);
      },
      // By behaviour only: the page's author button comes first and has text and no icon, so a guess would pick it.
      postButton: (editor) => observedPostButton(editor, sduiShareScope(editor)),
    },
  ],
  leftAlone: [
    {
      // Long-form articles (title, headings, images; tens of thousands of characters) are not posts: the guidelines
      // and the share and reach tracking are written for posts, comments and replies. The post that shares an
      // article is a share box, checked as such.
      id: 'linkedin-article',
      selector:
        '[data-test-article-editor-content-textbox][contenteditable="true"], .article-editor-content [contenteditable="true"]',
      related: '#article-editor-headline__textarea, .article-editor-headline__textarea',
      label: 'Articles are not checked',
      reason:
        'Spoke does not check LinkedIn articles, only posts, comments and replies. The post that shares your article is checked.',
      anchor: (editor) => editor.closest('.article-editor-content') ?? editor.parentElement ?? editor,
    },
  ],
  reach: linkedinReach,
};
