// "Sign in with your organisation" from the extension's side, against a fake hub and a fake sign-in window: the
// device token arrives in a request body (never an address), consent comes next for a new member, a member signing
// in again keeps everything, failures are said in words, and a sync asks the IdP to vouch again before the token runs
// out, stopping with "sign in again" when it refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '@/lib/contract/hub-member';
import { EMPTY_SYNC, SpokeDatabase } from '@/lib/db';
import { type SignInWindow, SSO_MESSAGES, SsoSignInError, signInWithIdp } from '@/lib/sync/sso';
import { syncStatus } from '@/lib/sync/status';
import { giveConsent, syncNow } from '@/lib/sync/sync';

const HUB = 'https://hub.example.com';
const REDIRECT = 'https://dhdhjhogeaomelbceofajjicgiiaccpm.chromiumapp.org/sso';
const MEMBER = '11111111-1111-4111-8111-111111111111';

function meOf(id: string, deviceId: string, sso: Me['sso'] = null): Me {
  return {
    id,
    displayName: 'Ada',
    role: 'advocate',
    organisation: { id: '22222222-2222-4222-8222-222222222222', name: 'Acme' },
    businessUnit: { id: '33333333-3333-4333-8333-333333333333', name: 'Sales' },
    leaderboardOptIn: false,
    createdAt: '2026-12-01T10:00:00.000Z',
    device: { id: deviceId, label: 'Chrome' },
    sso,
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

async function s256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A hub with single sign-on: it records every request; `answers` overrides a path's answer. */
function fakeHub(memberId = MEMBER, deviceId = '44444444-4444-4444-8444-444444444444') {
  const requests: Array<{ method: string; url: string; body: unknown; token: string | null }> = [];
  const answers = new Map<string, () => Response>();
  let challenge = '';
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const token = new Headers(init?.headers).get('authorization');
    requests.push({ method: init?.method ?? 'GET', url: url.href, body, token });
    const override = answers.get(url.pathname);
    if (override) return override();
    if (url.pathname === '/v1/sso/acme/start') {
      challenge = body.codeChallenge;
      return json(200, {
        authorizationUrl: 'https://idp.example.com/authorize?client_id=spoke',
        organisation: { name: 'Acme' },
      });
    }
    if (url.pathname === '/v1/sso/token') {
      if ((await s256(body.codeVerifier)) !== challenge || body.code !== 'one-time-code-0123456789') {
        return json(400, { type: 'about:blank', title: 'Bad request', status: 400, code: 'invalid-request' });
      }
      return json(201, { token: 'spk_new-device-token', me: meOf(memberId, deviceId) });
    }
    if (url.pathname.startsWith('/v1/me/devices/')) return json(200, { ok: true });
    if (url.pathname === '/v1/library') return json(200, { items: [], tombstones: [], cursor: '0', full: true });
    if (url.pathname === '/v1/policy' || url.pathname === '/v1/site-pack') {
      return json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' });
    }
    return json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' });
  }) as typeof globalThis.fetch;
  return { fetch, requests, answers };
}

/** The browser's sign-in window: it lands on the extension's redirect URI with what the IdP and hub said. */
function windowLandingOn(query: string) {
  const opened: string[] = [];
  return {
    opened,
    window: {
      redirectUri: REDIRECT,
      deviceLabel: 'Chrome',
      async launch(url: string) {
        opened.push(url);
        return `${REDIRECT}?${query}`;
      },
    },
  };
}

