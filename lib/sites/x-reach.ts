import { leadingCount, parseCount, parseLabelledCounts } from '@/lib/reach/counts';
import { queryAllDeep } from '@/lib/reach/deep';
import type { OwnPost, ReachReader, ReachSelectors } from './types';

// X shows view counts on every post, the author's included (docs/sites.md §6.1). Read without words, so that every UI
// language works: each action button has its own test id and an aria-label that starts with its exact number ("3
// Replies. Reply", "3 Antworten. Antworten", "3 件の返信。返信"; just "Reply" at zero) [likely]; views lead the
// analytics link's label ("1,234 views. View post analytics", "5124 次查看。查看帖子分析") [certain: the link]. The
// action bar's own label ("3 replies, 2 reposts, 41 likes, 1 bookmark, 1234 views") needs English words, and the
// link's visible compact text ("1.2K") is rounded: both are fallbacks.

const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/status\/(\d{1,25})(?:\/|$)/;

/** The signed-in member's handle, from the side navigation's profile link [likely]. */
function ownHandle(doc: Document, selectors: ReachSelectors): string | null {
  const link = doc.querySelector<HTMLAnchorElement>(selectors.ownProfileLink);
  const handle = link?.getAttribute('href')?.match(/^\/([A-Za-z0-9_]{1,15})$/)?.[1];
  return handle ? handle.toLowerCase() : null;
}

function statusOf(href: string | null): { handle: string; id: string } | null {
  const match = href ? STATUS_PATH.exec(href.replace(/^https:\/\/(?:x|twitter)\.com/, '')) : null;
  return match?.[1] && match[2] ? { handle: match[1].toLowerCase(), id: match[2] } : null;
}

function readArticle(article: Element, handle: string, selectors: ReachSelectors): OwnPost | null {
  // The permalink is the link around the post's <time>; its handle is the author's (a quoted post has its own
  // article inside, which querySelector would reach only after this one).
  const permalink = statusOf(
    article.querySelector('a[href*="/status/"] time')?.closest('a')?.getAttribute('href') ?? null,
  );
  if (!permalink || permalink.handle !== handle) return null;
  const group = article.querySelector(selectors.actionBar);
  const labelled = parseLabelledCounts(group?.getAttribute('aria-label') ?? '');
  const analytics = article.querySelector(`a[href$="/status/${permalink.id}/analytics"]`);
  const views =
    leadingCount(analytics?.getAttribute('aria-label') ?? '') ??
    labelled.views ??
    parseCount(analytics?.textContent ?? '') ??
    undefined;
  if (views === undefined) return null; // no view count shown (older or Community posts)
  return {
    postId: permalink.id,
    counts: {
      views,
      reactions: buttonCount(group, selectors.likeButton) ?? labelled.likes,
      comments: buttonCount(group, selectors.replyButton) ?? labelled.replies,
      reposts: buttonCount(group, selectors.repostButton) ?? labelled.reposts,
    },
  };
}

/** The number an action button's aria-label starts with, in any UI language. */
function buttonCount(group: Element | null, selector: string): number | undefined {
  return leadingCount(group?.querySelector(selector)?.getAttribute('aria-label') ?? '') ?? undefined;
}

/** X's reach reader, anchored on the site pack's reach selectors (post, profile link, action bar and buttons, toast). */
export function xReachWith(selectors: ReachSelectors): ReachReader {
  return {
    ownPosts(doc) {
      const handle = ownHandle(doc, selectors);
      if (!handle) return [];
      const posts = new Map<string, OwnPost>();
      for (const article of doc.querySelectorAll(selectors.post)) {
        const post = readArticle(article, handle, selectors);
        if (post && !posts.has(post.postId)) posts.set(post.postId, post);
      }
      return [...posts.values()];
    },
    publishedPostId(doc) {
      // "Your post was sent. View" [likely: the toast test id]; the View link is the new post's permalink. Found by
      // the test id and the link's path, never by the text, in open shadow roots too.
      for (const link of queryAllDeep(doc, selectors.toastLinks)) {
        const status = statusOf(link.getAttribute('href'));
        if (status) return status.id;
      }
      return null;
    },
  };
}
