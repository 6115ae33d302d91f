// The LinkedIn fixtures' UI strings in the languages the E2E suite runs them in: `?lang=de`, `?lang=fr` or
// `?lang=ja` on the fixture URL switches every label, button and placeholder of the page, as a member's UI language
// does live. Spoke must find the composers and their Post buttons without reading any of these; the tests read
// them (LINKEDIN_STRINGS) to act like a member who sees the page in that language. Translations, not captures.

export interface LinkedInStrings {
  /** The share launcher ("Start a post"). */
  startPost: string;
  /** The share dialog's submit button. */
  post: string;
  /** The member's author/audience button in the share dialog. */
  audience: string;
  /** A company page's author/audience button, the page acting as the author. */
  pageAudience: string;
  sharePlaceholder: string;
  /** The accessible names of the share editor and of comment and reply editors. */
  editorLabel: string;
  commentEditorLabel: string;
  /** The share dialog's close button. */
  dismiss: string;
  /** The comment box's submit button. */
  comment: string;
  commentPlaceholder: string;
  /** A comment's "Reply" action and the reply box's submit button. */
  reply: string;
  replyPlaceholder: string;
  /** The feed's link to the article editor. */
  writeArticle: string;
  /** The article editor: its title field, its body and the button that goes on to publishing. */
  articleTitle: string;
  articleBody: string;
  next: string;
  /** The post that shares a new article (the publish dialog's editor). */
  articleSharePlaceholder: string;
  publish: string;
}

export type FixtureLanguage = 'en' | 'de' | 'fr' | 'ja';

export const LINKEDIN_STRINGS: Record<FixtureLanguage, LinkedInStrings> = {
  en: {
    startPost: 'Start a post',
    post: 'Post',
    audience: 'Jane Doe · Post to Anyone ▾',
    pageAudience: 'Acme · Post to Anyone ▾',
    sharePlaceholder: 'What do you want to talk about?',
    editorLabel: 'Text editor for creating content',
    commentEditorLabel: 'Text editor for creating comment',
    dismiss: 'Dismiss',
    comment: 'Comment',
    commentPlaceholder: 'Add a comment…',
    reply: 'Reply',
    replyPlaceholder: 'Add a reply…',
    writeArticle: 'Write article',
    articleTitle: 'Title',
    articleBody: 'Write here. You can also include @mentions.',
    next: 'Next',
    articleSharePlaceholder: 'Tell your network what your article is about',
    publish: 'Publish',
  },
  de: {
    startPost: 'Beitrag beginnen',
    post: 'Posten',
    audience: 'Jane Doe · Beitrag für alle ▾',
    pageAudience: 'Acme · Beitrag für alle ▾',
    sharePlaceholder: 'Worüber möchten Sie sprechen?',
    editorLabel: 'Texteditor zum Erstellen von Inhalten',
    commentEditorLabel: 'Texteditor zum Erstellen von Kommentaren',
    dismiss: 'Schließen',
    comment: 'Kommentieren',
    commentPlaceholder: 'Kommentar hinzufügen…',
    reply: 'Antworten',
    replyPlaceholder: 'Antwort hinzufügen…',
    writeArticle: 'Artikel schreiben',
    articleTitle: 'Titel',
    articleBody: 'Hier schreiben. Sie können auch @Erwähnungen einfügen.',
    next: 'Weiter',
    articleSharePlaceholder: 'Sagen Sie Ihrem Netzwerk, worum es in Ihrem Artikel geht',
    publish: 'Veröffentlichen',
  },
  fr: {
    startPost: 'Commencer un post',
    post: 'Publier',
    audience: 'Jane Doe · Publier pour tout le monde ▾',
    pageAudience: 'Acme · Publier pour tout le monde ▾',
    sharePlaceholder: 'De quoi souhaitez-vous discuter ?',
    editorLabel: 'Éditeur de texte pour créer du contenu',
    commentEditorLabel: 'Éditeur de texte pour créer un commentaire',
    dismiss: 'Ignorer',
    comment: 'Commenter',
    commentPlaceholder: 'Ajouter un commentaire…',
    reply: 'Répondre',
    replyPlaceholder: 'Ajouter une réponse…',
    writeArticle: 'Rédiger un article',
    articleTitle: 'Titre',
    articleBody: 'Écrivez ici. Vous pouvez aussi inclure des @mentions.',
    next: 'Suivant',
    articleSharePlaceholder: 'Dites à votre réseau de quoi parle votre article',
    publish: 'Publier',
  },
  ja: {
    startPost: '投稿を開始',
    post: '投稿',
    audience: 'Jane Doe · 全員に公開 ▾',
    pageAudience: 'Acme · 全員に公開 ▾',
    sharePlaceholder: '何について話したいですか？',
    editorLabel: 'コンテンツ作成用のテキストエディター',
    commentEditorLabel: 'コメント作成用のテキストエディター',
    dismiss: '閉じる',
    comment: 'コメント',
    commentPlaceholder: 'コメントを追加…',
    reply: '返信',
    replyPlaceholder: '返信を追加…',
    writeArticle: '記事を執筆',
    articleTitle: 'タイトル',
    articleBody: 'ここに入力してください。@メンションも使えます。',
    next: '次へ',
    articleSharePlaceholder: '記事の内容をネットワークに伝えましょう',
    publish: '公開',
  },
};

function isFixtureLanguage(lang: string | null): lang is FixtureLanguage {
  return lang !== null && lang in LINKEDIN_STRINGS;
}

/** In the page: the strings of the language asked for in the URL (English by default), with the page's lang set. */
export function fixtureStrings(): LinkedInStrings {
  const asked = new URLSearchParams(location.search).get('lang');
  const lang = isFixtureLanguage(asked) ? asked : 'en';
  document.documentElement.lang = lang;
  return LINKEDIN_STRINGS[lang];
}
