import { parseCount, parseLabelledCounts } from '@/lib/reach/counts';
import type { OwnPost, ReachReader } from './types';

// X shows view counts on every post, the author's included (docs/sites.md §6.1). The action bar's aria-label has
// exact numbers ("3 replies, 2 reposts, 41 likes, 1 bookmark, 1234 views") [likely]; the analytics link's label
// ("1,234 views. View post analytics") and its visible compact text ("1.2K") are the fallbacks [certain: the link].

const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})(?:\/|$)/;

/** The signed-in member's handle, from the side navigation's profile link [likely]. */
function ownHandle(doc: Document): string | null {
  const link = doc.querySelector<HTMLAnchorElement>(
    'a[data-testid="AppTabBar_Profile_Link"], [data-testid="SideNav_AccountSwitcher_Button"] a[href^="/"]',
  );
  const handle = link?.getAttribute('href')?.match(/^\/([A-Za-z0-9_]{1,15})$/)?.[1];
  return handle ? handle.toLowerCase() : null;
}

function statusOf(href: string | null): { handle: string; id: string } | null {
  const match = href ? STATUS_PATH.exec(href.replace(/^https:\/\/(?:x|twitter)\.com/, '')) : null;
  return match?.[1] && match[2] ? { handle: match[1].toLowerCase(), id: match[2] } : null;
}

function readArticle(article: Element, handle: string): OwnPost | null {
  // The permalink is the link around the post's <time>; its handle is the author's (a quoted post has its own
  // article inside, which querySelector would reach only after this one).
  const permalink = statusOf(
    article.querySelector('a[href*="/status/"] time')?.closest('a')?.getAttribute('href') ?? null,
  );
  if (!permalink || permalink.handle !== handle) return null;
  const group = article.querySelector('[role="group"][aria-label]');
  const labelled = parseLabelledCounts(group?.getAttribute('aria-label') ?? '');
  let views = labelled.views;
  if (views === undefined) {
    const analytics = article.querySelector(`a[href$="/status/${permalink.id}/analytics"]`);
    const label = analytics?.getAttribute('aria-label');
    views = parseCount(label ?? '') ?? parseCount(analytics?.textContent ?? '') ?? undefined;
  }
  if (views === undefined) return null; // no view count shown (older or Community posts)
  return {
    postId: permalink.id,
    counts: { views, reactions: labelled.likes, comments: labelled.replies, reposts: labelled.reposts },
  };
}

export const xReach: ReachReader = {
  ownPosts(doc) {
    const handle = ownHandle(doc);
    if (!handle) return [];
    const posts = new Map<string, OwnPost>();
    for (const article of doc.querySelectorAll('article[data-testid="tweet"]')) {
      const post = readArticle(article, handle);
      if (post && !posts.has(post.postId)) posts.set(post.postId, post);
    }
    return [...posts.values()];
  },
  publishedPostId(doc) {
    // "Your post was sent. View" [likely: the toast test id]; the View link is the new post's permalink.
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('[data-testid="toast"] a[href*="/status/"]')) {
      const status = statusOf(link.getAttribute('href'));
      if (status) return status.id;
    }
    return null;
  },
};
