// Drafts that trip rules of the shipped core pack (lib/guidelines/packs/core.json), and what the user should see.

/** COND-001 "Keep it professional" (warning) with its "Mask it" fix. */
export const PROFANITY = {
  typed: 'Honestly this launch is damn good',
  word: 'damn',
  badge: '1 warning',
  title: 'Keep it professional',
  fix: 'Mask it',
  fixed: 'Honestly this launch is d*** good',
};

/** COND-003 (info) and COND-001 (warning) after emoji and CJK, which shift UTF-16 offsets. */
export const MULTI = {
  typed: '🚀 漢字 we need more manpower, damn',
  words: ['manpower', 'damn'],
  badge: '1 warning · 1 tip',
};
