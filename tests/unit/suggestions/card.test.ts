import { describe, expect, it } from 'vitest';
import type { LibraryItem } from '@/lib/contract/hub-content';
import type { Event } from '@/lib/contract/hub-events';
import { memberPostLimits } from '@/lib/networks/post-length';
import { cardNetworks, nearLimitCounter, publishedKey, publishedKeys } from '@/lib/suggestions/card';

const STANDARD = memberPostLimits(false);

function item(variants: LibraryItem['variants']): LibraryItem {
  return {
    id: 'c1',
    title: 'c1',
    url: null,
    variants,
    hashtags: [],
    tags: [],
    businessUnitIds: [],
    locale: 'en',
    startsAt: null,
    expiresAt: null,
    version: 1,
    updatedAt: '2026-11-20T10:00:00.000Z',
    publishedAt: '2026-11-20T10:00:00.000Z',
  };
}

const both = item({ linkedin: { text: 'Long form' }, x: { text: 'Short' } });

describe('cardNetworks', () => {
  it('puts the network of the current tab first', () => {
    expect(cardNetworks(both, 'x')).toEqual(['x', 'linkedin']);
    expect(cardNetworks(both, 'linkedin')).toEqual(['linkedin', 'x']);
  });

  it("starts with the item's first network when the tab is on neither site or the item lacks it", () => {
    expect(cardNetworks(both, null)).toEqual(['linkedin', 'x']);
    expect(cardNetworks(item({ x: { text: 'Only X' } }), null)).toEqual(['x']);
    expect(cardNetworks(item({ linkedin: { text: 'Only LinkedIn' } }), 'x')).toEqual(['linkedin']);
  });
});

describe('nearLimitCounter', () => {
  it('stays quiet below 90 % of the limit', () => {
    expect(nearLimitCounter('a'.repeat(61), 'linkedin', STANDARD)).toBeNull();
    expect(nearLimitCounter('a'.repeat(2_699), 'linkedin', STANDARD)).toBeNull();
    expect(nearLimitCounter('a'.repeat(251), 'x', STANDARD)).toBeNull();
  });

  it('counts from 90 % on, and says when a text is over', () => {
    expect(nearLimitCounter('a'.repeat(2_700), 'linkedin', STANDARD)).toEqual({
      used: 2_700,
      limit: 3_000,
      over: false,
    });
    expect(nearLimitCounter('a'.repeat(281), 'x', STANDARD)).toEqual({ used: 281, limit: 280, over: true });
  });

  it("follows the member's X limit: an X Premium account posts up to 25,000 characters", () => {
    const premium = memberPostLimits(true);
    expect(premium).toEqual({ linkedin: 3_000, x: 25_000 });
    expect(nearLimitCounter('a'.repeat(400), 'x', premium)).toBeNull();
    expect(nearLimitCounter('a'.repeat(22_500), 'x', premium)).toEqual({ used: 22_500, limit: 25_000, over: false });
    expect(nearLimitCounter('a'.repeat(25_001), 'x', premium)).toEqual({ used: 25_001, limit: 25_000, over: true });
    // LinkedIn's limit is the same for everyone.
    expect(nearLimitCounter('a'.repeat(3_001), 'linkedin', premium)).toEqual({ used: 3_001, limit: 3_000, over: true });
  });

  it("weighs X's text as X does: a link is 23, CJK characters 2", () => {
    expect(
      nearLimitCounter(`${'a'.repeat(220)} https://example.com/a/very/long/path/to/an/article`, 'x', STANDARD),
    ).toBeNull();
    expect(nearLimitCounter('漢'.repeat(126), 'x', STANDARD)).toEqual({ used: 252, limit: 280, over: false });
  });
});

describe('publishedKeys', () => {
  const event = (type: Event['type'], contentId?: string, network: Event['network'] = 'x') =>
    ({ event: { type, contentId, network } }) as unknown as { event: Event };

  it('counts a post as published only once its Post was pressed, per network', () => {
    const keys = publishedKeys({
      shares: [],
      outbox: [event('share_started', 'c1', 'linkedin'), event('post_published', 'c1', 'x'), event('post_published')],
      reach: [],
      reportPosts: [],
    });
    expect([...keys]).toEqual([publishedKey('c1', 'x')]);
  });

  it('remembers posts linked to a share on this device and in the last report', () => {
    const keys = publishedKeys({
      shares: [],
      outbox: [],
      reach: [{ contentId: 'c2', network: 'linkedin' }, { network: 'x' }],
      reportPosts: [
        { contentId: 'c3', network: 'x' },
        { contentId: null, network: 'x' },
      ],
    });
    expect([...keys].sort()).toEqual(['c2:linkedin', 'c3:x']);
  });

  it('remembers a share whose Post was pressed after its event left the outbox, and not one only put in a composer', () => {
    const keys = publishedKeys({
      shares: [
        { contentId: 'c4', network: 'x', publishedAt: 1 },
        { contentId: 'c5', network: 'linkedin' },
      ],
      outbox: [],
      reach: [],
      reportPosts: [],
    });
    expect([...keys]).toEqual(['c4:x']);
  });
});
