import twitterText from 'twitter-text';
import type { Network } from '@/lib/contract/common';

/** The longest post each network takes: X's weighted 280 (without Premium), LinkedIn's 3,000 characters. */
export const POST_LENGTH_LIMIT: Record<Network, number> = { linkedin: 3_000, x: 280 };

/**
 * A post's length as its network counts it: X weighs characters (a link is 23, CJK and emoji 2); LinkedIn counts
 * characters (code points, as the guideline engine's length rules do).
 */
export function postLength(text: string, network: Network): number {
  return network === 'x' ? twitterText.parseTweet(text).weightedLength : [...text].length;
}
