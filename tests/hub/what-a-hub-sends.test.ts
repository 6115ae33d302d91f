// What the hub sends members' browsers: every address is https (the hub refuses others when the CoE saves content
// or a policy, and will not start with a plain-http public address off loopback); a member's policy carries no rule
// examples and only keyed digests of secret dictionaries, while the CoE still sees and edits both in clear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PolicyResponseSchema, PolicyVersionSchema, ProblemSchema } from '../../lib/contract/hub';
import { check, compile, defaultPacks, type PolicyPack, validateMemberPack } from '../../lib/guidelines';
import { loadConfig } from '../../server/config';
import { addPolicyVersion } from '../../server/services/policy-versions';
import { backends, call, makeWorld, openTestDb, type TestDb, type World } from './support';

/** Codenames only this file uses: a member's pack must not hold them in any form a text search finds. */
const CODENAMES = ['Bluegill', 'Project Marmoset'];

function packWithCodenames(): PolicyPack {
  const pack = structuredClone(defaultPacks.core);
  const codenames = pack.dictionaries.codenames;
  if (!codenames) throw new Error('the core pack has no codenames dictionary');
  codenames.entries.push(...CODENAMES);
  return pack;
}

const BAD_URLS = ['javascript:alert(document.cookie)', 'data:text/html,<b>hi</b>', 'http://acme.example.com/policy'];

