import type { Page } from '@playwright/test';
import type { PostKind } from '@/lib/contract/common';

/** One composer on one fixture site, and how a user makes it appear. */
export interface ComposerVariant {
  name: string;
  url: string;
  /** The fixture's id for this composer (window.spokeFixture). */
  fixtureId: string;
  /** The adapter definition Spoke should match it with. */
  definitionId: string;
  postKind: PostKind;
  /** Playwright selector for the editor (pierces open shadow roots). */
  editor: string;
  /** The user action that makes the composer appear; absent when the page loads with it. */
  open?: (page: Page) => Promise<void>;
  /** Composers a user sees once it is open: Spoke must mark exactly these, decoys excluded. */
  visibleComposers: number;
  /** The editor replaces its DOM when it loses focus, as LinkedIn's Tiptap does (tests/e2e/sites/linkedin/sdui.ts). */
  rewritesOnBlur?: boolean;
}

const LINKEDIN_FEED = 'https://www.linkedin.com/feed/';
const LINKEDIN_NEW_FEED = 'https://www.linkedin.com/feed/?variant=new';

export const linkedinClassic: ComposerVariant[] = [
  {
    name: 'linkedin-classic-share',
    url: LINKEDIN_FEED,
    fixtureId: 'share',
    definitionId: 'linkedin-classic-share',
    postKind: 'post',
    editor: '#interop-outlet .share-creation-state .ql-editor',
    open: (page) => page.getByRole('button', { name: 'Start a post' }).click(),
    visibleComposers: 2,
  },
  {
    // The same share modal in French: Spoke reads no UI string.
    name: 'linkedin-classic-share-fr',
    url: `${LINKEDIN_FEED}?lang=fr`,
    fixtureId: 'share',
    definitionId: 'linkedin-classic-share',
    postKind: 'post',
    editor: '#interop-outlet .share-creation-state .ql-editor',
    open: (page) => page.getByRole('button', { name: 'Commencer un post' }).click(),
    visibleComposers: 2,
  },
  {
    name: 'linkedin-classic-comment',
    url: LINKEDIN_FEED,
    fixtureId: 'comment',
    definitionId: 'linkedin-classic-comment',
    postKind: 'comment',
    editor: '.comments-comment-box .ql-editor',
    visibleComposers: 1,
  },
];

export const linkedinNew: ComposerVariant[] = [
  {
    name: 'linkedin-new-share',
    url: LINKEDIN_NEW_FEED,
    fixtureId: 'share',
    definitionId: 'linkedin-share',
    postKind: 'post',
    editor: 'dialog [componentkey="ShareBox_textEditor"]',
    open: (page) => page.getByLabel('Start a post').click(),
    visibleComposers: 2,
    rewritesOnBlur: true,
  },
  {
    // The same share dialog in German: launcher "Beitrag beginnen", Post button "Posten".
    name: 'linkedin-new-share-de',
    url: `${LINKEDIN_NEW_FEED}&lang=de`,
    fixtureId: 'share',
    definitionId: 'linkedin-share',
    postKind: 'post',
    editor: 'dialog [componentkey="ShareBox_textEditor"]',
    open: (page) => page.getByLabel('Beitrag beginnen').click(),
    visibleComposers: 2,
    rewritesOnBlur: true,
  },
  {
    name: 'linkedin-new-comment',
    url: LINKEDIN_NEW_FEED,
    fixtureId: 'comment',
    definitionId: 'linkedin-comment',
    postKind: 'comment',
    editor: '[componentkey^="commentBox-"] [contenteditable="true"]',
    visibleComposers: 1,
    rewritesOnBlur: true,
  },
];

export const x: ComposerVariant[] = [
  {
    name: 'x-inline',
    url: 'https://x.com/home',
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: '[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]',
    visibleComposers: 1,
  },
  {
    name: 'x-modal',
    url: 'https://x.com/home',
    fixtureId: 'modal',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: '#layers [data-testid="tweetTextarea_0"]',
    open: (page) => page.getByTestId('SideNav_NewTweet_Button').click(),
    visibleComposers: 2,
  },
  {
    name: 'x-reply',
    url: 'https://x.com/janedoe/status/1890000000000000001',
    fixtureId: 'reply',
    definitionId: 'x-inline',
    postKind: 'reply',
    editor: '[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]',
    open: (page) => page.getByTestId('reply-placeholder').click(),
    visibleComposers: 1,
  },
  {
    name: 'twitter-inline',
    url: 'https://twitter.com/home',
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: '[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]',
    visibleComposers: 1,
  },
];
