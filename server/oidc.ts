// The hub as an OpenID Connect relying party, through openid-client: discovery (cached per configuration), the
// authorization URL (code flow with PKCE, `state` and `nonce`), the code exchange (the ID token verified against the
// IdP's keys: signature, issuer, audience, expiry, nonce; RFC 9207's `iss` when the IdP sends it), refreshes, and the
// claims of the ID token completed by userinfo. Everything else of single sign-on is in services/sso.ts.
import type * as OpenIdClient from 'openid-client';

// Loaded at the first sign-in: a hub without single sign-on never holds it in memory.
let loaded: Promise<typeof OpenIdClient> | undefined;
const openIdClient = () => {
  loaded ??= import('openid-client');
  return loaded;
};

export interface RelyingParty {
  issuer: string;
  clientId: string;
  clientSecret: string;
  clientAuthentication: 'client_secret_basic' | 'client_secret_post';
  /** The IdP may be plain http (an operator-listed test IdP on loopback). */
  allowHttp: boolean;
}

/** The claims of a sign-in or refresh: the ID token's, completed by userinfo's when the IdP has the endpoint. */
export type Claims = Record<string, unknown> & { sub: string };

export interface SignInResult {
  claims: Claims;
  refreshToken: string | null;
}

/** The IdP refused the refresh token (`invalid_grant`): the user was disabled, or signed out everywhere. */
export class IdpRefusedRefresh extends Error {}

/** The IdP could not be reached or answered what it should not: nothing is decided, try later. */
export class IdpUnavailable extends Error {}

const DISCOVERY_TTL_MS = 10 * 60_000;
const TIMEOUT_SECONDS = 10;
const discovered = new Map<string, { config: Promise<OpenIdClient.Configuration>; until: number }>();

/** The IdP's configuration (its discovery document and keys), for 10 minutes per issuer, client and secret. */
async function configurationOf(rp: RelyingParty): Promise<OpenIdClient.Configuration> {
  const client = await openIdClient();
  const key = JSON.stringify([rp.issuer, rp.clientId, rp.clientSecret, rp.clientAuthentication, rp.allowHttp]);
  const now = Date.now();
  const cached = discovered.get(key);
  if (cached && cached.until > now) return cached.config;
  if (discovered.size > 1_000) discovered.clear();
  const auth =
    rp.clientAuthentication === 'client_secret_post'
      ? client.ClientSecretPost(rp.clientSecret)
      : client.ClientSecretBasic(rp.clientSecret);
  const config = client.discovery(new URL(rp.issuer), rp.clientId, undefined, auth, {
    execute: rp.allowHttp ? [client.allowInsecureRequests] : [],
    timeout: TIMEOUT_SECONDS,
  });
  discovered.set(key, { config, until: now + DISCOVERY_TTL_MS });
  // A failed discovery is not kept: the next sign-in asks again.
  config.catch(() => discovered.delete(key));
  return config;
}

/** Network failures and timeouts: worth another try later, not a verdict on the member. */
function unavailable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch: connection refused, DNS
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** One sign-in's request to the IdP, and the secrets to check its answer with. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  pkceVerifier: string;
}

/**
 * Where to send the member: the IdP's authorization endpoint with a fresh `state`, `nonce` and PKCE verifier (S256
 * challenge), returned with the secrets to keep for the answer.
 */
export async function authorizationRequest(
  rp: RelyingParty,
  request: { redirectUri: string; scopes: string[] },
): Promise<AuthorizationRequest> {
  const client = await openIdClient();
  let config: OpenIdClient.Configuration;
  try {
    config = await configurationOf(rp);
  } catch (error) {
    throw new IdpUnavailable(`discovery of ${rp.issuer} failed`, { cause: error });
  }
  const secrets = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    pkceVerifier: client.randomPKCECodeVerifier(),
  };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(' '),
    code_challenge: await client.calculatePKCECodeChallenge(secrets.pkceVerifier),
    code_challenge_method: 'S256',
    state: secrets.state,
    nonce: secrets.nonce,
  });
  return { url, ...secrets };
}

/** The ID token's claims, completed by userinfo's (the ID token wins, and userinfo must name the same subject). */
async function claimsOf(
  config: OpenIdClient.Configuration,
  tokens: OpenIdClient.TokenEndpointResponse & OpenIdClient.TokenEndpointResponseHelpers,
  subject: string,
  idToken: Record<string, unknown> | undefined,
): Promise<Claims> {
  let userinfo: Record<string, unknown> = {};
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    userinfo = await (await openIdClient()).fetchUserInfo(config, tokens.access_token, subject);
  }
  return { ...userinfo, ...idToken, sub: subject };
}

/**
 * Exchanges the code of the IdP's answer (`callbackUrl`, as the browser brought it) with the checks of its start.
 * Throws `IdpUnavailable` when the IdP cannot be reached; any other error means the answer did not check out.
 */
export async function completeAuthorization(
  rp: RelyingParty,
  callbackUrl: URL,
  checks: { redirectUri: string; state: string; nonce: string; pkceVerifier: string },
): Promise<SignInResult> {
  const client = await openIdClient();
  try {
    const config = await configurationOf(rp);
    const tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl,
      {
        pkceCodeVerifier: checks.pkceVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      },
      { redirect_uri: checks.redirectUri },
    );
    const idToken = tokens.claims() as Record<string, unknown> & { sub: string };
    return { claims: await claimsOf(config, tokens, idToken.sub, idToken), refreshToken: tokens.refresh_token ?? null };
  } catch (error) {
    if (unavailable(error) || (error instanceof client.ResponseBodyError && error.status >= 500)) {
      throw new IdpUnavailable('the IdP could not be reached', { cause: error });
    }
    throw error;
  }
}

/**
 * Asks the IdP to vouch for `subject` again with a refresh token. `IdpRefusedRefresh` when it refuses (a disabled
 * user, a revoked grant) or names someone else; `IdpUnavailable` when it cannot say.
 */
export async function refresh(rp: RelyingParty, refreshToken: string, subject: string): Promise<SignInResult> {
  const client = await openIdClient();
  try {
    const config = await configurationOf(rp);
    const tokens = await client.refreshTokenGrant(config, refreshToken);
    const idToken = tokens.claims() as Record<string, unknown> | undefined;
    if (idToken && idToken.sub !== subject) throw new IdpRefusedRefresh('the refreshed ID token names someone else');
    return {
      claims: await claimsOf(config, tokens, subject, idToken),
      refreshToken: tokens.refresh_token ?? refreshToken,
    };
  } catch (error) {
    if (error instanceof IdpRefusedRefresh) throw error;
    if (error instanceof client.ResponseBodyError) {
      if (error.error === 'invalid_grant') {
        throw new IdpRefusedRefresh('the IdP refused the refresh token', { cause: error });
      }
      // The hub's client is refused (`invalid_client`, a secret rotated at the IdP only): a matter for the CoE, not
      // a verdict on the member, who keeps their access until it expires.
      throw new IdpUnavailable(`the IdP answered ${error.error}`, { cause: error });
    }
    if (unavailable(error)) throw new IdpUnavailable('the IdP could not be reached', { cause: error });
    // An answer that does not check out (a refreshed ID token of another issuer or audience) vouches for nobody.
    throw new IdpRefusedRefresh('the refresh did not check out', { cause: error });
  }
}