describe.each(backends)('what the hub sends members, on %s', (backend) => {
  let t: TestDb;
  let w: World;
  beforeAll(async () => {
    t = await openTestDb(backend);
    w = await makeWorld(t.db);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  });

  it.each(BAD_URLS)('refuses content linking to %s, naming the field, on create and on edit', async (url) => {
    const created = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Launch', url, variants: { linkedin: { text: 'We launched.' } } },
    });
    expect(created.status).toBe(400);
    expect(ProblemSchema.parse(await created.json()).errors?.map((e) => e.path)).toContain('body.url');

    const ok = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Launch', url: 'https://acme.example.com/launch', variants: { linkedin: { text: 'Hi' } } },
    });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const edited = await call(w.app, 'PATCH', `/v1/admin/content/${id}`, { token: w.a.coe.token, body: { url } });
    expect(edited.status).toBe(400);
    expect(ProblemSchema.parse(await edited.json()).errors?.map((e) => e.path)).toContain('body.url');
  });

  it.each(BAD_URLS)('refuses a policy whose rule source links to %s, in the pack or an overlay', async (url) => {
    const pack = structuredClone(defaultPacks.core) as unknown as { rules: Array<Record<string, unknown>> };
    const index = pack.rules.length - 1;
    (pack.rules[index] as { source: unknown }).source = { label: 'Our guide', url };
    const central = await call(w.app, 'POST', '/v1/admin/policy/versions', { token: w.a.coe.token, body: { pack } });
    expect(central.status).toBe(400);
    expect(ProblemSchema.parse(await central.json()).errors?.map((e) => e.path)).toContain(
      `body.pack.rules.${index}.source.url`,
    );

    const unit = w.a.units.Sales as string;
    const overlay = {
      id: 'sales',
      version: '1',
      rules: [
        {
          id: 'SALES-001',
          title: 'No discount talk',
          category: 'confidential',
          severity: 'warning',
          source: { label: 'Sales guide', url },
          matchers: { discount: { kind: 'phrases', phrases: ['discount'] } },
          when: { has: 'discount' },
          message: 'Prices are for the sales team to share.',
          rationale: 'Discounts differ per customer.',
          tests: [
            { text: 'Ask me for a discount', expect: 'hit' },
            { text: 'Ask me anything', expect: 'miss' },
          ],
        },
      ],
    };
    const withOverlay = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: { pack: defaultPacks.core, overlays: { [unit]: overlay } },
    });
    expect(withOverlay.status).toBe(400);
    expect(ProblemSchema.parse(await withOverlay.json()).errors?.map((e) => e.path)).toContain(
      `body.overlays.${unit}.rules.0.source.url`,
    );
  });

  it('serves a version stored before sources had to be https, with that rule and without its link', async () => {
    const pack = structuredClone(defaultPacks.core) as unknown as { rules: Array<{ id: string; source?: unknown }> };
    const rule = pack.rules[0] as { id: string; source?: unknown };
    rule.source = { label: 'Our old guide', url: 'http://intranet.acme.example.com/guide' };
    await addPolicyVersion(w.db, w.b.orgId, pack, {}, true);
    const response = await call(w.app, 'GET', '/v1/policy', { token: w.b.alice.token });
    expect(response.status).toBe(200);
    const served = PolicyResponseSchema.parse(await response.json()).pack as typeof pack;
    expect(served.rules.map((r) => r.id)).toEqual(pack.rules.map((r) => r.id));
    expect(served.rules[0]?.source).toEqual({ label: 'Our old guide' });
  });

  it('refuses a pack that brings its own sealed entries: sealing is the hub’s job', async () => {
    const pack = structuredClone(defaultPacks.core) as unknown as { dictionaries: Record<string, unknown> };
    pack.dictionaries.codenames = {
      secret: true,
      entries: [],
      sealed: { key: 'a1'.repeat(32), bits: 12, maxLength: 8, digests: [] },
    };
    const res = await call(w.app, 'POST', '/v1/admin/policy/versions', { token: w.a.coe.token, body: { pack } });
    expect(res.status).toBe(422);
    expect(ProblemSchema.parse(await res.json()).errors?.map((e) => e.path)).toContain(
      'body.pack.dictionaries.codenames.sealed',
    );
  });

  it('gives members rules without examples and secret dictionaries as keyed digests that still flag a codename', async () => {
    const created = await call(w.app, 'POST', '/v1/admin/policy/versions', {
      token: w.a.coe.token,
      body: { pack: packWithCodenames(), publish: true },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { version } = PolicyVersionSchema.parse(await created.json());

    const answer = await call(w.app, 'GET', '/v1/policy', { token: w.a.alice.token });
    expect(answer.status).toBe(200);
    const raw = await answer.text();
    // No codename in any case, nor a rule example (CONF-001's quote the core pack's own codenames).
    for (const codename of [...CODENAMES, 'Nightjar', 'Kestrel'])
      expect(raw.toLowerCase()).not.toContain(codename.toLowerCase());
    const served = PolicyResponseSchema.parse(JSON.parse(raw));
    const pack = served.pack as { rules: Array<Record<string, unknown>>; dictionaries: Record<string, unknown> };
    expect(pack.rules.length).toBe(defaultPacks.core.rules.length);
    expect(pack.rules.filter((r) => 'tests' in r)).toEqual([]);
    expect(pack.dictionaries.codenames).toMatchObject({ secret: true, entries: [] });
    expect(
      (pack.dictionaries.codenames as { sealed: { digests: string[] } }).sealed.digests.length,
    ).toBeGreaterThanOrEqual(4);

    // The member's extension takes it as it is, and still finds the codenames, however they are spelled.
    const checked = validateMemberPack(served.pack);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors.slice(0, 3)));
    const policy = compile(checked.pack);
    const flagged = (text: string) =>
      check(policy, text, { network: 'linkedin', postKind: 'post' })
        .filter((f) => f.ruleId === 'CONF-001')
        .map((f) => text.slice(f.start, f.end));
    expect(flagged('Bluegill ships next week!')).toEqual(['Bluegill']);
    expect(flagged('So proud of #ProjectMarmoset and the team')).toEqual(['ProjectMarmoset']);
    expect(flagged('Blu3g1ll is coming')).toEqual(['Blu3g1ll']);
    expect(flagged('We saw a bluegill and a marmoset at the lake')).toEqual(['bluegill']);
    expect(flagged('Nothing secret here')).toEqual([]);

    // The CoE still reads and edits the examples and the codenames in clear.
    const stored = PolicyVersionSchema.parse(
      await (await call(w.app, 'GET', `/v1/admin/policy/versions/${version}`, { token: w.a.coe.token })).json(),
    );
    const storedPack = stored.pack as unknown as PolicyPack;
    expect(storedPack.dictionaries.codenames?.entries).toEqual(expect.arrayContaining(CODENAMES));
    expect(storedPack.rules.every((r) => r.tests.length >= 2)).toBe(true);
  });

  it('seals each version and organisation under its own key, the same for every member of a version', async () => {
    const sealedOf = async (token: string) => {
      const served = PolicyResponseSchema.parse(await (await call(w.app, 'GET', '/v1/policy', { token })).json());
      return (served.pack.dictionaries as { codenames: { sealed: { key: string; digests: string[] } } }).codenames
        .sealed;
    };
    const publish = async (token: string) =>
      (
        await call(w.app, 'POST', '/v1/admin/policy/versions', {
          token,
          body: { pack: packWithCodenames(), publish: true },
        })
      ).status;
    expect(await publish(w.a.coe.token)).toBe(201);
    expect(await publish(w.b.coe.token)).toBe(201);
    const [alice, bob, other] = [
      await sealedOf(w.a.alice.token),
      await sealedOf(w.a.bob.token),
      await sealedOf(w.b.alice.token),
    ];
    expect(bob).toEqual(alice);
    expect(other.key).not.toBe(alice.key);
    expect(other.digests.some((d) => alice.digests.includes(d))).toBe(false);
    // The same codenames in the next version: nothing tells that they stayed.
    expect(await publish(w.a.coe.token)).toBe(201);
    const next = await sealedOf(w.a.alice.token);
    expect(next.key).not.toBe(alice.key);
    expect(next.digests.some((d) => alice.digests.includes(d))).toBe(false);
  });

  it('hands out tracked links on its https address, to https destinations', async () => {
    const content = await call(w.app, 'POST', '/v1/admin/content', {
      token: w.a.coe.token,
      body: { title: 'Post', url: 'https://acme.example.com/post', variants: { x: { text: 'Read this' } } },
    });
    const { id } = (await content.json()) as { id: string };
    await call(w.app, 'POST', `/v1/admin/content/${id}/publish`, { token: w.a.coe.token, body: {} });
    const link = await call(w.app, 'POST', '/v1/links', {
      token: w.a.alice.token,
      body: { contentId: id, network: 'x' },
    });
    expect(link.status).toBe(201);
    const body = (await link.json()) as { url: string; destination: string };
    expect(body.url.startsWith(`${w.config.publicUrl}/v1/r/`)).toBe(true);
    expect(new URL(body.url).protocol).toBe('https:');
    expect(new URL(body.destination).protocol).toBe('https:');
  });
});

describe('the hub’s own public address', () => {
  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/', 'http://localhost:8787'],
    ['https://spoke.acme.example.com/', 'https://spoke.acme.example.com'],
  ])('starts with %s', (raw, expected) => {
    expect(loadConfig({ SPOKE_PUBLIC_URL: raw }).publicUrl).toBe(expected);
  });

  it('defaults to plain http on loopback, for `npm start` on one computer', () => {
    expect(loadConfig({ PORT: '9123' }).publicUrl).toBe('http://127.0.0.1:9123');
  });

  it.each([
    'http://spoke.acme.example.com',
    'ftp://spoke.acme.example.com',
    'javascript:alert(1)',
    'spoke.acme.example.com',
  ])('refuses to start with %s, naming the setting', (raw) => {
    expect(() => loadConfig({ SPOKE_PUBLIC_URL: raw })).toThrow(/SPOKE_PUBLIC_URL must be an https:\/\/ address/);
  });
});
