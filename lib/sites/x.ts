import { SITE_HOSTS, siteMatches } from './hosts';
import type { SiteAdapter } from './types';
import { xReach } from './x-reach';

// X's desktop composers are all Draft.js (docs/sites.md §2). The test id sits on the contenteditable itself and
// is numbered per thread part (tweetTextarea_0, _1, …). Modals render into #layers as role=dialog.
const DRAFT_EDITOR = '[data-testid^="tweetTextarea_"][contenteditable="true"][role="textbox"]';

/** Anchor after the rich-text container so the UI never lands inside Draft's own subtree. */
const draftAnchor = (editor: HTMLElement): Element =>
  editor.closest('[data-testid$="RichTextInputContainer"]') ?? editor.closest('.DraftEditor-root') ?? editor;

/** X's Post/Reply button: tweetButton in a dialog, tweetButtonInline on the page, in the same composer. */
const draftPostButton = (editor: HTMLElement): HTMLElement | null => {
  const scope = editor.closest('[role="dialog"]') ?? editor.closest('[data-testid="primaryColumn"]');
  return scope?.querySelector<HTMLElement>('[data-testid="tweetButton"], [data-testid="tweetButtonInline"]') ?? null;
};

export const x: SiteAdapter = {
  network: 'x',
  hosts: SITE_HOSTS.x,
  matches: siteMatches('x'),
  composers: [
    {
      id: 'x-modal',
      editor: 'draft',
      selector: DRAFT_EDITOR,
      within: '[role="dialog"]',
      // The reply modal shows the post being answered above the editor; the compose modal shows none. [guess]
      postKind: (editor) => (editor.closest('[role="dialog"]')?.querySelector('article') ? 'reply' : 'post'),
      anchor: draftAnchor,
      postButton: draftPostButton,
    },
    {
      id: 'x-inline',
      editor: 'draft',
      selector: DRAFT_EDITOR,
      within: '[data-testid="primaryColumn"]',
      // On a post page the inline composer answers the focused post (the article with tabindex=-1).
      postKind: (editor) =>
        editor.ownerDocument.querySelector('article[data-testid="tweet"][tabindex="-1"]') ? 'reply' : 'post',
      anchor: draftAnchor,
      postButton: draftPostButton,
    },
  ],
  reach: xReach,
};
