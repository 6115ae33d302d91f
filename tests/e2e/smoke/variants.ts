import type { Page } from '@playwright/test';
import type { PostKind } from '@/lib/contract/common';
import { type FixtureLanguage, LINKEDIN_STRINGS, type LinkedInStrings } from '../sites/linkedin/strings';

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
  /** Spoke's UI host of this composer, when several composers share its definition (thread parts). */
  host?: string;
  /** The window size the composer shows in (X's narrow-window composer); the harness default otherwise. */
  viewport?: { width: number; height: number };
}

const LINKEDIN_FEED = 'https://www.linkedin.com/feed/';
const LINKEDIN_NEW_FEED = 'https://www.linkedin.com/feed/?variant=new';
/** A company page's admin view, where a page admin posts as the page. */
const LINKEDIN_PAGE_ADMIN = 'https://www.linkedin.com/company/acme/admin/page-posts/published/';

/** The fixture URL in a UI language (`?lang=`, tests/e2e/sites/linkedin/strings.ts); English needs none. */
function inLanguage(url: string, lang: FixtureLanguage): string {
  if (lang === 'en') return url;
  const localised = new URL(url);
  localised.searchParams.set('lang', lang);
  return localised.toString();
}

// A member opens each composer as they see it, in their UI language: by the localised name of the launcher or
// the Reply action (the fixture's own strings), never by an English word. Spoke itself reads none of them.
const clickButton = (name: (s: LinkedInStrings) => string, lang: FixtureLanguage) => (page: Page) =>
  page.getByRole('button', { name: name(LINKEDIN_STRINGS[lang]), exact: true }).click();
/** The new stack's "Start a post" launcher is a labelled div, not a button. */
const clickLabelled = (name: (s: LinkedInStrings) => string, lang: FixtureLanguage) => (page: Page) =>
  page.getByLabel(name(LINKEDIN_STRINGS[lang]), { exact: true }).click();

const CLASSIC_SHARE_EDITOR = '#interop-outlet .share-creation-state .ql-editor';
const CLASSIC_COMMENT_EDITOR = '.feed-shared-update-v2 > .comments-comment-box .ql-editor';
const CLASSIC_REPLY_EDITOR = '.comments-comment-entity .comments-replies-list .ql-editor';

function classicShare(lang: FixtureLanguage, name: string): ComposerVariant {
  return {
    name,
    url: inLanguage(LINKEDIN_FEED, lang),
    fixtureId: 'share',
    definitionId: 'linkedin-classic-share',
    postKind: 'post',
    editor: CLASSIC_SHARE_EDITOR,
    open: clickButton((s) => s.startPost, lang),
    visibleComposers: 2, // the share modal and the comment box under the post
  };
}

function classicComment(lang: FixtureLanguage): ComposerVariant {
  return {
    name: `linkedin-classic-comment-${lang}`,
    url: inLanguage(LINKEDIN_FEED, lang),
    fixtureId: 'comment',
    definitionId: 'linkedin-classic-comment',
    postKind: 'comment',
    editor: CLASSIC_COMMENT_EDITOR,
    visibleComposers: 1,
  };
}

function classicReply(lang: FixtureLanguage): ComposerVariant {
  return {
    name: `linkedin-classic-reply-${lang}`,
    url: inLanguage(LINKEDIN_FEED, lang),
    fixtureId: 'reply',
    definitionId: 'linkedin-classic-reply',
    postKind: 'reply',
    editor: CLASSIC_REPLY_EDITOR,
    open: clickButton((s) => s.reply, lang),
    visibleComposers: 2, // the reply box and the comment box under the post
  };
}

/**
 * Classic LinkedIn (Quill), every surface in two UI languages. The first two are the share modal in English and
 * French: other suites (sync, reach, console) pick them by position.
 */
export const linkedinClassic: ComposerVariant[] = [
  classicShare('en', 'linkedin-classic-share'),
  classicShare('fr', 'linkedin-classic-share-fr'),
  classicComment('de'),
  classicComment('ja'),
  classicReply('en'),
  classicReply('de'),
];

const NEW_SHARE_EDITOR = 'dialog [componentkey="ShareBox_textEditor"]';
const NEW_COMMENT_EDITOR = '[componentkey^="commentBox-urn:li:activity:"] [contenteditable="true"]';
const NEW_REPLY_EDITOR = '[componentkey^="commentBox-urn:li:comment:"] [contenteditable="true"]';
const PAGE_SHARE_EDITOR = 'dialog [data-testid="ui-core-tiptap-text-editor-wrapper"] [contenteditable="true"]';

