import twitterText from 'twitter-text';
import type { Network } from '@/lib/contract/common';

export type PostLimits = Record<Network, number>;

/**
 * The longest post each network takes from every account: X's weighted 280 (without Premium), LinkedIn's 3,000
 * characters. What the CoE writes for everyone must fit these; a member's own limits are `memberPostLimits`.
 */
export const POST_LENGTH_LIMIT: PostLimits = { linkedin: 3_000, x: 280 };

/** X Premium accounts post up to 25,000 weighted characters (help.x.com, "About longer posts"). */
const X_PREMIUM_POST_LENGTH_LIMIT = 25_000;

/** The limits of the member's own accounts: X's depends on whether they have X Premium (lib/settings/x-account.ts). */
export function memberPostLimits(xPremium: boolean): PostLimits {
  return { ...POST_LENGTH_LIMIT, x: xPremium ? X_PREMIUM_POST_LENGTH_LIMIT : POST_LENGTH_LIMIT.x };
}

/**
 * A post's length as its network counts it: X weighs characters (a link is 23, CJK and emoji 2); LinkedIn counts
 * characters (code points, as the guideline engine's length rules do).
 */
export function postLength(text: string, network: Network): number {
  return network === 'x' ? twitterText.parseTweet(text).weightedLength : [...text].length;
}
