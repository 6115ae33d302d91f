// Taking the organisation's site pack at sync: stored for the content scripts when it changed (revalidated with its
// ETag), dropped when the hub says none is published (404), and left aside, without failing the sync, when this
// version cannot read it; signing out forgets it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SitePack } from '@/lib/contract/site-pack';
import { SpokeDatabase } from '@/lib/db';
import { BUILTIN_PACK } from '@/lib/sites/pack';
import { hubSitePackItem } from '@/lib/sites/pack-store';
import { signOut, syncNow } from '@/lib/sync/sync';

const HUB = 'https://hub.example.com';
const packOf = (version: string): SitePack => ({ ...structuredClone(BUILTIN_PACK), version });

/** A hub with an empty library and no policy, whose site-pack answer the test sets; it records what was asked. */
function fakeHub() {
  const asked: Array<{ path: string; ifNoneMatch: string | null }> = [];
  let sitePack: { status: number; body?: unknown; etag?: string } = { status: 404 };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = new Headers(init?.headers);
    asked.push({ path: url.pathname, ifNoneMatch: headers.get('if-none-match') });
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...extra } });
    if (url.pathname === '/v1/library') return json(200, { items: [], tombstones: [], cursor: '0', full: true });
    if (url.pathname === '/v1/policy') return json(404, { title: 'Not Found', status: 404, detail: 'none' });
    if (url.pathname === '/v1/me/devices/device-1') return json(200, { ok: true });
    if (url.pathname === '/v1/site-pack') {
      if (sitePack.etag && headers.get('if-none-match') === sitePack.etag) return new Response(null, { status: 304 });
      if (sitePack.status !== 200) return json(sitePack.status, { title: 'Not Found', status: 404, detail: 'none' });
      return json(200, sitePack.body, sitePack.etag ? { etag: sitePack.etag } : {});
    }
    return json(404, { title: 'Not Found', status: 404, detail: url.pathname });
  }) as typeof globalThis.fetch;
  return { fetch, asked, answer: (next: typeof sitePack) => (sitePack = next) };
}

let db: SpokeDatabase;
beforeEach(async () => {
  fakeBrowser.reset();
  db = new SpokeDatabase(`test-${crypto.randomUUID()}`);
  await db.setSetting('enrolment', {
    hubUrl: HUB,
    token: 'spk_test',
    me: { device: { id: 'device-1' } },
  } as never);
});
afterEach(async () => {
  await db.delete();
});

describe('the site pack at sync', () => {
  it('stores a published pack, revalidates it with its ETag, and drops it when it is withdrawn', async () => {
    const hub = fakeHub();
    hub.answer({ status: 200, body: { pack: packOf('acme-1'), publishedAt: '2026-12-06T10:00:00Z' }, etag: 'W/"a"' });
    await syncNow(db, hub.fetch);
    expect((await hubSitePackItem.getValue())?.pack.version).toBe('acme-1');

    await syncNow(db, hub.fetch);
    expect(hub.asked.filter((a) => a.path === '/v1/site-pack').at(-1)?.ifNoneMatch).toBe('W/"a"');
    expect((await hubSitePackItem.getValue())?.pack.version).toBe('acme-1');

    hub.answer({ status: 404 });
    const result = await syncNow(db, hub.fetch);
    expect(await hubSitePackItem.getValue()).toBeNull();
    expect(result.retryAt).toBeUndefined();
    expect((await db.getSetting('sync'))?.lastError).toBeUndefined();
  });

  it('leaves a pack it cannot read aside, keeping the one in use, and the sync succeeds', async () => {
    const hub = fakeHub();
    hub.answer({ status: 200, body: { pack: packOf('acme-1'), publishedAt: '2026-12-06T10:00:00Z' }, etag: 'W/"a"' });
    await syncNow(db, hub.fetch);
    hub.answer({ status: 200, body: { pack: { ...packOf('acme-2'), format: 2 }, publishedAt: 'x' }, etag: 'W/"b"' });
    await syncNow(db, hub.fetch);
    expect((await hubSitePackItem.getValue())?.pack.version).toBe('acme-1');
    expect((await db.getSetting('sync'))?.lastError).toBeUndefined();
  });

  it('forgets the organisation’s pack on sign-out', async () => {
    const hub = fakeHub();
    hub.answer({ status: 200, body: { pack: packOf('acme-1'), publishedAt: '2026-12-06T10:00:00Z' } });
    await syncNow(db, hub.fetch);
    expect(await hubSitePackItem.getValue()).not.toBeNull();
    await signOut(db, hub.fetch);
    expect(await hubSitePackItem.getValue()).toBeNull();
  });
});
