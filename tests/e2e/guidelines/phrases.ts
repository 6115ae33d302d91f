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

/** Two paragraphs, COND-001 in the second: a fix must keep the first paragraph and the break between them. */
export const TWO_PARAGRAPHS = {
  lines: ['We shipped the new onboarding flow today.', PROFANITY.typed],
  typed: `We shipped the new onboarding flow today.\n${PROFANITY.typed}`,
  word: PROFANITY.word,
  badge: PROFANITY.badge,
  fix: PROFANITY.fix,
  fixed: `We shipped the new onboarding flow today.\n${PROFANITY.fixed}`,
  /** A character typed right after the fix: it lands after the replaced word. */
  fixedThenTyped: 'We shipped the new onboarding flow today.\nHonestly this launch is d***! good',
};
