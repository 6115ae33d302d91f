// What one suggestion card shows: which network's share is the primary action, whether a text is close enough to
// its network's limit to show a counter, and on which networks the member actually published the item.
import type { Network } from '@/lib/contract/common';
import type { LibraryItem } from '@/lib/contract/hub-content';
import type { Event } from '@/lib/contract/hub-events';
import type { ReachPost } from '@/lib/contract/hub-member';
import { type PostLimits, postLength } from '@/lib/networks/post-length';

/** The order networks are listed in when the tab is on neither site. */
const NETWORK_ORDER: readonly Network[] = ['linkedin', 'x'];

/**
 * The networks the item has a text for, the primary one first: the site of the current tab when the item has a
 * text for it, else the first network the item has.
 */
export function cardNetworks(item: LibraryItem, tabNetwork: Network | null): Network[] {
  const present = NETWORK_ORDER.filter((network) => item.variants[network]);
  if (!tabNetwork || !present.includes(tabNetwork)) return present;
  return [tabNetwork, ...present.filter((network) => network !== tabNetwork)];
}

/** From this share of the limit on, a text shows its counter: below it, a counter is only noise. */
const NEAR_LIMIT = 0.9;

/**
 * The length counter to show for a text, or null when the text is comfortably within the limit of the member's
 * account on its network (`memberPostLimits`: X Premium takes far longer posts).
 */
export function nearLimitCounter(
  text: string,
  network: Network,
  limits: PostLimits,
): { used: number; limit: number; over: boolean } | null {
  const used = postLength(text, network);
  const limit = limits[network];
  return used >= NEAR_LIMIT * limit ? { used, limit, over: used > limit } : null;
}

/** "contentId:network": one item published on one network. */
export const publishedKey = (contentId: string, network: Network) => `${contentId}:${network}`;

/**
 * Which items the member published, per network, from what the device knows means published (not merely put into
 * a composer): shares whose Post was pressed, `post_published` events still waiting in the outbox, the member's own
 * posts Spoke linked to a share (the site's "View post" after a share), and the posts of the last reach report that
 * came from a share.
 */
export function publishedKeys(sources: {
  shares: ReadonlyArray<{ contentId: string; network: Network; publishedAt?: number }>;
  outbox: ReadonlyArray<{ event: Event }>;
  reach: ReadonlyArray<{ contentId?: string; network: Network }>;
  reportPosts: ReadonlyArray<Pick<ReachPost, 'contentId' | 'network'>>;
}): Set<string> {
  const keys = new Set<string>();
  for (const share of sources.shares) {
    if (share.publishedAt !== undefined) keys.add(publishedKey(share.contentId, share.network));
  }
  for (const { event } of sources.outbox) {
    if (event.type === 'post_published' && event.contentId) keys.add(publishedKey(event.contentId, event.network));
  }
  for (const row of [...sources.reach, ...sources.reportPosts]) {
    if (row.contentId) keys.add(publishedKey(row.contentId, row.network));
  }
  return keys;
}
