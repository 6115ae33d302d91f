import { beforeEach, describe, expect, it } from 'vitest';
import { linkedin } from '@/lib/sites/linkedin';
import { x } from '@/lib/sites/x';

/** The readers as the built-in site pack sets them up. */
const linkedinReach = linkedin.reachWith(linkedin.builtin.reach);
const xReach = x.reachWith(x.builtin.reach);

// The readers in the UI languages LinkedIn and X show: only numbers at the start of labels, test ids, classes and
// URNs in hrefs are language-free. Each document below is what one language shows [guess: translations written
// after the English markup, not captured live]; the English one matches the live capture in
// /work/shared/notes/live-sites-2026.md.

beforeEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

/** Puts `html` into an open shadow root of a new host in the body (nested one level per extra host). */
function inShadow(html: string, depth = 1): ShadowRoot {
  let parent: Element | ShadowRoot = document.body;
  let root: ShadowRoot | undefined;
  for (let level = 0; level < depth; level++) {
    const host = document.createElement('div');
    parent.append(host);
    root = host.attachShadow({ mode: 'open' });
    parent = root;
  }
  (root as ShadowRoot).innerHTML = html;
  return root as ShadowRoot;
}

interface XLabels {
  group: string;
  reply: string;
  retweet: string;
  like: string;
  bookmark: string;
  analytics: string;
  toast: string;
}

const X: Record<'en' | 'de' | 'fr' | 'ja', XLabels> = {
  en: {
    group: '4 replies, 9 reposts, 83 likes, 1 bookmark, 5360 views',
    reply: '4 Replies. Reply',
    retweet: '9 reposts. Repost',
    like: '83 Likes. Like',
    bookmark: '1 Bookmark. Bookmark',
    analytics: '5360 views. View post analytics',
    toast: 'Your post was sent.',
  },
  de: {
    group: '4 Antworten, 9 Reposts, 83 „Gefällt mir“-Angaben, 1 Lesezeichen, 5360 Mal angezeigt',
    reply: '4 Antworten. Antworten',
    retweet: '9 Reposts. Reposten',
    like: '83 „Gefällt mir“-Angaben. Gefällt mir',
    bookmark: '1 Lesezeichen. Lesezeichen',
    analytics: '5360 Mal angezeigt. Beitragsanalysen anzeigen',
    toast: 'Dein Post wurde gesendet.',
  },
  fr: {
    group: '4 réponses, 9 reposts, 83 J’aime, 1 signet, 5360 vues',
    reply: '4 réponses. Répondre',
    retweet: '9 reposts. Reposter',
    like: '83 J’aime. J’aime',
    bookmark: '1 signet. Signet',
    analytics: '5360 vues. Voir les statistiques du post',
    toast: 'Votre post a été envoyé.',
  },
  ja: {
    group: '4 件の返信、9 件のリポスト、83 件のいいね、1 件のブックマーク、5360 件の表示',
    reply: '4 件の返信。返信する',
    retweet: '9 件のリポスト。リポスト',
    like: '83 件のいいね。いいねする',
    bookmark: '1 件のブックマーク。ブックマーク',
    analytics: '5360 件の表示。ポストのアナリティクスを表示',
    toast: 'ポストを送信しました。',
  },
};

function xArticle(labels: XLabels, overrides: Partial<Record<'reply' | 'like', string>> = {}): string {
  return `
    <a href="/janedoe" data-testid="AppTabBar_Profile_Link">Profil</a>
    <article data-testid="tweet">
      <div data-testid="User-Name"><a href="/JaneDoe/status/1890000000000000001"><time>1h</time></a></div>
      <div role="group" aria-label="${labels.group}">
        <button data-testid="reply" aria-label="${overrides.reply ?? labels.reply}">4</button>
        <button data-testid="${overrides.like ? 'unlike' : 'like'}" aria-label="${overrides.like ?? labels.like}">83</button>
        <button data-testid="retweet" aria-label="${labels.retweet}">9</button>
        <button data-testid="bookmark" aria-label="${labels.bookmark}"></button>
        <a href="/JaneDoe/status/1890000000000000001/analytics" aria-label="${labels.analytics}">5,3K</a>
      </div>
    </article>`;
}

