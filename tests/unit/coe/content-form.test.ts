import { describe, expect, it } from 'vitest';
import {
  EMPTY_FORM,
  formOf,
  localProblems,
  requestOf,
  shareTextOf,
  splitList,
  utmPreview,
} from '@/lib/coe/content-form';
import { CreateContentRequestSchema } from '@/lib/contract/hub-content';
import { postLength } from '@/lib/networks/post-length';

const form = {
  ...EMPTY_FORM,
  title: '  Launch day ',
  url: 'https://example.com/launch',
  linkedin: 'We shipped it. I work at Acme.',
  x: '',
  hashtags: '#AcmeCloud, Launch  #AcmeCloud',
  tags: 'launch, q4',
  businessUnitIds: ['7d1f3e0a-1c2b-4d5e-8f90-123456789abc'],
  startsAt: '2026-12-01T09:00',
  expiresAt: '2026-12-31T18:00',
};

describe('content form', () => {
  it('turns what was typed into a request the hub contract accepts, and back', () => {
    expect(splitList(' #a, b  ##c ,')).toEqual(['a', 'b', 'c']);
    const request = requestOf(form);
    expect(CreateContentRequestSchema.safeParse(request).success).toBe(true);
    expect(request).toMatchObject({
      title: 'Launch day',
      variants: { linkedin: { text: 'We shipped it. I work at Acme.' } },
      hashtags: ['AcmeCloud', 'Launch'],
      tags: ['launch', 'q4'],
    });
    expect(request.variants.x).toBeUndefined();
    expect(Date.parse(request.expiresAt ?? '') - Date.parse(request.startsAt ?? '')).toBe(
      new Date('2026-12-31T18:00').getTime() - new Date('2026-12-01T09:00').getTime(),
    );
    const item = {
      ...request,
      id: '9d1f3e0a-1c2b-4d5e-8f90-123456789abc',
      url: request.url ?? null,
      status: 'draft' as const,
      version: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
      publishedAt: null,
    };
    expect(requestOf(formOf(item))).toEqual(request);
  });

  it('names each problem at its field before asking the hub', () => {
    expect(localProblems(form)).toEqual({});
    const problems = localProblems({
      ...form,
      title: ' ',
      linkedin: '',
      url: 'http://example.com',
      hashtags: '#ok #not-ok',
      tags: 'fine, no spaces?',
      expiresAt: '2026-11-01T00:00',
    });
    expect(Object.keys(problems).sort()).toEqual([
      'body.expiresAt',
      'body.hashtags',
      'body.tags',
      'body.title',
      'body.url',
      'body.variants',
    ]);
    expect(problems['body.hashtags']).toContain('not-ok');
  });

  it('previews the tracked destination with the hub’s UTM parameters, never who shared', () => {
    expect(utmPreview('https://example.com/a?ref=1', 'x', 'c1')).toBe(
      'https://example.com/a?ref=1&utm_source=x&utm_medium=employee_advocacy&utm_campaign=spoke&utm_content=c1',
    );
    expect(utmPreview('not a url', 'x', 'c1')).toBeNull();
  });

  it('counts the post as shared: X weighs a link 23 and emoji 2, LinkedIn counts characters', () => {
    const text = shareTextOf({ ...form, x: 'Big day 🚀' }, 'x', 'https://hub.example.com/v1/r/abcd');
    expect(text).toBe('Big day 🚀\n\nhttps://hub.example.com/v1/r/abcd\n\n#AcmeCloud #Launch');
    // 'Big day ' 8 + emoji 2, two line breaks, the link 23, two line breaks, the hashtags 18.
    expect(postLength(text, 'x')).toBe(10 + 2 + 23 + 2 + 18);
    expect(postLength('🚀é', 'linkedin')).toBe(2);
    expect(shareTextOf({ ...form, x: '' }, 'x', null)).toBe('');
  });
});
