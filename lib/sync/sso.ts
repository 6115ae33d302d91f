import type { Me } from '@/lib/contract/hub-member';
import type { SsoSignInErrorCode } from '@/lib/contract/hub-sso';
import type { SpokeDatabase } from '@/lib/db';
import { normaliseHubUrl } from './enrol-fields';
import { createHubClient, HubError } from './hub-client';
import { clientFor, enrolWith } from './sync';

// "Sign in with your organisation": the hub is the relying party of the organisation's identity provider; the
// extension opens the IdP's page in the browser's own sign-in window (`identity.launchWebAuthFlow`), gets a one-time
// code back on its redirect URI, and redeems it, with a PKCE verifier only this sign-in knows, for a device token
// (server/services/sso.ts has the hub's side). The token never appears in an address.

export type SsoField = 'hubUrl' | 'organisation';
export interface SsoFieldProblem {
  field: SsoField;
  message: string;
}

export const SSO_MESSAGES = {
  hubUrlMissing: 'Enter the hub address your CoE sent you.',
  hubUrlInvalid:
    'Enter the hub address exactly as your CoE sent it: it starts with https:// (http:// only for a hub on this computer).',
  hubUrlUnreachable: 'No hub answered at this address. Check it, check that you are online, then try again.',
  organisationMissing: 'Enter your organisation’s name on the hub, as your CoE wrote it (for example acme).',
  organisationShape: 'Your organisation’s name on the hub has lowercase letters, digits and dashes, like acme-corp.',
  organisationUnknown: 'No organisation signs in under this name on this hub. Check it with your CoE.',
  notAllowed: 'This hub does not accept sign-ins from this copy of Spoke. Tell your CoE.',
  cancelled: 'Sign-in was cancelled: nothing changed. Try again when you are ready.',
  refused: 'Your organisation did not let you in. If you should have access, ask your IT team or your CoE.',
  deactivated: 'Your access to Spoke was turned off by your CoE. Ask them if this is a mistake.',
  failed: 'Sign-in did not complete; nothing was recorded. Try again; if it keeps failing, tell your CoE.',
  idpUnavailable: 'Your organisation’s sign-in service cannot be reached right now. Try again in a few minutes.',
  tooManyTries: 'Too many tries from this network in a short time. Wait a minute, then try again.',
  invitesOnly: 'Your organisation has you join with an invite code from your CoE, not with single sign-on.',
} as const;

/** What is wrong with the two fields before anything is sent. */
export function checkSsoSignIn(values: { hubUrl: string; organisation: string }): SsoFieldProblem[] {
  const problems: SsoFieldProblem[] = [];
  if (!values.hubUrl.trim()) problems.push({ field: 'hubUrl', message: SSO_MESSAGES.hubUrlMissing });
  else if (!normaliseHubUrl(values.hubUrl)) problems.push({ field: 'hubUrl', message: SSO_MESSAGES.hubUrlInvalid });
  const organisation = values.organisation.trim();
  if (!organisation) problems.push({ field: 'organisation', message: SSO_MESSAGES.organisationMissing });
  else if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i.test(organisation) || organisation.length > 40) {
    problems.push({ field: 'organisation', message: SSO_MESSAGES.organisationShape });
  }
  return problems;
}

/** A sign-in that did not end with a device token: a sentence, and the field to blame when there is one. */
export class SsoSignInError extends Error {
  constructor(
    message: string,
    readonly field?: SsoField,
  ) {
    super(message);
    this.name = 'SsoSignInError';
  }
}

/** The sentence for a refused hub call of the sign-in (never the hub's own words). */
function hubFailure(error: unknown): SsoSignInError {
  if (!(error instanceof HubError)) return new SsoSignInError(SSO_MESSAGES.failed);
  if (error.status === 0) return new SsoSignInError(SSO_MESSAGES.hubUrlUnreachable, 'hubUrl');
  if (error.status === 404) return new SsoSignInError(SSO_MESSAGES.organisationUnknown, 'organisation');
  if (error.status === 429) return new SsoSignInError(SSO_MESSAGES.tooManyTries);
  if (error.status === 503) return new SsoSignInError(SSO_MESSAGES.idpUnavailable);
  if (error.status === 400 && error.problem?.errors?.some((e) => e.path === 'body.redirectUri')) {
    return new SsoSignInError(SSO_MESSAGES.notAllowed);
  }
  return new SsoSignInError(SSO_MESSAGES.failed);
}