function newShare(lang: FixtureLanguage, name: string): ComposerVariant {
  return {
    name,
    url: inLanguage(LINKEDIN_NEW_FEED, lang),
    fixtureId: 'share',
    definitionId: 'linkedin-share',
    postKind: 'post',
    editor: NEW_SHARE_EDITOR,
    open: clickLabelled((s) => s.startPost, lang),
    visibleComposers: 2,
    rewritesOnBlur: true,
  };
}

function newComment(lang: FixtureLanguage): ComposerVariant {
  return {
    name: `linkedin-new-comment-${lang}`,
    url: inLanguage(LINKEDIN_NEW_FEED, lang),
    fixtureId: 'comment',
    definitionId: 'linkedin-comment',
    postKind: 'comment',
    editor: NEW_COMMENT_EDITOR,
    visibleComposers: 1,
    rewritesOnBlur: true,
  };
}

function newReply(lang: FixtureLanguage): ComposerVariant {
  return {
    name: `linkedin-new-reply-${lang}`,
    url: inLanguage(LINKEDIN_NEW_FEED, lang),
    fixtureId: 'reply',
    definitionId: 'linkedin-reply',
    postKind: 'reply',
    editor: NEW_REPLY_EDITOR,
    open: clickButton((s) => s.reply, lang),
    visibleComposers: 2,
    rewritesOnBlur: true,
  };
}

/** A company page's share box: Tiptap in a dialog without the member share box's component key. */
function pageShare(lang: FixtureLanguage): ComposerVariant {
  return {
    name: `linkedin-page-share-${lang}`,
    url: inLanguage(LINKEDIN_PAGE_ADMIN, lang),
    fixtureId: 'share',
    definitionId: 'linkedin-page-share',
    postKind: 'post',
    editor: PAGE_SHARE_EDITOR,
    open: clickLabelled((s) => s.startPost, lang),
    visibleComposers: 1,
    rewritesOnBlur: true,
  };
}

/**
 * LinkedIn's new stack (Tiptap), every surface in two UI languages. The first two are the share dialog in English
 * and German: other suites (sync, reach) pick them by position.
 */
export const linkedinNew: ComposerVariant[] = [
  newShare('en', 'linkedin-new-share'),
  newShare('de', 'linkedin-new-share-de'),
  newComment('fr'),
  newComment('ja'),
  newReply('fr'),
  newReply('ja'),
  pageShare('de'),
  pageShare('ja'),
];

const X_HOME = 'https://x.com/home';
const X_POST = 'https://x.com/janedoe/status/1890000000000000001';
/** Draft.js editors as X renders them: the test id on the contenteditable, numbered per thread part. */
const X_INLINE_EDITOR = '[data-testid="primaryColumn"] [data-testid="tweetTextarea_0"]';
const X_MODAL_EDITOR = '#layers [role="dialog"] [data-testid="tweetTextarea_0"]';
/** A window narrow enough for X's mobile layout, where the composer is a <textarea>. */
const NARROW = { width: 420, height: 760 };

/**
 * Every X surface, each in two UI languages (`?lang=`, tests/e2e/sites/x/strings.ts); the first four keep their
 * places, other specs pick them by index. Where a user would click a labelled control, the variant clicks it by its
 * label in that language (the UI is there in that language); Spoke itself reads no UI string.
 */
