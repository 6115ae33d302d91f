// SCIM 2.0 provisioning as Okta's and Entra ID's provisioning clients send it (bodies shaped after their public
// documentation: Okta's "SCIM 2.0" guide, Microsoft's "Develop and plan provisioning for a SCIM endpoint"): the
// connection test, the lookup by `userName eq` before a creation, the creation, a PUT, Okta's PATCH with a value
// object, Entra ID's capitalised ops with enterprise-extension paths and string booleans. A deactivation stops the
// member's device token at once; a later sign-in through the organisation's IdP lands on the provisioned member.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimErrorSchema, ScimListResponseSchema, ScimUserSchema } from '../../lib/contract/hub';
import { testConfig } from '../../server/config';
import { signInAtIdp, startTestIdp, TestBrowser, type TestIdp } from './oidc-idp';
import { backends, call, makeWorld, openTestDb, type TestDb, type World } from './support';

const HUB = 'https://hub.test';
const CALLBACK = `${HUB}/v1/sso/callback`;
const EXTENSION_REDIRECT = 'https://dhdhjhogeaomelbceofajjicgiiaccpm.chromiumapp.org/sso';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** Both clients send SCIM's media type. */
const SCIM_JSON = { 'content-type': 'application/scim+json; charset=utf-8', accept: 'application/scim+json' };

