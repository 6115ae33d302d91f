// What a hub can send the extension: answers past a size cap are abandoned mid-stream, and addresses that are not
// https never get through the contracts (a hub-side bug or a hostile hub must not reach an href or a post).
import { describe, expect, it } from 'vitest';
import { createHubClient, HubError, RESPONSE_CAPS } from '@/lib/sync/hub-client';

const HUB = 'https://hub.example.com';
const ITEM_ID = '3f1f8a6e-2b7c-4c1e-9a55-0c6f1f2d9b10';

/** An answer whose body streams `total` bytes of one long JSON string in 64 KB chunks; counts what was pulled. */
function streamingAnswer(total: number, headers: Record<string, string> = {}) {
  const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
  const pulled = { bytes: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes === 0) controller.enqueue(new TextEncoder().encode('{"items":["'));
      if (pulled.bytes >= total) {
        controller.enqueue(new TextEncoder().encode('"]}'));
        controller.close();
        return;
      }
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      pulled.cancelled = true;
    },
  });
  const response = new Response(body, { status: 200, headers: { 'content-type': 'application/json', ...headers } });
  return { response, pulled };
}

function clientAnswering(answer: () => Response) {
  const fetch = (async () => answer()) as typeof globalThis.fetch;
  return createHubClient({ hubUrl: HUB, token: 'token', fetch });
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

function libraryItem(url: string | null) {
  const at = '2026-11-20T10:00:00.000Z';
  return {
    id: ITEM_ID,
    title: 'Launch',
    url,
    variants: { linkedin: { text: 'We launched.' } },
    hashtags: [],
    tags: [],
    businessUnitIds: [],
    locale: 'en',
    startsAt: null,
    expiresAt: null,
    version: 1,
    updatedAt: at,
    publishedAt: at,
  };
}

describe('the hub client reads at most a capped number of bytes per answer', () => {
  it.each([
    ['library', (c: ReturnType<typeof createHubClient>) => c.library(), RESPONSE_CAPS.library],
    ['policy', (c: ReturnType<typeof createHubClient>) => c.policy(), RESPONSE_CAPS.policy],
    ['site pack', (c: ReturnType<typeof createHubClient>) => c.sitePack(), RESPONSE_CAPS.sitePack],
    ['me', (c: ReturnType<typeof createHubClient>) => c.me(), RESPONSE_CAPS.other],
  ])('abandons a %s answer that goes on past its cap, saying why', async (_what, request, cap) => {
    const answer = streamingAnswer(cap * 4);
    const failure = await request(clientAnswering(() => answer.response)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HubError);
    expect((failure as HubError).message).toMatch(/larger than \d+ (MB|KB), more than Spoke reads/);
    // Not a retry-later problem: the same answer would come again.
    expect((failure as HubError).transient).toBe(false);
    // The download stopped at the cap: the rest of the body was never pulled.
    expect(answer.pulled.cancelled).toBe(true);
    expect(answer.pulled.bytes).toBeLessThanOrEqual(cap + 64 * 1024);
  });

  it('refuses an answer whose declared length is past the cap without reading it', async () => {
    const answer = streamingAnswer(RESPONSE_CAPS.library * 2, {
      'content-length': String(RESPONSE_CAPS.library * 2),
    });
    const failure = await clientAnswering(() => answer.response)
      .library()
      .catch((e: unknown) => e);
    expect((failure as HubError).message).toMatch(/larger than 16 MB/);
    // Nothing beyond the stream's own read-ahead of one chunk, then cancelled.
    expect(answer.pulled.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(answer.pulled.cancelled).toBe(true);
  });

  it('reads an answer under the cap in full, however it is chunked', async () => {
    const body = JSON.stringify({
      items: [libraryItem('https://acme.example.com/launch')],
      tombstones: [],
      cursor: '7',
      full: true,
    });
    const bytes = new TextEncoder().encode(body);
    // Split inside a multi-byte character too: the decoder must join the halves.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const answer = await clientAnswering(() => new Response(stream, { status: 200 })).library();
    expect(answer.notModified).toBe(false);
    if (!answer.notModified) expect(answer.data.items[0]?.url).toBe('https://acme.example.com/launch');
  });

  it('caps problem documents too', async () => {
    const answer = streamingAnswer(RESPONSE_CAPS.other * 3);
    const failing = new Response(answer.response.body, { status: 500 });
    const failure = await clientAnswering(() => failing)
      .me()
      .catch((e: unknown) => e);
    expect((failure as HubError).status).toBe(500);
    expect(answer.pulled.cancelled).toBe(true);
  });
});

describe('addresses a hub sends never reach the browser unless they are https', () => {
  const bad = [
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'http://acme.example.com/launch',
  ];

  it.each(bad)('refuses a library item linking to %s', async (url) => {
    const failure = await clientAnswering(() =>
      json({ items: [libraryItem(url)], tombstones: [], cursor: '1', full: true }),
    )
      .library()
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HubError);
    expect((failure as HubError).message).toBe('The hub sent an answer Spoke does not understand.');
  });

  it('takes a library item linking to an https page, or to none', async () => {
    const answer = await clientAnswering(() =>
      json({
        items: [libraryItem('https://acme.example.com/a'), { ...libraryItem(null), id: ITEM_ID.replace('3f', '4f') }],
        tombstones: [],
        cursor: '1',
        full: true,
      }),
    ).library();
    expect(answer.notModified ? [] : answer.data.items.map((i) => i.url)).toEqual(['https://acme.example.com/a', null]);
  });

  it.each(bad)('refuses a policy whose rule source links to %s', async (url) => {
    const policy = {
      version: 2,
      businessUnitId: ITEM_ID,
      publishedAt: '2026-11-20T10:00:00.000Z',
      pack: { id: 'p', rules: [{ id: 'ABC-001', source: { label: 'Our policy', url } }] },
    };
    const failure = await clientAnswering(() => json(policy))
      .policy()
      .catch((e: unknown) => e);
    expect((failure as HubError).message).toBe('The hub sent an answer Spoke does not understand.');
  });

  it.each([
    ['a destination', { url: 'https://hub.example.com/v1/r/abcdef12', destination: 'javascript:alert(1)' }],
    ['a data: destination', { url: 'https://hub.example.com/v1/r/abcdef12', destination: 'data:text/html,hi' }],
    [
      'a plain-http tracked link off this computer',
      { url: 'http://hub.example.com/v1/r/abcdef12', destination: 'https://acme.example.com/' },
    ],
    [
      'a javascript: tracked link',
      { url: 'javascript:alert(1)//v1/r/abcdef12', destination: 'https://acme.example.com/' },
    ],
  ])('refuses a tracked link with %s', async (_what, link) => {
    const failure = await clientAnswering(() => json({ code: 'abcdef12', ...link }))
      .createLink({ contentId: ITEM_ID, network: 'linkedin' })
      .catch((e: unknown) => e);
    expect((failure as HubError).message).toBe('The hub sent an answer Spoke does not understand.');
  });

  it('takes a tracked link from a hub on this computer over plain http (development)', async () => {
    const link = {
      code: 'abcdef12',
      url: 'http://127.0.0.1:8787/v1/r/abcdef12',
      destination: 'https://acme.example.com/',
    };
    const answer = await clientAnswering(() => json(link)).createLink({ contentId: ITEM_ID, network: 'x' });
    expect(answer.url).toBe(link.url);
  });
});
