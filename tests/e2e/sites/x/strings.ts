// The X fixture's UI strings in the languages the E2E suite runs it in: `?lang=de|fr|ja` on the fixture URL (as on
// x.com itself) switches the placeholders, the Post/Reply buttons, the side navigation and the action bar's labels,
// as a member's UI language does live. Spoke must find every composer and its Post button without reading any of
// these. Translations follow X's own wording where it is known ("いまどうしてる？", "ポストする", "Posten").

export interface XStrings {
  title: string;
  home: string;
  profile: string;
  /** The side navigation's Post button (its label and its aria-label). */
  sideNavPost: string;
  forYou: string;
  following: string;
  placeholder: string;
  replyPlaceholder: string;
  quotePlaceholder: string;
  /** The Draft editor's aria-label. */
  postText: string;
  post: string;
  postAll: string;
  reply: string;
  close: string;
  back: string;
  addPost: string;
  addMedia: string;
  addGif: string;
  addEmoji: string;
  repost: string;
  quote: string;
  replyingTo: string;
  postSent: string;
  view: string;
  replies(n: number): string;
  reposts(n: number): string;
  likes(n: number): string;
  views(n: number): string;
}

const STRINGS: Record<string, XStrings> = {
  en: {
    title: 'Home / X',
    home: 'Home',
    profile: 'Profile',
    sideNavPost: 'Post',
    forYou: 'For you',
    following: 'Following',
    placeholder: 'What is happening?!',
    replyPlaceholder: 'Post your reply',
    quotePlaceholder: 'Add a comment',
    postText: 'Post text',
    post: 'Post',
    postAll: 'Post all',
    reply: 'Reply',
    close: 'Close',
    back: 'Back',
    addPost: 'Add post',
    addMedia: 'Add photos or video',
    addGif: 'Add a GIF',
    addEmoji: 'Add emoji',
    repost: 'Repost',
    quote: 'Quote',
    replyingTo: 'Replying to',
    postSent: 'Your post was sent.',
    view: 'View',
    replies: (n) => `${n} Replies. Reply`,
    reposts: (n) => `${n} reposts. Repost`,
    likes: (n) => `${n} Likes. Like`,
    views: (n) => `${n} views. View post analytics`,
  },
  de: {
    title: 'Startseite / X',
    home: 'Startseite',
    profile: 'Profil',
    sideNavPost: 'Posten',
    forYou: 'Für dich',
    following: 'Folge ich',
    placeholder: 'Was gibt’s Neues?',
    replyPlaceholder: 'Antwort posten',
    quotePlaceholder: 'Kommentar hinzufügen',
    postText: 'Posttext',
    post: 'Posten',
    postAll: 'Alle posten',
    reply: 'Antworten',
    close: 'Schließen',
    back: 'Zurück',
    addPost: 'Post hinzufügen',
    addMedia: 'Fotos oder Videos hinzufügen',
    addGif: 'GIF hinzufügen',
    addEmoji: 'Emoji hinzufügen',
    repost: 'Reposten',
    quote: 'Zitieren',
    replyingTo: 'Antwort an',
    postSent: 'Dein Post wurde gesendet.',
    view: 'Anzeigen',
    replies: (n) => `${n} Antworten. Antworten`,
    reposts: (n) => `${n} Reposts. Reposten`,
    likes: (n) => `${n} „Gefällt mir“-Angaben. Gefällt mir`,
    views: (n) => `${n} Mal angezeigt. Post-Analytics anzeigen`,
  },
  fr: {
    title: 'Accueil / X',
    home: 'Accueil',
    profile: 'Profil',
    sideNavPost: 'Poster',
    forYou: 'Pour vous',
    following: 'Abonnements',
    placeholder: 'Quoi de neuf ?',
    replyPlaceholder: 'Postez votre réponse',
    quotePlaceholder: 'Ajouter un commentaire',
    postText: 'Texte du post',
    post: 'Poster',
    postAll: 'Tout poster',
    reply: 'Répondre',
    close: 'Fermer',
    back: 'Retour',
    addPost: 'Ajouter un post',
    addMedia: 'Ajouter des photos ou une vidéo',
    addGif: 'Ajouter un GIF',
    addEmoji: 'Ajouter un emoji',
    repost: 'Republier',
    quote: 'Citer',
    replyingTo: 'En réponse à',
    postSent: 'Votre post a été envoyé.',
    view: 'Voir',
    replies: (n) => `${n} réponses. Répondre`,
    reposts: (n) => `${n} reposts. Republier`,
    likes: (n) => `${n} J’aime. J’aime`,
    views: (n) => `${n} vues. Voir les statistiques du post`,
  },
  ja: {
    title: 'ホーム / X',
    home: 'ホーム',
    profile: 'プロフィール',
    sideNavPost: 'ポストする',
    forYou: 'おすすめ',
    following: 'フォロー中',
    placeholder: 'いまどうしてる？',
    replyPlaceholder: '返信をポスト',
    quotePlaceholder: 'コメントを追加',
    postText: 'ポスト本文',
    post: 'ポストする',
    postAll: 'すべてポスト',
    reply: '返信',
    close: '閉じる',
    back: '戻る',
    addPost: 'ポストを追加',
    addMedia: '画像や動画を追加',
    addGif: 'GIFを追加',
    addEmoji: '絵文字を追加',
    repost: 'リポスト',
    quote: '引用',
    replyingTo: '返信先:',
    postSent: 'ポストを送信しました。',
    view: '表示',
    replies: (n) => `${n} 件の返信。返信`,
    reposts: (n) => `${n} 件のリポスト。リポスト`,
    likes: (n) => `${n} 件のいいね。いいね`,
    views: (n) => `${n} 件の表示。ポストアナリティクスを表示`,
  },
};

type Plain = { [K in keyof XStrings]: XStrings[K] extends string ? K : never }[keyof XStrings];
type Counted = { [K in keyof XStrings]: XStrings[K] extends (n: number) => string ? K : never }[keyof XStrings];

/**
 * The strings of the language asked for in the URL (English by default), with the page's `lang` set to match and
 * the static shell (side navigation, tabs, the timeline's action bar) translated: elements name their string with
 * `data-i18n` (text) and `data-i18n-label` (aria-label), counted ones with `data-count`.
 */
export function fixtureStrings(doc: Document = document): XStrings {
  const lang = new URLSearchParams(location.search).get('lang') ?? 'en';
  const strings = STRINGS[lang] ?? (STRINGS.en as XStrings);
  doc.documentElement.lang = STRINGS[lang] ? lang : 'en';
  const text = (key: string, el: Element): string => {
    const value = strings[key as Plain | Counted];
    return typeof value === 'function' ? value(Number(el.getAttribute('data-count') ?? 0)) : String(value);
  };
  for (const el of doc.querySelectorAll('[data-i18n]')) el.textContent = text(el.getAttribute('data-i18n') ?? '', el);
  for (const el of doc.querySelectorAll('[data-i18n-label]')) {
    el.setAttribute('aria-label', text(el.getAttribute('data-i18n-label') ?? '', el));
  }
  if (doc.title.endsWith('/ X') && doc.title.startsWith('Home')) doc.title = strings.title;
  return strings;
}