describe.each(Object.entries(X))('X in %s', (_language, labels) => {
  it('reads the action bar from the buttons’ test ids and leading numbers, views from the analytics link', () => {
    document.body.innerHTML = xArticle(labels);
    expect(xReach.ownPosts(document)).toEqual([
      { postId: '1890000000000000001', counts: { views: 5360, reactions: 83, comments: 4, reposts: 9 } },
    ]);
  });

  it('reads a post the member liked (unlike) and leaves a zero count (no number) unknown', () => {
    const reply = labels.reply.replace(/^4\s*/, '').replace(/^件の/, '');
    document.body.innerHTML = xArticle({ ...labels, group: '' }, { reply, like: labels.like.replace('83', '84') });
    expect(xReach.ownPosts(document)).toEqual([
      { postId: '1890000000000000001', counts: { views: 5360, reactions: 84, comments: undefined, reposts: 9 } },
    ]);
  });

  it('finds the new post in the toast by its test id and status link, also in an open shadow root', () => {
    document.body.innerHTML = `<div data-testid="toast" role="alert"><span>${labels.toast}</span>
      <a href="https://x.com/janedoe/status/1890000000000000077">…</a></div>`;
    expect(xReach.publishedPostId(document)).toBe('1890000000000000077');
    document.body.innerHTML = '';
    inShadow(
      `<div data-testid="toast"><span>${labels.toast}</span><a href="/janedoe/status/1890000000000000078">…</a></div>`,
    );
    expect(xReach.publishedPostId(document)).toBe('1890000000000000078');
  });
});

interface LinkedinLabels {
  reactions: string;
  comments: string;
  reposts: string;
  impressions: string;
  /** The new stack's counts as text, without classes to go by. */
  sdui: string;
  sduiImpressions: string;
  toast: string;
  viewPost: string;
}

const LINKEDIN: Record<'en' | 'de' | 'fr' | 'ja', LinkedinLabels> = {
  en: {
    reactions: '1,234',
    comments: '56 comments on Jane Doe’s post',
    reposts: '7 reposts of Jane Doe’s post',
    impressions: '12,345 impressions',
    sdui: '<span>1,234 reactions</span> · <span>56 comments</span> · <span>7 reposts</span>',
    sduiImpressions: '1.2K impressions',
    toast: 'Post successful.',
    viewPost: 'View post',
  },
  de: {
    reactions: '1.234',
    comments: '56 Kommentare zum Beitrag von Jane Doe',
    reposts: '7 Mal geteilt',
    impressions: '12.345 Impressionen',
    sdui: '<span>1.234 Reaktionen</span> · <span>56 Kommentare</span> · <span>7 Mal geteilt</span>',
    sduiImpressions: '1,2 Tsd. Impressionen',
    toast: 'Beitrag erfolgreich veröffentlicht.',
    viewPost: 'Beitrag anzeigen',
  },
  fr: {
    reactions: '1\u202f234',
    comments: '56 commentaires sur le post de Jane Doe',
    reposts: '7 republications',
    impressions: '12\u00a0345 impressions',
    sdui: '<span>1\u202f234 réactions</span> · <span>56 commentaires</span> · <span>7 republications</span>',
    sduiImpressions: '1,2\u00a0k impressions',
    toast: 'Post publié.',
    viewPost: 'Voir le post',
  },
  ja: {
    reactions: '1,234',
    comments: 'コメント56件', // the number after the word: read from the word table, not the structure
    reposts: '7件の再投稿',
    impressions: 'インプレッション12,345件',
    sdui: '<span>リアクション1,234件</span> · <span>コメント56件</span> · <span>7件の再投稿</span>',
    sduiImpressions: '1,200 インプレッション',
    toast: '投稿しました。',
    viewPost: '投稿を表示',
  },
};

