// The names of the reach selectors, without zod: the site-pack contract validates them, and the content scripts'
// pack compiler (lib/sites/pack.ts) walks them, without pulling zod into the content scripts.

/**
 * What the reach readers (lib/sites/*-reach.ts) anchor on, by name: LinkedIn's post card, analytics link, counts row
 * and toast links; X's post, profile link, action bar and buttons, and toast links. Words never: counts are leading
 * numbers and URNs or status ids.
 */
export const REACH_SELECTOR_KEYS = [
  'analyticsLink',
  'postCard',
  'countsRow',
  'toastLinks',
  'post',
  'ownProfileLink',
  'actionBar',
  'replyButton',
  'repostButton',
  'likeButton',
] as const;

export type ReachSelectorKey = (typeof REACH_SELECTOR_KEYS)[number];