let db: SpokeDatabase;
beforeEach(() => {
  db = new SpokeDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('signing in with the organisation', () => {
  it('ends connected with the device token from the hub, consent still to give', async () => {
    const hub = fakeHub();
    const { window, opened } = windowLandingOn('code=one-time-code-0123456789');
    const me = await signInWithIdp(db, { hubUrl: `${HUB}/`, organisation: ' Acme ' }, window, hub.fetch);
    expect(me.id).toBe(MEMBER);
    expect(opened).toEqual(['https://idp.example.com/authorize?client_id=spoke']);
    expect(await db.getSetting('enrolment')).toMatchObject({
      hubUrl: HUB,
      token: 'spk_new-device-token',
      sso: { organisation: 'acme' },
    });
    expect(await db.getSetting('consent')).toBeUndefined();
    // The start named the extension's own redirect URI; the token travelled in no address.
    expect(hub.requests[0]?.body).toMatchObject({ redirectUri: REDIRECT });
    expect(hub.requests.every((r) => !r.url.includes('spk_'))).toBe(true);
  });

  it('keeps consent and what waits to be sent when the same member signs in again, and revokes the old device', async () => {
    const old = '55555555-5555-4555-8555-555555555555';
    await db.setSetting('enrolment', {
      hubUrl: HUB,
      token: 'spk_old',
      me: meOf(MEMBER, old),
      sso: { organisation: 'acme' },
    });
    await giveConsent(db, true);
    await db.setSetting('sync', { ...EMPTY_SYNC, lastError: 'sign in', lastErrorKind: 'sign-in' });
    const hub = fakeHub();
    await signInWithIdp(
      db,
      { hubUrl: HUB, organisation: 'acme' },
      windowLandingOn('code=one-time-code-0123456789').window,
      hub.fetch,
    );
    expect(await db.getSetting('consent')).toMatchObject({ leaderboardOptIn: true });
    expect((await db.getSetting('enrolment'))?.token).toBe('spk_new-device-token');
    expect((await db.getSetting('sync'))?.lastErrorKind).toBeUndefined();
    const revoke = hub.requests.find((r) => r.method === 'DELETE');
    expect(revoke).toMatchObject({ url: `${HUB}/v1/me/devices/${old}`, token: 'Bearer spk_new-device-token' });
  });

  it('starts afresh, consent asked again, when another member signs in', async () => {
    await db.setSetting('enrolment', {
      hubUrl: HUB,
      token: 'spk_old',
      me: meOf('66666666-6666-4666-8666-666666666666', '77777777-7777-4777-8777-777777777777'),
    });
    await giveConsent(db, false);
    await signInWithIdp(
      db,
      { hubUrl: HUB, organisation: 'acme' },
      windowLandingOn('code=one-time-code-0123456789').window,
      fakeHub().fetch,
    );
    expect((await db.getSetting('enrolment'))?.me.id).toBe(MEMBER);
    expect(await db.getSetting('consent')).toBeUndefined();
  });

  it('says in words why a sign-in did not end, and keeps nothing', async () => {
    const attempt = async (
      hub: ReturnType<typeof fakeHub>,
      window: SignInWindow = windowLandingOn('code=one-time-code-0123456789').window,
    ) => {
      try {
        await signInWithIdp(db, { hubUrl: HUB, organisation: 'acme' }, window, hub.fetch);
      } catch (error) {
        expect(error).toBeInstanceOf(SsoSignInError);
        return error as SsoSignInError;
      }
      throw new Error('it signed in');
    };
    const closed = {
      redirectUri: REDIRECT,
      launch: () => Promise.reject(new Error('The user did not approve access.')),
    };
    expect((await attempt(fakeHub(), closed)).message).toBe(SSO_MESSAGES.cancelled);
    expect((await attempt(fakeHub(), windowLandingOn('error=access_denied').window)).message).toBe(
      SSO_MESSAGES.refused,
    );
    expect((await attempt(fakeHub(), windowLandingOn('error=member_deactivated').window)).message).toBe(
      SSO_MESSAGES.deactivated,
    );
    expect((await attempt(fakeHub(), windowLandingOn('error=sign_in_failed').window)).message).toBe(
      SSO_MESSAGES.failed,
    );
    const unknown = fakeHub();
    unknown.answers.set('/v1/sso/acme/start', () =>
      json(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }),
    );
    expect(await attempt(unknown)).toMatchObject({ message: SSO_MESSAGES.organisationUnknown, field: 'organisation' });
    const down = fakeHub();
    down.answers.set('/v1/sso/acme/start', () => {
      throw new TypeError('fetch failed');
    });
    expect(await attempt(down)).toMatchObject({ message: SSO_MESSAGES.hubUrlUnreachable, field: 'hubUrl' });
    expect(await db.getSetting('enrolment')).toBeUndefined();
  });
});

describe('a device that signed in with the organisation, at sync', () => {
  const DAY = 86_400_000;
  async function enrolled(verifiedAgo: number, now: number) {
    const sso = {
      verifiedAt: new Date(now - verifiedAgo).toISOString(),
      expiresAt: new Date(now - verifiedAgo + 30 * DAY).toISOString(),
    };
    await db.setSetting('enrolment', {
      hubUrl: HUB,
      token: 'spk_token',
      me: meOf(MEMBER, '44444444-4444-4444-8444-444444444444', sso),
      sso: { organisation: 'acme' },
    });
    await db.setSetting('sync', EMPTY_SYNC);
  }
  const refreshes = (hub: ReturnType<typeof fakeHub>) => hub.requests.filter((r) => r.url.endsWith('/v1/sso/refresh'));

  it('asks the IdP to vouch again once a day, and keeps the new expiry', async () => {
    const now = Date.now();
    const hub = fakeHub();
    const renewed = { verifiedAt: new Date(now).toISOString(), expiresAt: new Date(now + 30 * DAY).toISOString() };
    hub.answers.set('/v1/sso/refresh', () => json(200, renewed));
    await enrolled(2 * 3_600_000, now);
    await syncNow(db, hub.fetch, now);
    expect(refreshes(hub)).toHaveLength(0);
    await enrolled(25 * 3_600_000, now);
    await syncNow(db, hub.fetch, now);
    expect(refreshes(hub)).toHaveLength(1);
    expect((await db.getSetting('enrolment'))?.me.sso).toEqual(renewed);
    expect((await db.getSetting('sync'))?.lastErrorKind).toBeUndefined();
  });

  it('stops on "sign in again" when the IdP no longer vouches, and says so', async () => {
    const now = Date.now();
    const hub = fakeHub();
    hub.answers.set('/v1/sso/refresh', () =>
      json(401, { type: 'about:blank', title: 'Not signed in', status: 401, code: 'sign-in-required' }),
    );
    await enrolled(2 * DAY, now);
    await syncNow(db, hub.fetch, now);
    const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    expect(sync.lastErrorKind).toBe('sign-in');
    expect(hub.requests.some((r) => r.url.includes('/v1/library'))).toBe(false);
    expect(syncStatus(sync, 2).headline).toBe('Sign in with your organisation again to keep Spoke connected.');
    expect(syncStatus(sync, 2).detail).toMatch(/“Sign in again”.*the 2 updates waiting here are sent then/);
  });

  it('goes on as before when the IdP cannot be reached', async () => {
    const now = Date.now();
    const hub = fakeHub();
    hub.answers.set('/v1/sso/refresh', () =>
      json(503, { type: 'about:blank', title: 'Unavailable', status: 503, code: 'unavailable' }),
    );
    await enrolled(2 * DAY, now);
    await syncNow(db, hub.fetch, now);
    expect((await db.getSetting('sync'))?.lastErrorKind).toBeUndefined();
    expect(hub.requests.some((r) => r.url.includes('/v1/library'))).toBe(true);
  });
});