describe.each(Object.entries(LINKEDIN))('LinkedIn in %s', (_language, labels) => {
  it('reads the classic counts row by its classes and leading numbers', () => {
    document.body.innerHTML = `
      <div class="feed-shared-update-v2" data-urn="urn:li:activity:7350000000000000001">
        <ul class="social-details-social-counts">
          <li class="social-details-social-counts__reactions"><span class="social-details-social-counts__reactions-count">${labels.reactions}</span></li>
          <li class="social-details-social-counts__comments"><button aria-label="${labels.comments}">${labels.comments}</button></li>
          <li class="social-details-social-counts__item"><button aria-label="${labels.reposts}">${labels.reposts}</button></li>
        </ul>
        <a class="analytics-entry-point" href="/analytics/post-summary/urn:li:activity:7350000000000000001/">
          <span class="ca-entry-point__num-views"><strong>${labels.impressions}</strong></span></a>
      </div>`;
    expect(linkedinReach.ownPosts(document)).toEqual([
      { postId: '7350000000000000001', counts: { views: 12_345, reactions: 1234, comments: 56, reposts: 7 } },
    ]);
  });

  it('reads the new stack’s counts from their text', () => {
    document.body.innerHTML = `
      <div role="listitem">
        <p>${labels.sdui}</p>
        <a href="/analytics/post-summary/urn:li:activity:7380000000000000004/?trk=metrics"><span>${labels.sduiImpressions}</span></a>
      </div>`;
    expect(linkedinReach.ownPosts(document)).toEqual([
      { postId: '7380000000000000004', counts: { views: 1200, reactions: 1234, comments: 56, reposts: 7 } },
    ]);
  });

  it('finds an activity URN in the toast inside an open shadow root', () => {
    inShadow(`<div id="artdeco-toasts__wormhole"><div class="artdeco-toast-item"><p>${labels.toast}</p>
      <a class="artdeco-toast-item__cta" href="https://www.linkedin.com/feed/update/urn:li:activity:7390000000000000009/">${labels.viewPost}</a></div></div>`);
    expect(linkedinReach.publishedPostId(document)).toBe('7390000000000000009');
  });

  it('maps a share URN in the toast (nested shadow roots) to the activity of the feed card carrying it', () => {
    document.body.innerHTML = `
      <div class="feed-shared-update-v2" data-urn="urn:li:activity:7390000000000000010">
        <a href="https://www.linkedin.com/feed/update/urn:li:share:7390000000000000011/">1h</a>
      </div>`;
    inShadow(
      `<div id="artdeco-toasts__wormhole"><div class="artdeco-toast-item"><p>${labels.toast}</p>
      <a class="artdeco-toast-item__cta" href="https://www.linkedin.com/feed/update/urn:li:share:7390000000000000011/">${labels.viewPost}</a></div></div>`,
      2,
    );
    expect(linkedinReach.publishedPostId(document)).toBe('7390000000000000010');
  });

  it('keeps a URL-encoded share URN’s id when no card carries it', () => {
    document.body.innerHTML = `<div class="artdeco-toasts"><div class="artdeco-toast-item" role="alert"><p>${labels.toast}</p>
      <a class="artdeco-toast-item__cta" href="/feed/update/urn%3Ali%3Ashare%3A7390000000000000012">${labels.viewPost}</a></div></div>`;
    expect(linkedinReach.publishedPostId(document)).toBe('7390000000000000012');
  });
});

describe('toasts out of reach', () => {
  it('sees no toast in a closed shadow root, nor a link without a post URN', () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'closed' }).innerHTML =
      '<div id="artdeco-toasts__wormhole"><a href="/feed/update/urn:li:activity:1/">View post</a></div>';
    document.body.insertAdjacentHTML(
      'beforeend',
      '<div id="artdeco-toasts__wormhole"><a href="/in/janedoe/">View profile</a></div>',
    );
    expect(linkedinReach.publishedPostId(document)).toBeNull();
  });
});
