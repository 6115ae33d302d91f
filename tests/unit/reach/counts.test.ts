import { describe, expect, it } from 'vitest';
import { parseCount, parseLabelledCounts } from '@/lib/reach/counts';

describe('parseCount', () => {
  it.each([
    ['1234 views', 1234],
    ['1,234 impressions', 1234],
    ['1.234 Impressionen', 1234],
    ['1 234 vues', 1234],
    ['1\u202f234 vues', 1234],
    ["1'234 Aufrufe", 1234],
    ['12,345,678 views', 12_345_678],
    ['1.2K', 1200],
    ['1.2k views', 1200],
    ['12 k Aufrufe', 12_000],
    ['3,4 Mio.', 3_400_000],
    ['2.5M views', 2_500_000],
    ['1,2 mil visualizaciones', 1200],
    ['1.5B', 1_500_000_000],
    ['2.5万', 25_000],
    ['987', 987],
    ['0 impressions', 0],
    ['１２３ views', 123], // full-width digits, as some CJK layouts print them
  ])('%s → %d', (text, expected) => {
    expect(parseCount(text)).toBe(expected);
  });

  it('is null without a number', () => {
    expect(parseCount('View analytics')).toBeNull();
    expect(parseCount('')).toBeNull();
  });

  it('reads only the first number', () => {
    expect(parseCount('3 replies, 2 reposts')).toBe(3);
  });
});

describe('parseLabelledCounts', () => {
  it("reads X's action bar label", () => {
    expect(parseLabelledCounts('3 replies, 2 reposts, 41 likes, 1 bookmark, 1234 views')).toEqual({
      replies: 3,
      reposts: 2,
      likes: 41,
      views: 1234,
    });
  });

  it('keeps what is there when some counts are missing', () => {
    expect(parseLabelledCounts('1 like, 12 views')).toEqual({ likes: 1, views: 12 });
    expect(parseLabelledCounts('Reply, Repost, Like')).toEqual({});
  });
});
