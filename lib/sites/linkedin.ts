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
      id: 'linkedin-classic-comment',
      editor: 'quill',
      selector: QUILL_EDITOR,
      within: '.comments-comment-box__form, .comments-comment-texteditor',
      postKind: 'comment',
      anchor: quillAnchor,
      postButton: (editor) =>
        editor
          .closest('.comments-comment-box__form')
          ?.querySelector('button[type="submit"], button[class*="comments-comment-box__submit-button"]') ?? null,
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
      id: 'linkedin-comment',
      editor: 'tiptap',
      selector: '.ProseMirror[contenteditable="true"][role="textbox"]',
      within: '[componentkey^="commentBox-"]',
      postKind: 'comment',
      anchor: tiptapAnchor,
      // The submit button sits in a sibling section keyed like the comment box ("commentButtonSection-<urn>").
      postButton: (editor) =>
        editor
          .closest('[componentkey^="commentBox-"]')
          ?.querySelector('[componentkey^="commentButtonSection"] button[type="submit"]') ?? null,
    },
  ],
  reach: linkedinReach,
};