describe.each(backends)('SCIM provisioning on %s', (backend) => {
  let t: TestDb;
  let w: World;
  let idp: TestIdp;
  let secretA: string;
  let secretB: string;

  const scim = (method: string, path: string, body?: unknown, secret = secretA) =>
    call(w.app, method, `/v1/scim/v2${path}`, { token: secret, body, headers: SCIM_JSON });

  async function user(response: Response, status = 200) {
    const text = await response.clone().text();
    expect(response.status, text).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    return ScimUserSchema.parse(await response.json());
  }

  async function scimError(response: Response, status: number) {
    const text = await response.clone().text();
    expect(response.status, text).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/scim+json');
    const body = ScimErrorSchema.parse(await response.json());
    expect(body.status).toBe(String(status));
    return body;
  }

  async function newSecret(token: string) {
    const made = await call(w.app, 'POST', '/v1/admin/scim/secret', { token, body: {} });
    expect(made.status, await made.clone().text()).toBe(201);
    return ((await made.json()) as { secret: string }).secret;
  }

  /** A member signs in through organisation A's IdP: their device token. */
  async function signIn(subject: string): Promise<string> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const started = await call(w.app, 'POST', '/v1/sso/org-a/start', {
      body: { redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge },
    });
    expect(started.status, await started.clone().text()).toBe(200);
    const { authorizationUrl } = (await started.json()) as { authorizationUrl: string };
    const callback = await signInAtIdp(new TestBrowser(), authorizationUrl, subject, CALLBACK);
    const answer = await call(w.app, 'GET', `${callback.pathname}${callback.search}`);
    const code = new URL(answer.headers.get('location') ?? 'https://x.invalid').searchParams.get('code');
    expect(code, answer.headers.get('location') ?? '').toBeTruthy();
    const redeemed = await call(w.app, 'POST', '/v1/sso/token', { body: { code, codeVerifier: verifier } });
    expect(redeemed.status, await redeemed.clone().text()).toBe(201);
    return ((await redeemed.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    idp = await startTestIdp({ redirectUris: [CALLBACK] });
    t = await openTestDb(backend);
    const base = testConfig();
    // Tokens cached for a minute: deactivation must stop them anyway.
    w = await makeWorld(t.db, {
      publicUrl: HUB,
      authCacheSeconds: 60,
      sso: { ...base.sso, httpIssuers: [idp.issuer] },
    });
    const sso = await call(w.app, 'PUT', '/v1/admin/sso', {
      token: w.a.coe.token,
      body: {
        slug: 'org-a',
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: { source: 'value', value: idp.clientSecret },
        claims: { businessUnit: 'department' },
        businessUnits: [
          { value: 'Engineering', businessUnitId: w.a.units.Engineering as string },
          { value: 'Sales', businessUnitId: w.a.units.Sales as string },
        ],
      },
    });
    expect(sso.status, await sso.clone().text()).toBe(200);
    secretA = await newSecret(w.a.coe.token);
    secretB = await newSecret(w.b.coe.token);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
    await idp?.close();
  });

  it('shows the CoE where to point its IdP, never the secret again', async () => {
    const settings = await call(w.app, 'GET', '/v1/admin/scim', { token: w.a.coe.token });
    expect(settings.status).toBe(200);
    const text = await settings.text();
    expect(JSON.parse(text)).toMatchObject({ baseUrl: `${HUB}/v1/scim/v2`, secret: { createdAt: expect.any(String) } });
    expect(text).not.toContain(secretA);
    const stored = await w.db.query<{ secret_hash: string }>('SELECT secret_hash FROM scim_secrets');
    expect(JSON.stringify(stored)).not.toContain(secretA);
  });

  it("answers Okta's connection test with an empty ListResponse", async () => {
    const list = await scim('GET', '/Users?startIndex=1&count=2');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toContain('application/scim+json');
    expect(ScimListResponseSchema.parse(await list.json())).toMatchObject({ totalResults: 0, startIndex: 1 });
  });

  it('refuses a device token, a forged secret and no secret, in SCIM’s error schema', async () => {
    for (const token of [w.a.coe.token, 'scim_forgedforgedforgedforgedforged', undefined]) {
      const refused = await call(w.app, 'GET', '/v1/scim/v2/Users', { token, headers: SCIM_JSON });
      await scimError(refused, 401);
      expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('Okta: looks the user up, creates them, finds them, refuses a duplicate, deactivates them with a PATCH', async () => {
    const userName = 'dana.okta@a.test';
    const lookup = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`,
    );
    expect(ScimListResponseSchema.parse(await lookup.json()).totalResults).toBe(0);

    const oktaCreate = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName,
      name: { givenName: 'Dana', familyName: 'Okta' },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: 'Dana Okta',
      locale: 'en-US',
      externalId: '00u1abcdEFGH',
      groups: [],
      password: '1mz050nq',
      active: true,
    };
    const created = await user(await scim('POST', '/Users', oktaCreate), 201);
    expect(created).toMatchObject({ userName, externalId: '00u1abcdEFGH', displayName: 'Dana Okta', active: true });
    expect(created.meta.location).toBe(`${HUB}/v1/scim/v2/Users/${created.id}`);
    // Nothing of the password nor the e-mail is kept.
    const rows = await w.db.query('SELECT * FROM member_identities WHERE member_id = $1', [created.id]);
    expect(JSON.stringify(rows)).not.toContain('1mz050nq');

    const found = ScimListResponseSchema.parse(
      await (await scim('GET', `/Users?filter=${encodeURIComponent('userName eq "DANA.OKTA@A.TEST"')}`)).json(),
    );
    expect(found.Resources.map((u) => u.id)).toEqual([created.id]);
    expect((await user(await scim('GET', `/Users/${created.id}`))).userName).toBe(userName);

    const duplicate = await scimError(
      await scim('POST', '/Users', { ...oktaCreate, userName: 'Dana.Okta@a.test' }),
      409,
    );
    expect(duplicate.scimType).toBe('uniqueness');

    const deactivated = await user(
      await scim('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    );
    expect(deactivated.active).toBe(false);
    const member = await w.db.query<{ status: string }>('SELECT status FROM members WHERE id = $1', [created.id]);
    expect(member[0]?.status).toBe('deactivated');
  });

  it('Okta: a PUT replaces the user (renamed, moved by department, reactivated)', async () => {
    const created = await user(
      await scim('POST', '/Users', {
        userName: 'erin@a.test',
        name: { givenName: 'Erin', familyName: 'A' },
        active: false,
      }),
      201,
    );
    expect(created).toMatchObject({ active: false, displayName: 'Erin A' });
    const replaced = await user(
      await scim('PUT', `/Users/${created.id}`, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        id: created.id,
        userName: 'erin@a.test',
        name: { givenName: 'Erin', familyName: 'Sales' },
        active: true,
        [ENTERPRISE]: { department: 'Sales' },
      }),
    );
    expect(replaced).toMatchObject({ active: true, displayName: 'Erin Sales', [ENTERPRISE]: { department: 'Sales' } });
    const [row] = await w.db.query<{ business_unit_id: string }>('SELECT business_unit_id FROM members WHERE id = $1', [
      created.id,
    ]);
    expect(row?.business_unit_id).toBe(w.a.units.Sales);
    // Deactivated, then a PUT that does not mention `active`: still deactivated.
    await user(
      await scim('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    );
    const omitted = await user(
      await scim('PUT', `/Users/${created.id}`, { userName: 'erin@a.test', displayName: 'Erin' }),
    );
    expect(omitted).toMatchObject({ active: false, displayName: 'Erin' });
  });

  it('Entra ID: creates with the enterprise extension, then a sign-in lands on that member; PATCH "False" locks them out at once', async () => {
    idp.accounts.set('entra-subject-1', {
      name: 'Frank At IdP',
      preferred_username: 'Frank@A.test',
      department: 'Engineering',
    });
    const userName = 'frank@a.test';
    const lookup = await scim('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`);
    expect(ScimListResponseSchema.parse(await lookup.json()).totalResults).toBe(0);
    const created = await user(
      await scim('POST', '/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        externalId: 'frank',
        userName,
        active: true,
        emails: [{ primary: true, type: 'work', value: userName }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Frank Entra', familyName: 'Entra', givenName: 'Frank' },
        roles: [],
        [ENTERPRISE]: { department: 'Sales' },
      }),
      201,
    );
    expect(created[ENTERPRISE]?.department).toBe('Sales');
    const byExternalId = ScimListResponseSchema.parse(
      await (await scim('GET', `/Users?filter=${encodeURIComponent('externalId eq "frank"')}`)).json(),
    );
    expect(byExternalId.Resources.map((u) => u.id)).toEqual([created.id]);

    // The member signs in through the IdP with the same user name: the provisioned member, not a new one.
    const token = await signIn('entra-subject-1');
    const me = await call(w.app, 'GET', '/v1/me', { token });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(created.id);

    // Entra ID's update: capitalised op, attribute paths, the enterprise extension's department path.
    const moved = await user(
      await scim('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'displayName', value: 'Frank Moved' },
          { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Engineering' },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'frank.moved@a.test' },
          { op: 'Replace', path: 'title', value: 'Engineer' },
        ],
      }),
    );
    expect(moved).toMatchObject({ displayName: 'Frank Moved', [ENTERPRISE]: { department: 'Engineering' } });

    // Entra ID's soft delete: `active` as the string "False".
    const disabled = await user(
      await scim('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      }),
    );
    expect(disabled.active).toBe(false);
    expect((await call(w.app, 'GET', '/v1/me', { token })).status).toBe(401);
    const sync = await call(w.app, 'POST', '/v1/events', {
      token,
      body: { sentAt: new Date().toISOString(), events: [] },
    });
    expect(sync.status).toBe(401);
  });

  it('keeps each organisation to its own users: B’s secret finds nothing of A', async () => {
    const created = await user(await scim('POST', '/Users', { userName: 'gina@a.test' }), 201);
    await scimError(await scim('GET', `/Users/${created.id}`, undefined, secretB), 404);
    await scimError(
      await scim(
        'PATCH',
        `/Users/${created.id}`,
        { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
        secretB,
      ),
      404,
    );
    const listB = ScimListResponseSchema.parse(await (await scim('GET', '/Users', undefined, secretB)).json());
    expect(listB.Resources.map((u) => u.userName)).not.toContain('gina@a.test');
    // B may use the same user name in its own organisation.
    await user(await scim('POST', '/Users', { userName: 'gina@a.test' }, secretB), 201);
  });

  it('pages with startIndex and count', async () => {
    const all = ScimListResponseSchema.parse(await (await scim('GET', '/Users?startIndex=1&count=200')).json());
    expect(all.totalResults).toBeGreaterThanOrEqual(3);
    const page = ScimListResponseSchema.parse(await (await scim('GET', '/Users?startIndex=2&count=1')).json());
    expect(page).toMatchObject({ totalResults: all.totalResults, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources[0]?.id).toBe(all.Resources[1]?.id);
  });

  it('refuses what it does not support, in SCIM’s terms', async () => {
    const filter = await scimError(
      await scim('GET', `/Users?filter=${encodeURIComponent('name.familyName co "x"')}`),
      400,
    );
    expect(filter.scimType).toBe('invalidFilter');
    const noUserName = await scimError(await scim('POST', '/Users', { displayName: 'Nobody' }), 400);
    expect(noUserName.scimType).toBe('invalidSyntax');
    const created = await user(await scim('POST', '/Users', { userName: 'hal@a.test' }), 201);
    const badActive = await scimError(
      await scim('PATCH', `/Users/${created.id}`, {
        schemas: [PATCH_OP],
        Operations: [{ op: 'Replace', path: 'active', value: 'maybe' }],
      }),
      400,
    );
    expect(badActive.scimType).toBe('invalidValue');
    await scimError(await scim('GET', '/Users/not-a-member'), 404);
    await scimError(await scim('GET', `/Users/${w.a.alice.id}`), 404);
  });

  it('stops the old secret when the CoE makes a new one, and all when it revokes', async () => {
    const rotated = await newSecret(w.a.coe.token);
    await scimError(await scim('GET', '/Users'), 401);
    expect((await scim('GET', '/Users', undefined, rotated)).status).toBe(200);
    expect((await call(w.app, 'DELETE', '/v1/admin/scim/secret', { token: w.a.coe.token })).status).toBe(200);
    await scimError(await scim('GET', '/Users', undefined, rotated), 401);
    secretA = await newSecret(w.a.coe.token);
  });
});