/** What the hub's `error` on the redirect URI means for the member. */
const REDIRECT_ERRORS: Record<SsoSignInErrorCode, string> = {
  access_denied: SSO_MESSAGES.refused,
  sign_in_failed: SSO_MESSAGES.failed,
  member_deactivated: SSO_MESSAGES.deactivated,
  idp_unavailable: SSO_MESSAGES.idpUnavailable,
};

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A PKCE verifier (256 random bits) and its S256 challenge (RFC 7636). */
async function newPkce(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(digest) };
}

export interface SignInWindow {
  /** The browser's own redirect URI for this extension (`identity.getRedirectURL('sso')`). */
  redirectUri: string;
  /** Opens `url` in the browser's sign-in window; resolves with the redirect URI it ended on. */
  launch(url: string): Promise<string>;
  deviceLabel?: string;
}

/**
 * Signs in through the organisation's identity provider and keeps the device token. A new member (or another one
 * than before) starts afresh, consent asked before anything is recorded; the same member signing in again (the hub
 * asked) keeps everything, and the browser's previous device is revoked.
 */
export async function signInWithIdp(
  db: SpokeDatabase,
  request: { hubUrl: string; organisation: string },
  window: SignInWindow,
  fetch?: typeof globalThis.fetch,
): Promise<Me> {
  const hubUrl = normaliseHubUrl(request.hubUrl);
  if (!hubUrl) throw new SsoSignInError(SSO_MESSAGES.hubUrlInvalid, 'hubUrl');
  const organisation = request.organisation.trim().toLowerCase();
  const hub = createHubClient({ hubUrl, fetch });
  const { verifier, challenge } = await newPkce();
  let authorizationUrl: string;
  try {
    ({ authorizationUrl } = await hub.ssoStart(organisation, {
      redirectUri: window.redirectUri,
      codeChallenge: challenge,
    }));
  } catch (error) {
    throw hubFailure(error);
  }
  let redirect: URL;
  try {
    redirect = new URL(await window.launch(authorizationUrl));
  } catch {
    // The member closed the window (or the browser could not open it): nothing happened.
    throw new SsoSignInError(SSO_MESSAGES.cancelled);
  }
  const code = redirect.searchParams.get('code');
  if (!code) {
    const error = redirect.searchParams.get('error') ?? '';
    throw new SsoSignInError(
      Object.hasOwn(REDIRECT_ERRORS, error) ? REDIRECT_ERRORS[error as SsoSignInErrorCode] : SSO_MESSAGES.failed,
    );
  }
  let answer: Awaited<ReturnType<typeof hub.ssoToken>>;
  try {
    answer = await hub.ssoToken({ code, codeVerifier: verifier, deviceLabel: window.deviceLabel });
  } catch (error) {
    throw hubFailure(error);
  }
  const before = await db.getSetting('enrolment');
  if (before && before.hubUrl === hubUrl && before.me.id === answer.me.id) {
    await db.setSetting('enrolment', { hubUrl, token: answer.token, me: answer.me, sso: { organisation } });
    const sync = await db.getSetting('sync');
    if (sync?.lastErrorKind === 'sign-in') {
      await db.setSetting('sync', { ...sync, lastError: undefined, lastErrorKind: undefined, retryAt: undefined });
    }
    if (before.me.device.id !== answer.me.device.id) {
      const client = await clientFor(db, fetch);
      await client?.revokeDevice(before.me.device.id).catch(() => undefined);
    }
  } else {
    await enrolWith(db, { hubUrl, token: answer.token, me: answer.me, sso: { organisation } });
  }
  return answer.me;
}
