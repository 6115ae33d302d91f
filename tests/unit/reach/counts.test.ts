import { describe, expect, it } from 'vitest';
import { leadingCount, parseCount, parseLabelledCounts } from '@/lib/reach/counts';

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
    // The formats of the UI languages the readers are tested in (en, de, fr, ja), and zh.
    ['1\u00a0234 impressions', 1234], // fr with a no-break space
    ['12\u202f345', 12_345], // fr with a narrow no-break space, no word
    ['1,2 k réactions', 1200],
    ['1,2\u00a0k', 1200],
    ['3.4M', 3_400_000],
    ['3,4 Mio. Impressionen', 3_400_000],
    ['12 Tsd.', 12_000],
    ['1万', 10_000],
    ['1.5万回表示', 15_000],
    ['5360 件の表示', 5360],
    ['5124 次查看。查看帖子分析', 5124],
    ['83 J’aime', 83], // a word starting with a suffix letter is no suffix
    ['1 Bookmark', 1],
    ['9 Mal geteilt', 9],
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

describe('leadingCount', () => {
  it.each([
    ['3 Replies. Reply', 3],
    ['3 Antworten. Antworten', 3],
    ['3 réponses. Répondre', 3],
    ['3 件の返信。返信する', 3],
    ['  1,234 views. View post analytics', 1234],
    ['5124 次查看。查看帖子分析', 5124],
    ['１２ 件のいいね', 12],
    ['Reply', null], // X leaves the number out at zero
    ['Antworten', null],
    ['Reply to @jane2024', null], // a number later in the label is not a count
    ['コメント5件', null],
    ['', null],
  ])('%s → %s', (text, expected) => {
    expect(leadingCount(text)).toBe(expected);
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
