// The one schema for an address Spoke may render, and the hub's own address: what each takes and refuses, and that
// neither throws on input that is no URL at all (a hostile hub chooses the input).
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '@/lib/contract/findings';
import { HubUrlSchema, RenderableUrlSchema } from '@/lib/contract/hub-common';
import { PolicyJsonSchema } from '@/lib/contract/hub-policy';

const NEVER = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  'java\nscript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'http://acme.example.com/launch',
  'ftp://acme.example.com/',
  '//acme.example.com/launch',
  '/v1/r/abc',
  'not a url',
  '',
];

describe('RenderableUrlSchema: what Spoke may render as a link, put in a post or open', () => {
  it.each(['https://acme.example.com/launch?x=1#top', 'HTTPS://Acme.Example.com/', 'https://xn--bcher-kva.example/'])(
    'takes %s',
    (url) => {
      expect(RenderableUrlSchema.safeParse(url).success).toBe(true);
    },
  );

  it.each([...NEVER, 'https://127.0.0.1/', 'https://localhost/', `https://acme.example.com/${'a'.repeat(2_000)}`])(
    'refuses %j',
    (url) => {
      expect(RenderableUrlSchema.safeParse(url).success).toBe(false);
    },
  );
});

describe('HubUrlSchema: the hub’s own address and the tracked links built on it', () => {
  it.each([
    'https://spoke.acme.example.com/v1/r/abc',
    'https://10.0.0.5/',
    'http://127.0.0.1:8787/v1/r/abc',
    'http://localhost:8787',
    'http://[::1]:8787/',
  ])('takes %s', (url) => {
    expect(HubUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each([...NEVER, 'http://hub.test/v1/r/abc', 'http://192.168.1.10:8787/'])('refuses %j without throwing', (url) => {
    expect(HubUrlSchema.safeParse(url).success).toBe(false);
  });
});

describe('rule sources in a policy', () => {
  const pack = (url: unknown) => ({
    id: 'p',
    rules: [{ id: 'A-001' }, { id: 'B-001', source: { label: 'Guide', url } }],
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', 'http://acme.example.com/guide', 42])(
    'refuses a pack whose rule source is %j, naming the rule’s field',
    (url) => {
      const parsed = PolicyJsonSchema.safeParse(pack(url));
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['rules.1.source.url']);
    },
  );

  it('takes https sources, sources without a link, and leaves the rest of the pack to the guideline engine', () => {
    expect(PolicyJsonSchema.safeParse(pack('https://acme.example.com/guide')).success).toBe(true);
    expect(PolicyJsonSchema.safeParse({ id: 'p', rules: [{ source: { label: 'Guide' } }, 'odd'] }).success).toBe(true);
    expect(PolicyJsonSchema.safeParse({ id: 'p', rules: 'not a list' }).success).toBe(true);
  });

  it('a finding crossing to the page links only to an https source', () => {
    const finding = {
      ruleId: 'A-001',
      severity: 'warning',
      category: 'links',
      title: 't',
      start: 0,
      end: 1,
      message: 'm',
      rationale: 'r',
      fixes: [],
    };
    expect(
      FindingSchema.safeParse({ ...finding, source: { label: 'g', url: 'https://acme.example.com/g' } }).success,
    ).toBe(true);
    expect(FindingSchema.safeParse({ ...finding, source: { label: 'g', url: 'javascript:alert(1)' } }).success).toBe(
      false,
    );
  });
});
