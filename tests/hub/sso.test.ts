// Single sign-on against a real OpenID provider on loopback (tests/hub/oidc-idp.ts): the whole flow as the extension
// and the member's browser run it (start, the IdP's login and consent pages, the callback, the one-time code), the
// member created just in time in the unit of their department and given the CoE role by group, moved by a later
// sign-in; answers that do not check out refused (state, nonce, issuer, audience, expiry) with nothing recorded;
// device tokens that stop unless the IdP vouches again within the period, and stop at the next refresh once the IdP
// disabled the user; invite codes switched off.
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MeSchema, ProblemSchema, type SsoConfigRequest, SsoConfigSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { createInvite } from '../../server/services/invites';
import { signInAtIdp, startTestIdp, TestBrowser, type TestIdp } from './oidc-idp';
import { backends, call, enroll, makeWorld, openTestDb, type TestDb, type World } from './support';

const HUB = 'https://hub.test';
const CALLBACK = `${HUB}/v1/sso/callback`;
const EXTENSION_REDIRECT = 'https://dhdhjhogeaomelbceofajjicgiiaccpm.chromiumapp.org/sso';
const DAY = 86_400_000;

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe.each(backends)('single sign-on on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let idp: TestIdp;
  let config: SsoConfigRequest;

  beforeAll(async () => {
    idp = await startTestIdp({ redirectUris: [CALLBACK] });
    t = await openTestDb(backend);
    const base = testConfig();
    w = await makeWorld(t.db, { publicUrl: HUB, sso: { ...base.sso, httpIssuers: [idp.issuer] } });
    config = {
      slug: 'org-a',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: { source: 'value', value: idp.clientSecret },
      scopes: ['openid', 'profile', 'email', 'groups', 'offline_access'],
      claims: { businessUnit: 'department' },
      businessUnits: [
        { value: 'Engineering', businessUnitId: w.a.units.Engineering as string },
        { value: 'Sales', businessUnitId: w.a.units.Sales as string },
      ],
      coeGroup: 'spoke-coe',
    };
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
    await idp?.close();
  });
  beforeEach(async () => {
    idp.tamper = null;
    idp.idTokenTtl = 300;
    const saved = await call(w.app, 'PUT', '/v1/admin/sso', { token: w.a.coe.token, body: config });
    expect(saved.status, await saved.clone().text()).toBe(200);
  });

  /** The extension's start, the member at the IdP, and the IdP's answer brought to the hub: where the hub sends it. */
  async function toExtension(subject: string, options: { editCallback?: (url: URL) => void } = {}) {
    const { verifier, challenge } = pkce();
    const started = await call(w.app, 'POST', '/v1/sso/org-a/start', {
      body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge },
    });
    expect(started.status, await started.clone().text()).toBe(200);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const callback = await signInAtIdp(new TestBrowser(), authorizationUrl, subject, CALLBACK);
    options.editCallback?.(callback);
    const answer = await call(w.app, 'GET', `${callback.pathname}${callback.search}`);
    return { answer, verifier, callback };
  }

  /** A whole sign-in: the device token and the member as the enrolment answer gives them. */
  async function signIn(subject: string) {
    const { answer, verifier } = await toExtension(subject);
    expect(answer.status).toBe(302);
    const back = new URL(answer.headers.get('location') as string);
    expect(back.origin + back.pathname).toBe(EXTENSION_REDIRECT);
    const code = back.searchParams.get('code');
    expect(code, back.href).toBeTruthy();
    const redeemed = await call(w.app, 'POST', '/v1/sso/token', { body: { code, codeVerifier: verifier } });
    expect(redeemed.status, await redeemed.clone().text()).toBe(201);
    const body = (await redeemed.json()) as { token: string; me: unknown };
    return { token: body.token, me: MeSchema.parse(body.me) };
  }

  const identities = async (subject: string) =>
    Number(
      (
        await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM member_identities WHERE subject = $1', [
          subject,
        ])
      )[0]?.n,
    );

  it('creates the member at first sign-in, in the unit of their department, with the CoE role by group', async () => {
    idp.accounts.set('ada', {
      name: 'Ada Lovelace',
      department: 'Engineering',
      groups: ['staff'],
      email: 'ada@a.test',
    });
    idp.accounts.set('grace', { name: 'Grace Hopper', department: 'Sales', groups: ['staff', 'spoke-coe'] });
    const ada = await signIn('ada');
    expect(ada.me).toMatchObject({
      displayName: 'Ada Lovelace',
      role: 'advocate',
      businessUnit: { id: w.a.units.Engineering },
      organisation: { id: w.a.orgId },
    });
    // The token works for 30 days from now (the default period).
    const expires = Date.parse(ada.me.sso?.expiresAt as string);
    expect(expires - Date.now()).toBeGreaterThan(29 * DAY);
    expect(expires - Date.now()).toBeLessThanOrEqual(30 * DAY);
    expect((await call(w.app, 'GET', '/v1/admin/members', { token: ada.token })).status).toBe(403);

    const grace = await signIn('grace');
    expect(grace.me).toMatchObject({ role: 'coe', businessUnit: { id: w.a.units.Sales } });
    const members = await call(w.app, 'GET', '/v1/admin/members', { token: grace.token });
    expect(members.status).toBe(200);
    const names = ((await members.json()) as { members: Array<{ displayName: string }> }).members.map(
      (m) => m.displayName,
    );
    expect(names).toEqual(expect.arrayContaining(['Ada Lovelace', 'Grace Hopper']));
  });

  it('moves the member and changes their role when they sign in again with other claims', async () => {
    idp.accounts.set('lin', { name: 'Lin', department: 'Engineering', groups: ['spoke-coe'] });
    const first = await signIn('lin');
    expect(first.me).toMatchObject({ role: 'coe', businessUnit: { id: w.a.units.Engineering } });
    idp.accounts.set('lin', { name: 'Lin', department: 'Sales', groups: [] });
    const second = await signIn('lin');
    expect(second.me.id).toBe(first.me.id);
    expect(second.me).toMatchObject({ role: 'advocate', businessUnit: { id: w.a.units.Sales } });
    // The first device sees the move too, and has lost the console.
    const me = MeSchema.parse(await (await call(w.app, 'GET', '/v1/me', { token: first.token })).json());
    expect(me.businessUnit.id).toBe(w.a.units.Sales);
    expect((await call(w.app, 'GET', '/v1/admin/members', { token: first.token })).status).toBe(403);
    expect(await identities('lin')).toBe(1);
  });

  it('places a member whose department maps to no unit in the default unit, else at the root', async () => {
    idp.accounts.set('noor', { name: 'Noor', department: 'Legal' });
    expect((await signIn('noor')).me.businessUnit.id).toBe(w.a.rootId);
    await call(w.app, 'PUT', '/v1/admin/sso', {
      token: w.a.coe.token,
      body: { ...config, clientSecret: { source: 'unchanged' }, defaultBusinessUnitId: w.a.units.Sales },
    });
    idp.accounts.set('omar', { name: 'Omar', department: 'Legal' });
    expect((await signIn('omar')).me.businessUnit.id).toBe(w.a.units.Sales);
  });

  it('links a member provisioned before their first sign-in by their user name', async () => {
    const provisioned = await enroll(
      w.app,
      (
        await createInvite(w.db, {
          orgId: w.a.orgId,
          businessUnitId: w.a.rootId,
          role: 'advocate',
          maxUses: 1,
          expiresInHours: 1,
        })
      ).code,
      'Provisioned Pat',
    );
    await w.db.query(
      `INSERT INTO member_identities (id, org_id, member_id, issuer, subject, user_name)
       VALUES (gen_random_uuid(), $1, $2, $3, NULL, 'pat@a.test')`,
      [w.a.orgId, provisioned.id, idp.issuer],
    );
    idp.accounts.set('pat-at-idp', { name: 'Pat', preferred_username: 'pat@a.test', department: 'Sales' });
    const pat = await signIn('pat-at-idp');
    expect(pat.me.id).toBe(provisioned.id);
    expect(pat.me.businessUnit.id).toBe(w.a.units.Sales);
  });

  it('refuses an answer for a state it did not issue, or issued and used', async () => {
    idp.accounts.set('sam', { name: 'Sam', department: 'Sales' });
    const forged = await toExtension('sam', {
      editCallback: (url) => url.searchParams.set('state', randomBytes(32).toString('base64url')),
    });
    expect(forged.answer.status).toBe(400);
    expect(ProblemSchema.parse(await forged.answer.json()).errors?.[0]?.path).toBe('query.state');
    expect(await identities('sam')).toBe(0);
    // The real answer, brought twice: the first signs in, the second is refused.
    const real = await toExtension('sam');
    expect(real.answer.status).toBe(302);
    const again = await call(w.app, 'GET', `${real.callback.pathname}${real.callback.search}`);
    expect(again.status).toBe(400);
    expect(await identities('sam')).toBe(1);
  });

  const refusals: Array<[string, (idp: TestIdp) => void]> = [
    ['another nonce', (p) => (p.tamper = (claims) => ({ ...claims, nonce: 'not-the-one-sent' }))],
    ['another issuer', (p) => (p.tamper = (claims) => ({ ...claims, iss: 'https://idp.elsewhere.test' }))],
    ['another audience', (p) => (p.tamper = (claims) => ({ ...claims, aud: 'another-app' }))],
    ['an expired ID token', (p) => (p.idTokenTtl = -120)],
  ];
  for (const [what, spoil] of refusals) {
    it(`refuses an ID token with ${what}, and records nothing`, async () => {
      const subject = `mallory-${what.replace(/\W+/g, '-')}`;
      idp.accounts.set(subject, { name: 'Mallory', department: 'Engineering', groups: ['spoke-coe'] });
      const before = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM members');
      spoil(idp);
      const { answer } = await toExtension(subject);
      expect(answer.status).toBe(302);
      const back = new URL(answer.headers.get('location') as string);
      expect(back.searchParams.get('error')).toBe('sign_in_failed');
      expect(back.searchParams.get('code')).toBeNull();
      expect(await identities(subject)).toBe(0);
      expect(await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM members')).toEqual(before);
    });
  }

  it('tells the operator why a sign-in was refused, and never its code, state or token', async () => {
    const written: string[] = [];
    const logger = createLogger(
      new Writable({
        write(chunk, _encoding, done) {
          written.push(String(chunk));
          done();
        },
      }),
    );
    const logged = createHubApp({ version: 'test', db: w.db, config: { ...w.config, logLevel: 'info' }, logger });
    idp.accounts.set('olga', { name: 'Olga', department: 'Sales' });
    const { verifier, challenge } = pkce();
    const started = await call(logged, 'POST', '/v1/sso/org-a/start', {
      body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge },
    });
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    idp.tamper = (claims) => ({ ...claims, aud: 'another-app' });
    const refusedAt = await signInAtIdp(new TestBrowser(), authorizationUrl, 'olga', CALLBACK);
    await call(logged, 'GET', `${refusedAt.pathname}${refusedAt.search}`);
    idp.tamper = null;
    const again = await call(logged, 'POST', '/v1/sso/org-a/start', {
      body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge },
    });
    const second = ((await again.json()) as { authorizationUrl: string }).authorizationUrl;
    const callback = await signInAtIdp(new TestBrowser(), second, 'olga', CALLBACK);
    const answer = await call(logged, 'GET', `${callback.pathname}${callback.search}`);
    const code = new URL(answer.headers.get('location') as string).searchParams.get('code') as string;
    const redeemed = await call(logged, 'POST', '/v1/sso/token', { body: { code, codeVerifier: verifier } });
    const { token } = (await redeemed.json()) as { token: string };
    const log = written.join('');
    expect(log).toContain('"event":"sso_sign_in_refused"');
    for (const secret of [
      refusedAt.searchParams.get('code'),
      refusedAt.searchParams.get('state'),
      callback.searchParams.get('code'),
      callback.searchParams.get('state'),
      code,
      verifier,
      token,
      idp.clientSecret,
    ]) {
      expect(log).not.toContain(secret);
    }
  });

  it('redeems a one-time code once, and only with the verifier of its start', async () => {
    idp.accounts.set('kim', { name: 'Kim', department: 'Sales' });
    const { answer, verifier } = await toExtension('kim');
    const code = new URL(answer.headers.get('location') as string).searchParams.get('code');
    const wrong = await call(w.app, 'POST', '/v1/sso/token', { body: { code, codeVerifier: pkce().verifier } });
    expect(wrong.status).toBe(400);
    // A wrong verifier spends the code: the right one comes too late.
    const late = await call(w.app, 'POST', '/v1/sso/token', { body: { code, codeVerifier: verifier } });
    expect(late.status).toBe(400);
    const fresh = await toExtension('kim');
    const freshCode = new URL(fresh.answer.headers.get('location') as string).searchParams.get('code');
    const ok = await call(w.app, 'POST', '/v1/sso/token', { body: { code: freshCode, codeVerifier: fresh.verifier } });
    expect(ok.status).toBe(201);
    const twice = await call(w.app, 'POST', '/v1/sso/token', {
      body: { code: freshCode, codeVerifier: fresh.verifier },
    });
    expect(twice.status).toBe(400);
  });

  it('keeps a device working while the IdP vouches within the period, and stops it after', async () => {
    idp.accounts.set('rui', { name: 'Rui', department: 'Engineering' });
    const rui = await signIn('rui');
    const age = (days: number) =>
      w.db.query(`UPDATE devices SET identity_verified_at = now() - make_interval(days => $1) WHERE id = $2`, [
        days,
        rui.me.device.id,
      ]);
    // 29 days after the sign-in the token still works, and a refresh (the IdP rotates its refresh token) renews it.
    await age(29);
    expect((await call(w.app, 'GET', '/v1/me', { token: rui.token })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const refreshed = await call(w.app, 'POST', '/v1/sso/refresh', { token: rui.token, body: {} });
      expect(refreshed.status, await refreshed.clone().text()).toBe(200);
      const { expiresAt } = (await refreshed.json()) as { expiresAt: string };
      expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * DAY);
    }
    // A refresh moves the member with their claims.
    idp.accounts.set('rui', { name: 'Rui', department: 'Sales' });
    expect((await call(w.app, 'POST', '/v1/sso/refresh', { token: rui.token, body: {} })).status).toBe(200);
    expect(
      MeSchema.parse(await (await call(w.app, 'GET', '/v1/me', { token: rui.token })).json()).businessUnit.id,
    ).toBe(w.a.units.Sales);
    // Past the period without the IdP, the token stops with a problem the extension acts on.
    await age(31);
    const stopped = await call(w.app, 'GET', '/v1/me', { token: rui.token });
    expect(stopped.status).toBe(401);
    expect(ProblemSchema.parse(await stopped.json()).code).toBe('sign-in-required');
    expect((await call(w.app, 'POST', '/v1/sso/refresh', { token: rui.token, body: {} })).status).toBe(401);
    // The organisation's own period counts: 7 days.
    await call(w.app, 'PUT', '/v1/admin/sso', {
      token: w.a.coe.token,
      body: { ...config, clientSecret: { source: 'unchanged' }, tokenMaxAgeDays: 7 },
    });
    await age(6);
    expect((await call(w.app, 'GET', '/v1/me', { token: rui.token })).status).toBe(200);
    await age(8);
    expect((await call(w.app, 'GET', '/v1/me', { token: rui.token })).status).toBe(401);
  });

  it('locks a member out at the next refresh once the IdP disabled them', async () => {
    idp.accounts.set('lee', { name: 'Lee', department: 'Sales' });
    const lee = await signIn('lee');
    idp.accounts.set('lee', { name: 'Lee', department: 'Sales', disabled: true });
    // Until the next refresh the hub does not know.
    expect((await call(w.app, 'GET', '/v1/me', { token: lee.token })).status).toBe(200);
    const refused = await call(w.app, 'POST', '/v1/sso/refresh', { token: lee.token, body: {} });
    expect(refused.status).toBe(401);
    expect(ProblemSchema.parse(await refused.json()).code).toBe('sign-in-required');
    const after = await call(w.app, 'GET', '/v1/me', { token: lee.token });
    expect(after.status).toBe(401);
    expect(ProblemSchema.parse(await after.json()).code).toBe('sign-in-required');
    // Enabled again, a new sign-in gets them back in as the same member.
    idp.accounts.set('lee', { name: 'Lee', department: 'Sales' });
    const back = await signIn('lee');
    expect(back.me.id).toBe(lee.me.id);
    expect((await call(w.app, 'GET', '/v1/me', { token: back.token })).status).toBe(200);
  });

  it('lets devices live out their period when the organisation stops signing in with its IdP', async () => {
    idp.accounts.set('val', { name: 'Val', department: 'Sales' });
    const val = await signIn('val');
    expect((await call(w.app, 'DELETE', '/v1/admin/sso', { token: w.a.coe.token })).status).toBe(200);
    expect((await call(w.app, 'POST', '/v1/sso/refresh', { token: val.token, body: {} })).status).toBe(409);
    expect((await call(w.app, 'GET', '/v1/me', { token: val.token })).status).toBe(200);
    const start = await call(w.app, 'POST', '/v1/sso/org-a/start', {
      body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: pkce().challenge },
    });
    expect(start.status).toBe(404);
  });

  it('refuses a member the CoE deactivated', async () => {
    idp.accounts.set('dee', { name: 'Dee', department: 'Sales' });
    const dee = await signIn('dee');
    await call(w.app, 'POST', `/v1/admin/members/${dee.me.id}/deactivate`, { token: w.a.coe.token, body: {} });
    const { answer } = await toExtension('dee');
    expect(new URL(answer.headers.get('location') as string).searchParams.get('error')).toBe('member_deactivated');
  });

  it('switches invite codes off for the organisation, and on again', async () => {
    const code = async (orgId: string, unit: string) =>
      (await createInvite(w.db, { orgId, businessUnitId: unit, role: 'advocate', maxUses: 5, expiresInHours: 1 })).code;
    const codeOfA = await code(w.a.orgId, w.a.rootId);
    const off = { ...config, clientSecret: { source: 'unchanged' as const }, inviteCodes: false };
    expect((await call(w.app, 'PUT', '/v1/admin/sso', { token: w.a.coe.token, body: off })).status).toBe(200);
    const refused = await call(w.app, 'POST', '/v1/enroll', { body: { inviteCode: codeOfA, displayName: 'Via code' } });
    expect(refused.status).toBe(403);
    expect(ProblemSchema.parse(await refused.json()).detail).toMatch(/switched invite codes off/);
    const created = await call(w.app, 'POST', '/v1/admin/invites', {
      token: w.a.coe.token,
      body: { businessUnitId: w.a.rootId },
    });
    expect(created.status).toBe(409);
    // The refused enrolment used nothing of the code; another organisation's codes still work.
    await enroll(w.app, await code(w.b.orgId, w.b.rootId), 'B by code');
    await call(w.app, 'PUT', '/v1/admin/sso', { token: w.a.coe.token, body: { ...off, inviteCodes: true } });
    await enroll(w.app, codeOfA, 'Via code');
  });

  it('never shows the client secret, and takes one named in the environment', async () => {
    const read = await call(w.app, 'GET', '/v1/admin/sso', { token: w.a.coe.token });
    const text = await read.text();
    expect(text).not.toContain(idp.clientSecret);
    expect(SsoConfigSchema.parse(JSON.parse(text))).toMatchObject({
      clientSecret: { source: 'value' },
      redirectUri: CALLBACK,
      inviteCodes: true,
      tokenMaxAgeDays: 30,
    });
    const [stored] = await w.db.query<Record<string, unknown>>('SELECT * FROM sso_configs WHERE org_id = $1', [
      w.a.orgId,
    ]);
    expect(JSON.stringify(stored)).not.toContain(idp.clientSecret);
    const named = { ...config, clientSecret: { source: 'env' as const, name: 'SPOKE_SSO_SECRET_ORG_A' } };
    const saved = await call(w.app, 'PUT', '/v1/admin/sso', { token: w.a.coe.token, body: named });
    expect(SsoConfigSchema.parse(await saved.json()).clientSecret).toEqual({
      source: 'env',
      name: 'SPOKE_SSO_SECRET_ORG_A',
      present: false,
    });
    // No other variable of the hub can be named.
    const sneaky = { ...config, clientSecret: { source: 'env', name: 'DATABASE_URL' } };
    expect((await call(w.app, 'PUT', '/v1/admin/sso', { token: w.a.coe.token, body: sneaky })).status).toBe(400);
  });

  it('refuses what would make the hub an open redirect, an http issuer or a name taken', async () => {
    const start = (redirectUri: string, org = 'org-a') =>
      call(w.app, 'POST', `/v1/sso/${org}/start`, { body: { redirectUri, codeChallenge: pkce().challenge } });
    for (const elsewhere of [
      'https://evil.example/sso',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/sso',
      `${EXTENSION_REDIRECT}?next=https://evil.example`,
    ]) {
      const refused = await start(elsewhere);
      expect(refused.status, elsewhere).toBe(400);
      expect(ProblemSchema.parse(await refused.json()).errors?.[0]?.path).toBe('body.redirectUri');
    }
    expect((await start(EXTENSION_REDIRECT, 'nobody')).status).toBe(404);
    const http = await call(w.app, 'PUT', '/v1/admin/sso', {
      token: w.a.coe.token,
      body: { ...config, issuer: 'http://idp.example.test' },
    });
    expect(http.status).toBe(400);
    const taken = await call(w.app, 'PUT', '/v1/admin/sso', {
      token: w.b.coe.token,
      body: { ...config, businessUnits: [] },
    });
    expect(taken.status).toBe(409);
  });
});
