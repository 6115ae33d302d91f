// Site packs on the hub: the CoE publishes a corrected pack (validated: shape and CSS syntax), members get it with
// an ETag and a 304 when unchanged, other organisations never see it, and withdrawing it sends members back to the
// pack built into their extension (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SitePack, SitePackResponseSchema } from '../../lib/contract/site-pack';
import builtinPack from '../../lib/sites/packs/builtin.json';
import { backends, call, makeWorld, openTestDb, type TestDb, type World } from './support';

const corrected = () => {
  const pack = structuredClone(builtinPack) as SitePack;
  pack.version = 'acme-2026-12-06';
  pack.sites.linkedin?.surfaces.push({
    id: 'linkedin-page-admin-share',
    editor: 'tiptap',
    selector: '.ProseMirror[contenteditable="true"]',
    within: '[role="dialog"]',
    postKind: 'post',
    anchor: { closest: [], otherwise: 'parent' },
    postButton: { scopes: ['[role="dialog"]'], byBehaviour: true },
  });
  return pack;
};

describe.each(backends)('site packs on %s', (backend) => {
  let t: TestDb;
  let w: World;

  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it('answers 404 until the CoE publishes one: members keep the built-in pack', async () => {
    const res = await call(w.app, 'GET', '/v1/site-pack', { token: w.a.alice.token });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/built-in/);
  });

  it('publishes a pack that members fetch, revalidate with an ETag and see replaced', async () => {
    const published = await call(w.app, 'PUT', '/v1/admin/site-pack', { token: w.a.coe.token, body: corrected() });
    expect(published.status).toBe(200);
    expect(await published.json()).toMatchObject({ version: 'acme-2026-12-06' });

    const first = await call(w.app, 'GET', '/v1/site-pack', { token: w.a.alice.token });
    expect(first.status).toBe(200);
    const body = SitePackResponseSchema.parse(await first.json());
    expect(body.pack.version).toBe('acme-2026-12-06');
    expect(body.pack.sites.linkedin?.surfaces.map((s) => s.id)).toContain('linkedin-page-admin-share');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();

    const again = await call(w.app, 'GET', '/v1/site-pack', {
      token: w.a.bob.token,
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);

    const next = { ...corrected(), version: 'acme-2026-12-07' };
    await call(w.app, 'PUT', '/v1/admin/site-pack', { token: w.a.coe.token, body: next });
    const changed = await call(w.app, 'GET', '/v1/site-pack', {
      token: w.a.alice.token,
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(changed.status).toBe(200);
    expect(SitePackResponseSchema.parse(await changed.json()).pack.version).toBe('acme-2026-12-07');
  });

  it('keeps one organisation’s pack from another’s members, and from advocates’ hands', async () => {
    expect((await call(w.app, 'GET', '/v1/site-pack', { token: w.b.alice.token })).status).toBe(404);
    const byAdvocate = await call(w.app, 'PUT', '/v1/admin/site-pack', { token: w.a.alice.token, body: corrected() });
    expect(byAdvocate.status).toBe(403);
  });

  it('refuses a pack that fails validation, saying where, and keeps the current one', async () => {
    const broken = corrected() as { sites: { x?: { surfaces: Array<{ selector: string }> } }; version: string };
    const surface = broken.sites.x?.surfaces[0];
    if (surface) surface.selector = '[data-testid="tweetTextarea_0"';
    broken.version = 'broken-1';
    const res = await call(w.app, 'PUT', '/v1/admin/site-pack', { token: w.a.coe.token, body: broken });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors?: Array<{ path: string; message: string }> };
    expect(problem.errors?.[0]).toMatchObject({
      path: 'body.sites.x.surfaces.0.selector',
      message: expect.stringContaining('not a CSS selector'),
    });
    const current = SitePackResponseSchema.parse(
      await (await call(w.app, 'GET', '/v1/site-pack', { token: w.a.alice.token })).json(),
    );
    expect(current.pack.version).toBe('acme-2026-12-07');
  });

  it('withdraws the pack: members are told to use the built-in one again', async () => {
    expect((await call(w.app, 'DELETE', '/v1/admin/site-pack', { token: w.a.coe.token })).status).toBe(200);
    expect((await call(w.app, 'GET', '/v1/site-pack', { token: w.a.alice.token })).status).toBe(404);
    expect((await call(w.app, 'DELETE', '/v1/admin/site-pack', { token: w.a.coe.token })).status).toBe(404);
  });
});
