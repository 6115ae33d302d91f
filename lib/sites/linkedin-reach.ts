import { parseCount } from '@/lib/reach/counts';
import type { OwnPost, OwnPostCounts, ReachReader } from './types';

// LinkedIn shows impressions to the author only, behind a link to the post's analytics (docs/sites.md §6.2):
// classic `a.analytics-entry-point` with "1,234 impressions" [certain], SDUI `a[href*="/analytics/post-summary/…"]`
// [likely]. So "has an analytics link" is what makes a post the member's own, in both layouts and on a post page.

const ANALYTICS_LINK = 'a[href*="/analytics/post-summary/urn:li:activity:"]';
const ACTIVITY = /urn:li:activity:(\d{1,25})/;
const CARD = '.feed-shared-update-v2, [role="listitem"], [role="article"], article';

/** A count next to a word in the card's own text ("12 reactions", "5 comments") [guess for SDUI: English only]. */
function countBeside(card: Element, word: RegExp): number | undefined {
  const match = card.textContent?.match(word);
  return match?.[1] ? (parseCount(match[1]) ?? undefined) : undefined;
}

function countsOf(card: Element, link: Element): OwnPostCounts | null {
  const views = parseCount(link.querySelector('.ca-entry-point__num-views')?.textContent ?? link.textContent ?? '');
  if (views === null) return null;
  const reactionsText = card.querySelector('.social-details-social-counts__reactions-count')?.textContent;
  const commentsCell = card.querySelector('.social-details-social-counts__comments');
  const commentsLabel =
    commentsCell?.querySelector('button')?.getAttribute('aria-label') ?? commentsCell?.textContent ?? null;
  return {
    views,
    reactions:
      (reactionsText ? parseCount(reactionsText) : null) ?? countBeside(card, /([\d.,\s]+[KkM]?)\s+reactions?\b/),
    comments:
      (commentsLabel ? parseCount(commentsLabel) : null) ?? countBeside(card, /([\d.,\s]+[KkM]?)\s+comments?\b/),
    reposts: countBeside(card, /([\d.,\s]+[KkM]?)\s+reposts?\b/),
  };
}

export const linkedinReach: ReachReader = {
  ownPosts(doc) {
    const posts = new Map<string, OwnPost>();
    for (const link of doc.querySelectorAll(ANALYTICS_LINK)) {
      const postId = ACTIVITY.exec(link.getAttribute('href') ?? '')?.[1];
      if (!postId || posts.has(postId)) continue;
      const counts = countsOf(link.closest(CARD) ?? link.parentElement ?? link, link);
      if (counts) posts.set(postId, { postId, counts });
    }
    return [...posts.values()];
  },
  publishedPostId(doc) {
    // "Post successful. View post" [guess: classic artdeco toast; SDUI as a role=alert region].
    const link = doc.querySelector(
      '.artdeco-toast-item a[href*="urn:li:activity:"], [role="alert"] a[href*="urn:li:activity:"]',
    );
    return ACTIVITY.exec(link?.getAttribute('href') ?? '')?.[1] ?? null;
  },
};