export const x: ComposerVariant[] = [
  {
    name: 'x-inline',
    url: X_HOME,
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: X_INLINE_EDITOR,
    visibleComposers: 1,
  },
  {
    name: 'x-modal',
    url: X_HOME,
    fixtureId: 'modal',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: X_MODAL_EDITOR,
    open: (page) => page.getByTestId('SideNav_NewTweet_Button').click(),
    visibleComposers: 2,
  },
  {
    name: 'x-reply',
    url: X_POST,
    fixtureId: 'reply',
    definitionId: 'x-inline',
    postKind: 'reply',
    editor: X_INLINE_EDITOR,
    open: (page) => page.getByTestId('reply-placeholder').click(),
    visibleComposers: 1,
  },
  {
    name: 'twitter-inline',
    url: 'https://twitter.com/home',
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: X_INLINE_EDITOR,
    visibleComposers: 1,
  },
  {
    name: 'x-inline-ja',
    url: `${X_HOME}?lang=ja`,
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: X_INLINE_EDITOR,
    visibleComposers: 1,
  },
  {
    name: 'x-modal-de',
    url: `${X_HOME}?lang=de`,
    fixtureId: 'modal',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: X_MODAL_EDITOR,
    open: (page) => page.getByRole('link', { name: 'Posten', exact: true }).click(),
    visibleComposers: 2,
  },
  {
    name: 'x-reply-fr',
    url: `${X_POST}?lang=fr`,
    fixtureId: 'reply',
    definitionId: 'x-inline',
    postKind: 'reply',
    editor: X_INLINE_EDITOR,
    open: (page) => page.getByRole('button', { name: 'Postez votre réponse', exact: true }).click(),
    visibleComposers: 1,
  },
  {
    name: 'twitter-inline-de',
    url: 'https://twitter.com/home?lang=de',
    fixtureId: 'inline',
    definitionId: 'x-inline',
    postKind: 'post',
    editor: X_INLINE_EDITOR,
    visibleComposers: 1,
  },
  {
    // A post's reply button opens the modal with the post being answered above the editor.
    name: 'x-reply-modal-ja',
    url: `${X_HOME}?lang=ja`,
    fixtureId: 'reply-modal',
    definitionId: 'x-modal',
    postKind: 'reply',
    editor: X_MODAL_EDITOR,
    open: (page) => page.getByRole('button', { name: '3 件の返信。返信', exact: true }).click(),
    visibleComposers: 2,
  },
  {
    name: 'x-reply-modal-fr',
    url: `${X_HOME}?lang=fr`,
    fixtureId: 'reply-modal',
    definitionId: 'x-modal',
    postKind: 'reply',
    editor: X_MODAL_EDITOR,
    open: (page) => page.getByRole('button', { name: '3 réponses. Répondre', exact: true }).click(),
    visibleComposers: 2,
  },
  {
    // Repost → Quote: the quoted post below the editor. A quote is a post of one's own (PostKind has no quote).
    name: 'x-quote-de',
    url: `${X_HOME}?lang=de`,
    fixtureId: 'quote',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: X_MODAL_EDITOR,
    open: async (page) => {
      await page.getByRole('button', { name: '2 Reposts. Reposten', exact: true }).click();
      await page.getByRole('menuitem', { name: 'Zitieren', exact: true }).click();
    },
    visibleComposers: 2,
  },
  {
    name: 'x-quote-ja',
    url: `${X_HOME}?lang=ja`,
    fixtureId: 'quote',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: X_MODAL_EDITOR,
    open: async (page) => {
      await page.getByRole('button', { name: '2 件のリポスト。リポスト', exact: true }).click();
      await page.getByRole('menuitem', { name: '引用', exact: true }).click();
    },
    visibleComposers: 2,
  },
  {
    // The second part of a thread: its own Draft editor and badge; the modal's one button posts all parts.
    name: 'x-thread-part2-fr',
    url: `${X_HOME}?lang=fr`,
    fixtureId: 'thread-1',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: '#layers [role="dialog"] [data-testid="tweetTextarea_1"]',
    host: '[data-testid="tweetTextarea_1RichTextInputContainer"] + spoke-composer-ui[data-spoke-composer="x-modal"]',
    open: async (page) => {
      await page.getByRole('link', { name: 'Poster', exact: true }).click();
      await page.locator(X_MODAL_EDITOR).click();
      await page.keyboard.type('Un fil en deux parties.');
      await page.getByRole('button', { name: 'Ajouter un post', exact: true }).click();
    },
    visibleComposers: 3,
  },
  {
    name: 'x-thread-part2-ja',
    url: `${X_HOME}?lang=ja`,
    fixtureId: 'thread-1',
    definitionId: 'x-modal',
    postKind: 'post',
    editor: '#layers [role="dialog"] [data-testid="tweetTextarea_1"]',
    host: '[data-testid="tweetTextarea_1RichTextInputContainer"] + spoke-composer-ui[data-spoke-composer="x-modal"]',
    open: async (page) => {
      await page.getByRole('link', { name: 'ポストする', exact: true }).click();
      await page.locator(X_MODAL_EDITOR).click();
      await page.keyboard.type('スレッドの一つ目。');
      await page.getByRole('button', { name: 'ポストを追加', exact: true }).click();
    },
    visibleComposers: 3,
  },
  {
    // X's mobile layout: the floating Post button opens a full-screen composer that is a plain <textarea>.
    name: 'x-narrow-en',
    url: X_HOME,
    fixtureId: 'narrow',
    definitionId: 'x-narrow',
    postKind: 'post',
    editor: 'textarea[data-testid="tweetTextarea_0"]',
    viewport: NARROW,
    open: (page) => page.getByRole('link', { name: 'Post', exact: true }).click(),
    visibleComposers: 1,
  },
  {
    name: 'x-narrow-de',
    url: `${X_HOME}?lang=de`,
    fixtureId: 'narrow',
    definitionId: 'x-narrow',
    postKind: 'post',
    editor: 'textarea[data-testid="tweetTextarea_0"]',
    viewport: NARROW,
    open: (page) => page.getByRole('link', { name: 'Posten', exact: true }).click(),
    visibleComposers: 1,
  },
];
