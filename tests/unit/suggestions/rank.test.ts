import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '@/lib/contract/hub-content';
import { type RankContext, rankSuggestions } from '@/lib/suggestions/rank';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

function item(id: string, text: string, extra: Partial<LibraryItem> = {}): LibraryItem {
  return {
    id,
    title: id,
    url: null,
    variants: { linkedin: { text }, x: { text } },
    hashtags: [],
    tags: [],
    businessUnitIds: [],
    locale: 'en',
    startsAt: null,
    expiresAt: null,
    version: 1,
    updatedAt: new Date(NOW - DAY).toISOString(),
    publishedAt: new Date(NOW - DAY).toISOString(),
    ...extra,
  };
}

const context: RankContext = {
  network: 'x',
  businessUnitId: 'unit-eng',
  language: 'en-GB',
  sharedIds: new Set(),
  query: '',
  tag: null,
  now: NOW,
};

describe('rankSuggestions', () => {
  const hiring = item('hiring', 'We are hiring engineers to build our new data platform.');
  const webinar = item('webinar', 'Join our webinar on security by design next Thursday.');

  it('puts what the member is writing about first', () => {
    const ranked = rankSuggestions([hiring, webinar], { ...context, composerText: 'Excited: our security webinar' });
    expect(ranked.map((i) => i.id)).toEqual(['webinar', 'hiring']);
  });

  it('prefers items for my unit, then not yet shared ones', () => {
    const targeted = item('targeted', 'Targeted at engineering.', { businessUnitIds: ['unit-eng'] });
    const shared = item('shared', 'Something I shared already.');
    const ranked = rankSuggestions([shared, hiring, targeted], { ...context, sharedIds: new Set(['shared']) });
    expect(ranked.map((i) => i.id)).toEqual(['targeted', 'hiring', 'shared']);
  });

  it('hides items outside their window or without a variant for this network, and filters by search and tag', () => {
    const expired = item('expired', 'Old news.', { expiresAt: new Date(NOW - 1).toISOString() });
    const future = item('future', 'Not yet.', { startsAt: new Date(NOW + DAY).toISOString() });
    const linkedinOnly = item('linkedin-only', 'Only for LinkedIn.', { variants: { linkedin: { text: 'x' } } });
    const tagged = item('tagged', 'Tagged post.', { tags: ['launch'] });
    expect(rankSuggestions([expired, future, linkedinOnly, hiring], context).map((i) => i.id)).toEqual(['hiring']);
    expect(rankSuggestions([hiring, webinar], { ...context, query: 'webinar thursday' }).map((i) => i.id)).toEqual([
      'webinar',
    ]);
    expect(rankSuggestions([hiring, tagged], { ...context, tag: 'launch' }).map((i) => i.id)).toEqual(['tagged']);
  });
});
