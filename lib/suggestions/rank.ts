import type { Network } from '@/lib/contract/common';
import type { LibraryItem } from '@/lib/contract/hub-content';
import { similarity } from '@/lib/guidelines/similarity';

export interface RankContext {
  /** The network of the active tab, if it is one Spoke works on. */
  network: Network | null;
  businessUnitId: string | null;
  /** The browser's language ("en-GB"). */
  language: string;
  /** Content ids the member already shared on the network. */
  sharedIds: ReadonlySet<string>;
  query: string;
  tag: string | null;
  now: number;
  /** What the composer of the current tab holds: items close to it rank higher (it never leaves the device). */
  composerText?: string;
}

const DAY_MS = 86_400_000;

function live(item: LibraryItem, now: number): boolean {
  if (item.startsAt && Date.parse(item.startsAt) > now) return false;
  if (item.expiresAt && Date.parse(item.expiresAt) <= now) return false;
  return true;
}

function matches(item: LibraryItem, query: string, tag: string | null): boolean {
  if (tag && !item.tags.includes(tag)) return false;
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [item.title, item.variants.linkedin?.text, item.variants.x?.text, ...item.tags, ...item.hashtags]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/**
 * Why an item ranks where it does, highest first: close to what the member is writing, targeted at their unit,
 * in their language, fresh, not yet shared by them.
 */
function suggestionScore(item: LibraryItem, context: RankContext): number {
  let score = 0;
  if (context.businessUnitId && item.businessUnitIds.includes(context.businessUnitId)) score += 3;
  const language = context.language.toLowerCase().split('-')[0];
  if (item.locale.toLowerCase().split('-')[0] === language) score += 1;
  const published = Date.parse(item.publishedAt ?? item.updatedAt);
  const ageDays = Math.max(0, (context.now - published) / DAY_MS);
  score += 2 * Math.exp(-ageDays / 14);
  if (!context.sharedIds.has(item.id)) score += 2;
  const draft = context.composerText?.trim();
  if (draft) {
    const texts = [item.variants.linkedin?.text, item.variants.x?.text, item.title].filter((t): t is string => !!t);
    score += 4 * Math.max(...texts.map((text) => similarity(draft, text)));
  }
  return score;
}

/** The suggestions to show: live, for this network (when known), matching the search, best first. */
export function rankSuggestions(items: readonly LibraryItem[], context: RankContext): LibraryItem[] {
  return items
    .filter((item) => live(item, context.now))
    .filter((item) => !context.network || item.variants[context.network])
    .filter((item) => matches(item, context.query, context.tag))
    .map((item) => ({ item, score: suggestionScore(item, context) }))
    .sort((a, b) => b.score - a.score || a.item.title.localeCompare(b.item.title))
    .map(({ item }) => item);
}
