import { leadingCount, parseCount } from '@/lib/reach/counts';
import { queryAllDeep } from '@/lib/reach/deep';
import type { OwnPost, OwnPostCounts, ReachReader, ReachSelectors } from './types';

// LinkedIn shows impressions to the author only, behind a link to the post's analytics (docs/sites.md §6.2):
// classic `a.analytics-entry-point` with "1,234 impressions" [certain], SDUI `a[href*="/analytics/post-summary/…"]`
// [likely]. So "has an analytics link" is what makes a post the member's own, in both layouts and on a post page.
// Counts are read from structure and leading numbers first (any UI language); words are the last resort.

const ACTIVITY = /urn:li:activity:(\d{1,25})/;
/** A post URN in a link, plain or URL-encoded (`urn%3Ali%3Ashare%3A…`). */
const POST_URN = /urn(?::|%3A)li(?::|%3A)(activity|share|ugcPost)(?::|%3A)(\d{1,25})/i;

// The words beside a count in the card's text, for layouts without structure to go by (the new stack) [guess:
// LinkedIn's own translations, unverified live]. A number leads in en/de/fr/es/pt; ja may also put it after the word.
const WORDS = {
  reactions: 'reactions?|Reaktionen|Reaktion|réactions?|reacciones|reacción|reações|reação|リアクション',
  comments: 'comments?|Kommentare?|commentaires?|comentarios?|comentários?|コメント',
  reposts: 'reposts?|Mal geteilt|republications?|partages?|veces compartido|compartilhamentos?|件の再投稿|再投稿',
} as const;
const NUMBER = String.raw`(\d[\d.,'\u00a0\u202f\u2009 ]*(?:[KkMm]\b|Mio\.?|Tsd\.?|万)?)`;

/** A count next to one of `words` in the card's own text ("12 reactions", "5 Kommentare", "コメント5件"). */
function countBeside(card: Element, words: string): number | undefined {
  const text = card.textContent ?? '';
  // "コメント56件" first: its 件 makes it unambiguous, while "1,234コメント" would take the previous count.
  const match =
    new RegExp(`(?:${words})\\s*${NUMBER}\\s*件`, 'u').exec(text) ??
    new RegExp(`${NUMBER}\\s*(?:件の)?\\s*(?:${words})(?![\\p{L}])`, 'u').exec(text);
  return match?.[1] ? (parseCount(match[1]) ?? undefined) : undefined;
}

/** The leading number of a counts-row item: its button's aria-label, else its text. */
function itemCount(item: Element | null | undefined): number | undefined {
  if (!item) return undefined;
  const label = item.querySelector('button[aria-label], a[aria-label]')?.getAttribute('aria-label');
  return (label ? leadingCount(label) : null) ?? leadingCount(item.textContent ?? '') ?? undefined;
}

/**
 * Classic counts row: reactions and comments have their own classes [certain]; the repost count is the other item
 * that starts with a number [guess: its class carries no name of its own].
 */
function rowCounts(card: Element, countsRow: string): Omit<OwnPostCounts, 'views'> {
  const row = card.querySelector(countsRow);
  if (!row) return {};
  const reactionsItem = row.querySelector('.social-details-social-counts__reactions');
  const commentsItem = row.querySelector('.social-details-social-counts__comments');
  const reactionsCount = leadingCount(
    row.querySelector('.social-details-social-counts__reactions-count')?.textContent ?? '',
  );
  const other = [...row.querySelectorAll(':scope > li')].find(
    (item) => item !== reactionsItem && item !== commentsItem && itemCount(item) !== undefined,
  );
  return {
    reactions: reactionsCount ?? itemCount(reactionsItem),
    comments: itemCount(commentsItem),
    reposts: itemCount(other),
  };
}

function countsOf(card: Element, link: Element, countsRow: string): OwnPostCounts | null {
  const views = parseCount(link.querySelector('.ca-entry-point__num-views')?.textContent ?? link.textContent ?? '');
  if (views === null) return null;
  const row = rowCounts(card, countsRow);
  return {
    views,
    reactions: row.reactions ?? countBeside(card, WORDS.reactions),
    comments: row.comments ?? countBeside(card, WORDS.comments),
    reposts: row.reposts ?? countBeside(card, WORDS.reposts),
  };
}

/**
 * A share (or ugcPost) URN names the share, not the activity the feed and the analytics links use. The feed card
 * that carries that URN somewhere (an attribute or a link) gives its activity id [guess]; otherwise the share id
 * stands, and its counts cannot be told apart from other posts' until LinkedIn shows the activity.
 */
function activityOf(doc: Document, selectors: ReachSelectors, kind: string, id: string): string | null {
  const urn = `urn:li:${kind}:${id}`;
  const marked = queryAllDeep(doc, `[data-urn="${urn}"], [data-id="${urn}"], a[href*="${urn}"]`);
  for (const element of marked) {
    const card = element.closest(
      `${selectors.postCard}, [data-urn*="urn:li:activity:"], [data-id*="urn:li:activity:"]`,
    );
    if (!card) continue;
    const source =
      card.getAttribute('data-urn') ??
      card.getAttribute('data-id') ??
      card.querySelector(selectors.analyticsLink)?.getAttribute('href') ??
      '';
    const activity = ACTIVITY.exec(source)?.[1];
    if (activity) return activity;
  }
  return null;
}

/** LinkedIn's reach reader, anchored on the site pack's reach selectors (analytics link, post card, counts row, toasts). */
export function linkedinReachWith(selectors: ReachSelectors): ReachReader {
  return {
    ownPosts(doc) {
      const posts = new Map<string, OwnPost>();
      for (const link of doc.querySelectorAll(selectors.analyticsLink)) {
        const postId = ACTIVITY.exec(link.getAttribute('href') ?? '')?.[1];
        if (!postId || posts.has(postId)) continue;
        const card = link.closest(selectors.postCard) ?? link.parentElement ?? link;
        const counts = countsOf(card, link, selectors.countsRow);
        if (counts) posts.set(postId, { postId, counts });
      }
      return [...posts.values()];
    },
    publishedPostId(doc) {
      // "Post successful. View post": the toast's link carries the new post's URN [likely: public scripts use
      // `#artdeco-toasts__wormhole a.artdeco-toast-item__cta`; SDUI as a role=alert region: guess]. Found by
      // structure and the URN, never by the text, in open shadow roots too.
      for (const link of queryAllDeep(doc, selectors.toastLinks)) {
        const match = POST_URN.exec(link.getAttribute('href') ?? '');
        if (!match?.[1] || !match[2]) continue;
        const kind = match[1].toLowerCase();
        if (kind === 'activity') return match[2];
        return activityOf(doc, selectors, kind === 'share' ? 'share' : 'ugcPost', match[2]) ?? match[2];
      }
      return null;
    },
  };
}
