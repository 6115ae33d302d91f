// Single sign-on with OpenID Connect (lib/contract/hub-sso.ts): the CoE's configuration of its organisation's IdP, and
// the sign-in the extension runs through the hub:
//
//   extension ── POST /v1/sso/:org/start {redirectUri, codeChallenge} ──▶ hub: a row of `sso_logins` (state, nonce,
//                                                                        PKCE verifier), the IdP's authorization URL
//   extension ── identity.launchWebAuthFlow(authorizationUrl) ──▶ IdP: the member signs in
//   IdP ── GET /v1/sso/callback?code&state ──▶ hub: the code exchanged, the ID token verified (oidc.ts), the member
//                                              found, linked or created from the claims, and moved; a one-time code
//   hub ── 302 <redirectUri>?code=<one-time> ──▶ extension (the browser never loads it: launchWebAuthFlow returns it)
//   extension ── POST /v1/sso/token {code, codeVerifier} ──▶ hub: a device token, as enrolment answers
//
// The device token never appears in a URL. A device that signed in this way works `token_max_age_days` after the IdP
// last vouched for its member; `POST /v1/sso/refresh` asks the IdP again with the refresh token kept (sealed) for the
// device, and a refusal (a user disabled at the IdP) ends the device's access at once (server/auth.ts).
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type Role,
  SSO_CALLBACK_PATH,
  type SsoConfig,
  type SsoConfigRequestSchema,
  type SsoRefreshResponse,
  type SsoSignInErrorCode,
  type SsoStartRequest,
  type SsoStartResponse,
  type SsoTokenRequest,
} from '../../lib/contract/hub';
import { type AuthContext, newToken, sha256, signInRequired } from '../auth';
import type { HubConfig } from '../config';
import type { Database } from '../db';
import {
  businessUnits,
  devices,
  memberIdentities,
  members,
  orgs,
  PROVISIONED_ISSUER,
  ssoConfigs,
  ssoLogins,
} from '../db/schema';
import type { Logger } from '../log';
import {
  type AuthorizationRequest,
  authorizationRequest,
  type Claims,
  completeAuthorization,
  IdpRefusedRefresh,
  IdpUnavailable,
  type RelyingParty,
  refresh,
} from '../oidc';
import { HttpError } from '../problem';
import { loadMe } from '../queries';
import { checkUnits } from './units';

type ConfigRow = typeof ssoConfigs.$inferSelect;

/** How long a sign-in may take at the IdP, and how long its one-time code waits for the extension. */
const SIGN_IN_TTL_MS = 10 * 60_000;
const HANDOFF_TTL_MS = 2 * 60_000;

/** Where the IdP sends the member back: register it at the IdP as the hub client's redirect URI. */
function callbackUrl(config: HubConfig): string {
  return `${config.publicUrl}${SSO_CALLBACK_PATH}`;
}

const secretContext = (orgId: string) => `sso-client-secret:${orgId}`;
const refreshContext = (identityId: string) => `sso-refresh-token:${identityId}`;

function noKey(): HttpError {
  return new HttpError(
    409,
    'Single sign-on needs the hub’s SPOKE_SSO_KEY (it seals client secrets and refresh tokens): ask the hub’s operator to set it.',
  );
}

function configDto(row: ConfigRow, config: HubConfig): SsoConfig {
  return {
    slug: row.slug,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: row.clientSecretEnv
      ? { source: 'env', name: row.clientSecretEnv, present: row.clientSecretEnv in config.sso.secrets }
      : { source: 'value' },
    clientAuthentication: row.clientAuthentication,
    scopes: row.scopes,
    claims: {
      userName: row.userNameClaim,
      displayName: row.displayNameClaim,
      groups: row.groupsClaim,
      businessUnit: row.businessUnitClaim,
    },
    businessUnits: row.businessUnitMap,
    defaultBusinessUnitId: row.defaultBusinessUnitId,
    coeGroup: row.coeGroup,
    tokenMaxAgeDays: row.tokenMaxAgeDays,
    inviteCodes: row.invitesEnabled,
    redirectUri: callbackUrl(config),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function configRow(db: Database, orgId: string): Promise<ConfigRow | undefined> {
  const [row] = await db.db.select().from(ssoConfigs).where(eq(ssoConfigs.orgId, orgId)).limit(1);
  return row;
}

export async function getSsoConfig(db: Database, config: HubConfig, orgId: string): Promise<SsoConfig> {
  const row = await configRow(db, orgId);
  if (!row) throw new HttpError(404, 'Single sign-on is not set up for your organisation.');
  return configDto(row, config);
}

/** Creates or replaces the organisation's configuration (the client secret sealed, or only named). */
export async function putSsoConfig(
  db: Database,
  config: HubConfig,
  orgId: string,
  body: z.output<typeof SsoConfigRequestSchema>,
): Promise<SsoConfig> {
  const box = config.sso.box;
  if (!box) throw noKey();
  const issuer = new URL(body.issuer);
  if (issuer.protocol === 'http:' && !config.sso.httpIssuers.includes(issuer.origin)) {
    throw new HttpError(400, 'The issuer must be an https:// address.', [
      { path: 'body.issuer', message: 'Use the https:// issuer of your identity provider.' },
    ]);
  }
  const unitIds = body.businessUnits.map((m) => m.businessUnitId);
  await checkUnits(db, orgId, unitIds, 'body.businessUnits');
  if (body.defaultBusinessUnitId)
    await checkUnits(db, orgId, [body.defaultBusinessUnitId], 'body.defaultBusinessUnitId');
  const current = await configRow(db, orgId);
  let secret: { clientSecretEnv: string | null; clientSecretSealed: string | null };
  if (body.clientSecret.source === 'env') {
    secret = { clientSecretEnv: body.clientSecret.name, clientSecretSealed: null };
  } else if (body.clientSecret.source === 'value') {
    secret = { clientSecretEnv: null, clientSecretSealed: box.seal(body.clientSecret.value, secretContext(orgId)) };
  } else if (current) {
    secret = { clientSecretEnv: current.clientSecretEnv, clientSecretSealed: current.clientSecretSealed };
  } else {
    throw new HttpError(400, 'Give the client secret: there is no configuration to keep it from.', [
      { path: 'body.clientSecret', message: 'Name an environment variable or give the secret.' },
    ]);
  }
  const [taken] = await db.query<{ org_id: string }>(
    'SELECT org_id FROM sso_configs WHERE slug = $1 AND org_id <> $2',
    [body.slug, orgId],
  );
  if (taken) {
    throw new HttpError(409, 'Another organisation on this hub signs in under this name; choose another.', [
      { path: 'body.slug', message: 'Taken on this hub: choose another name.' },
    ]);
  }
  const values = {
    slug: body.slug,
    issuer: body.issuer,
    clientId: body.clientId,
    ...secret,
    clientAuthentication: body.clientAuthentication,
    scopes: body.scopes,
    userNameClaim: body.claims.userName,
    displayNameClaim: body.claims.displayName,
    groupsClaim: body.claims.groups,
    businessUnitClaim: body.claims.businessUnit,
    businessUnitMap: body.businessUnits,
    defaultBusinessUnitId: body.defaultBusinessUnitId,
    coeGroup: body.coeGroup,
    tokenMaxAgeDays: body.tokenMaxAgeDays,
    invitesEnabled: body.inviteCodes,
    updatedAt: new Date(),
  };
  const [row] = await db.db
    .insert(ssoConfigs)
    .values({ orgId, ...values })
    .onConflictDoUpdate({ target: ssoConfigs.orgId, set: values })
    .returning();
  return configDto(row as ConfigRow, config);
}

export async function deleteSsoConfig(db: Database, orgId: string): Promise<void> {
  const rows = await db.db.delete(ssoConfigs).where(eq(ssoConfigs.orgId, orgId)).returning({ orgId: ssoConfigs.orgId });
  if (rows.length === 0) throw new HttpError(404, 'Single sign-on is not set up for your organisation.');
}

/** Whether the organisation switched invite codes off (it signs in through its IdP only). */
export async function invitesSwitchedOff(q: Pick<Database['db'], 'select'>, orgId: string): Promise<boolean> {
  const [row] = await q
    .select({ enabled: ssoConfigs.invitesEnabled })
    .from(ssoConfigs)
    .where(eq(ssoConfigs.orgId, orgId));
  return row?.enabled === false;
}

/** The configuration as openid-client needs it, the client secret opened or read from the environment. */
function relyingParty(row: ConfigRow, config: HubConfig): RelyingParty {
  const box = config.sso.box;
  if (!box) throw noKey();
  const secret = row.clientSecretEnv
    ? config.sso.secrets[row.clientSecretEnv]
    : row.clientSecretSealed
      ? box.open(row.clientSecretSealed, secretContext(row.orgId))
      : null;
  if (!secret) {
    throw new HttpError(
      503,
      'The hub does not have your organisation’s client secret (its variable is not set, or SPOKE_SSO_KEY changed): tell your CoE.',
    );
  }
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: secret,
    clientAuthentication: row.clientAuthentication,
    allowHttp: new URL(row.issuer).protocol === 'http:' && config.sso.httpIssuers.includes(new URL(row.issuer).origin),
  };
}

/** The extension's redirect URI, if it is one of the hub's allowed origins (never an open redirect). */
function checkRedirectUri(raw: string, config: HubConfig): string {
  const url = new URL(raw);
  if (!config.sso.redirectOrigins.includes(url.origin) || url.username || url.password || url.search || url.hash) {
    throw new HttpError(400, 'This redirect URI is not one of the Spoke extension’s.', [
      {
        path: 'body.redirectUri',
        message: 'Use the extension’s identity.getRedirectURL(), without query or fragment.',
      },
    ]);
  }
  return url.href;
}

/** Starts a sign-in for the organisation named `slug`: the IdP's address for the extension to open. */
export async function startSignIn(
  db: Database,
  config: HubConfig,
  slug: string,
  body: SsoStartRequest,
): Promise<SsoStartResponse> {
  const [row] = await db.db.select().from(ssoConfigs).where(eq(ssoConfigs.slug, slug.toLowerCase())).limit(1);
  if (!row) throw new HttpError(404, 'No organisation signs in under this name on this hub.');
  const redirectUri = checkRedirectUri(body.redirectUri, config);
  const rp = relyingParty(row, config);
  let request: AuthorizationRequest;
  try {
    request = await authorizationRequest(rp, { redirectUri: callbackUrl(config), scopes: row.scopes });
  } catch (error) {
    if (error instanceof IdpUnavailable) {
      throw new HttpError(
        503,
        'Your organisation’s identity provider cannot be reached right now; try again soon.',
        [],
        {
          'retry-after': '30',
        },
      );
    }
    throw error;
  }
  await db.query('DELETE FROM sso_logins WHERE expires_at < now()');
  await db.db.insert(ssoLogins).values({
    stateHash: sha256(request.state),
    orgId: row.orgId,
    nonce: request.nonce,
    pkceVerifier: request.pkceVerifier,
    redirectUri,
    clientChallenge: body.codeChallenge,
    expiresAt: new Date(Date.now() + SIGN_IN_TTL_MS),
  });
  const [org] = await db.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, row.orgId));
  return { authorizationUrl: request.url.href, organisation: { name: org?.name ?? '' } };
}

/** The claim's values as strings: one string, or the strings and numbers of an array. */
function valuesOf(claim: unknown): string[] {
  if (typeof claim === 'string') return [claim];
  if (typeof claim === 'number') return [String(claim)];
  if (Array.isArray(claim))
    return claim.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []));
  return [];
}

/** A line a person reads, from a claim: no control characters, at most `max` characters; null when empty. */
function lineOf(claim: unknown, max: number): string | null {
  const [value] = valuesOf(claim);
  const line = value
    ?.replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, max);
  return line ? line : null;
}

interface Placement {
  /** The unit the claims map to; null when no mapping matches. */
  unitId: string | null;
  /** The role the claims give; null when the organisation sets roles in the console (no `coeGroup`). */
  role: Role | null;
}

function placementOf(row: ConfigRow, claims: Claims): Placement {
  const values = row.businessUnitClaim ? valuesOf(claims[row.businessUnitClaim]) : [];
  const unitId = row.businessUnitMap.find((m) => values.includes(m.value))?.businessUnitId ?? null;
  const role: Role | null = row.coeGroup
    ? valuesOf(claims[row.groupsClaim]).includes(row.coeGroup)
      ? 'coe'
      : 'advocate'
    : null;
  return { unitId, role };
}

/** Moves the member to the unit their claims map to, and gives the role their groups give (when the org says so). */
async function place(tx: Tx, orgId: string, memberId: string, placement: Placement): Promise<void> {
  if (!placement.unitId && !placement.role) return;
  await tx
    .update(members)
    .set({
      ...(placement.unitId ? { businessUnitId: placement.unitId } : {}),
      ...(placement.role ? { role: placement.role } : {}),
    })
    .where(and(eq(members.orgId, orgId), eq(members.id, memberId)));
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/**
 * The member the IdP vouched for: found by (issuer, subject); else a member provisioned before their first sign-in
 * (an identity with their user name and no subject yet), linked; else created just in time. Moved and given their
 * role from the claims each time. Null when the member was deactivated.
 */
async function memberFor(
  db: Database,
  row: ConfigRow,
  claims: Claims,
): Promise<{ identityId: string; memberId: string } | null> {
  const placement = placementOf(row, claims);
  const userName = lineOf(claims[row.userNameClaim], 255) ?? lineOf(claims.email, 255);
  return db.db.transaction(async (tx) => {
    const identity = async () => {
      const [bySubject] = await tx
        .select({ id: memberIdentities.id, memberId: memberIdentities.memberId })
        .from(memberIdentities)
        .where(
          and(
            eq(memberIdentities.orgId, row.orgId),
            eq(memberIdentities.issuer, row.issuer),
            eq(memberIdentities.subject, claims.sub),
          ),
        );
      if (bySubject || !userName) return bySubject;
      const provisioned = await tx
        .select({ id: memberIdentities.id, memberId: memberIdentities.memberId })
        .from(memberIdentities)
        .where(
          and(
            eq(memberIdentities.orgId, row.orgId),
            // Provisioned under this IdP, or by SCIM before single sign-on was set up; user names without case.
            inArray(memberIdentities.issuer, [row.issuer, PROVISIONED_ISSUER]),
            isNull(memberIdentities.subject),
            sql`lower(${memberIdentities.userName}) = lower(${userName})`,
          ),
        )
        .limit(2);
      if (provisioned.length !== 1) return undefined;
      await tx
        .update(memberIdentities)
        .set({ subject: claims.sub, issuer: row.issuer })
        .where(eq(memberIdentities.id, provisioned[0]?.id as string));
      return provisioned[0];
    };
    const found = await identity();
    if (found) {
      const [member] = await tx
        .select({ status: members.status })
        .from(members)
        .where(and(eq(members.orgId, row.orgId), eq(members.id, found.memberId)));
      if (member?.status !== 'active') return null;
      await place(tx, row.orgId, found.memberId, placement);
      await tx
        .update(memberIdentities)
        .set({ lastSignInAt: new Date(), ...(userName ? { userName } : {}) })
        .where(eq(memberIdentities.id, found.id));
      return { identityId: found.id, memberId: found.memberId };
    }
    const [root] = await tx
      .select({ id: businessUnits.id })
      .from(businessUnits)
      .where(and(eq(businessUnits.orgId, row.orgId), isNull(businessUnits.parentId)))
      .orderBy(businessUnits.createdAt)
      .limit(1);
    const unitId = placement.unitId ?? row.defaultBusinessUnitId ?? root?.id;
    if (!unitId) throw new Error(`organisation ${row.orgId} has no root unit`);
    const memberId = randomUUID();
    const identityId = randomUUID();
    await tx.insert(members).values({
      id: memberId,
      orgId: row.orgId,
      businessUnitId: unitId,
      role: placement.role ?? 'advocate',
      displayName:
        lineOf(claims[row.displayNameClaim], 120) ?? lineOf(claims.name, 120) ?? userName?.slice(0, 120) ?? 'Member',
    });
    await tx.insert(memberIdentities).values({
      id: identityId,
      orgId: row.orgId,
      memberId,
      issuer: row.issuer,
      subject: claims.sub,
      userName,
      lastSignInAt: new Date(),
    });
    return { identityId, memberId };
  });
}

/** The extension's redirect URI with the outcome: `code`, or `error` (lib/contract/hub-sso.ts). */
function backToExtension(redirectUri: string, outcome: { code: string } | { error: SsoSignInErrorCode }): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(outcome)) url.searchParams.set(key, value);
  return url.href;
}

/**
 * The IdP's answer, in the member's browser: checked, the member found or created, and the browser sent back to the
 * extension's redirect URI with a one-time code (or why not). An answer for no sign-in under way is refused (400).
 */
export async function finishSignIn(
  db: Database,
  config: HubConfig,
  query: { state?: string; code?: string; error?: string },
  rawQuery: string,
  logger: Logger,
): Promise<string> {
  const [login] = query.state
    ? await db.db
        .delete(ssoLogins)
        .where(and(eq(ssoLogins.stateHash, sha256(query.state)), isNull(ssoLogins.handoffHash)))
        .returning()
    : [];
  if (!login) {
    throw new HttpError(400, 'This sign-in is unknown or was already used: start again from Spoke.', [
      { path: 'query.state', message: 'No sign-in under way with this state.' },
    ]);
  }
  if (login.expiresAt.getTime() <= Date.now()) return backToExtension(login.redirectUri, { error: 'sign_in_failed' });
  // The IdP's own refusal: `access_denied` (the member cancelled, or may not use the application) passed on.
  if (query.error) {
    return backToExtension(login.redirectUri, {
      error: query.error === 'access_denied' ? 'access_denied' : 'sign_in_failed',
    });
  }
  const row = await configRow(db, login.orgId);
  if (!row) return backToExtension(login.redirectUri, { error: 'sign_in_failed' });
  let result: Awaited<ReturnType<typeof completeAuthorization>>;
  try {
    result = await completeAuthorization(relyingParty(row, config), new URL(`${callbackUrl(config)}?${rawQuery}`), {
      redirectUri: callbackUrl(config),
      state: query.state as string,
      nonce: login.nonce,
      pkceVerifier: login.pkceVerifier,
    });
  } catch (error) {
    if (error instanceof IdpUnavailable) return backToExtension(login.redirectUri, { error: 'idp_unavailable' });
    // Which check failed is the hub's to log, not the browser's to learn.
    logger.warn(
      { event: 'sso_sign_in_refused', orgId: login.orgId, reason: (error as Error).message },
      'sign-in refused',
    );
    return backToExtension(login.redirectUri, { error: 'sign_in_failed' });
  }
  const signedIn = await memberFor(db, row, result.claims);
  if (!signedIn) return backToExtension(login.redirectUri, { error: 'member_deactivated' });
  const handoff = randomBytes(32).toString('base64url');
  await db.db.insert(ssoLogins).values({
    ...login,
    handoffHash: sha256(handoff),
    identityId: signedIn.identityId,
    idpRefreshToken: result.refreshToken
      ? config.sso.box?.seal(result.refreshToken, refreshContext(signedIn.identityId))
      : null,
    expiresAt: new Date(Date.now() + HANDOFF_TTL_MS),
  });
  return backToExtension(login.redirectUri, { code: handoff });
}

/** RFC 7636's S256: base64url(SHA-256(verifier)). */
function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Redeems the one-time code (once: a wrong verifier spends it too) for a device token of the member the IdP vouched
 * for, as `POST /v1/enroll` answers. Nothing is recorded for the member until their extension has their consent.
 */
export async function redeemSignIn(db: Database, body: SsoTokenRequest) {
  const [login] = await db.db
    .delete(ssoLogins)
    .where(eq(ssoLogins.handoffHash, sha256(body.code)))
    .returning();
  const refused = () =>
    new HttpError(400, 'This sign-in code is unknown, used or expired: sign in again.', [
      { path: 'body.code', message: 'Unknown, used or expired.' },
    ]);
  if (!login?.identityId || login.expiresAt.getTime() <= Date.now()) throw refused();
  if (!sameText(s256(body.codeVerifier), login.clientChallenge)) throw refused();
  const [identity] = await db.db
    .select({ memberId: members.id, status: members.status })
    .from(memberIdentities)
    .innerJoin(members, eq(members.id, memberIdentities.memberId))
    .where(and(eq(memberIdentities.id, login.identityId), eq(memberIdentities.orgId, login.orgId)));
  if (identity?.status !== 'active') throw refused();
  const token = newToken();
  const deviceId = randomUUID();
  // The refresh token was sealed for this identity; the device keeps it under the same context.
  await db.db.insert(devices).values({
    id: deviceId,
    orgId: login.orgId,
    memberId: identity.memberId,
    label: body.deviceLabel ?? null,
    tokenHash: sha256(token),
    identityVerifiedAt: new Date(),
    idpRefreshToken: login.idpRefreshToken,
  });
  return { token, me: await loadMe(db, { orgId: login.orgId, memberId: identity.memberId, deviceId }) };
}

/**
 * Asks the IdP to vouch for this device's member again (its refresh token): their access goes on for the organisation's
 * period, and they move with their claims. A refusal ends the device's access now (401 `sign-in-required`); an IdP
 * that cannot say leaves it as it was (503).
 */
export async function refreshSignIn(db: Database, config: HubConfig, auth: AuthContext): Promise<SsoRefreshResponse> {
  const [device] = await db.query<{
    idp_refresh_token: string | null;
    identity_id: string;
    issuer: string;
    subject: string | null;
  }>(
    `SELECT d.idp_refresh_token, i.id AS identity_id, i.issuer, i.subject
       FROM devices d JOIN member_identities i ON i.member_id = d.member_id AND i.org_id = d.org_id
      WHERE d.org_id = $1 AND d.id = $2 AND d.identity_verified_at IS NOT NULL`,
    [auth.orgId, auth.deviceId],
  );
  if (!device) throw new HttpError(409, 'This browser joined with an invite code: it has no sign-in to refresh.');
  const row = await configRow(db, auth.orgId);
  const lockOut = async () => {
    await db.db
      .update(devices)
      .set({ identityVerifiedAt: new Date(0), idpRefreshToken: null })
      .where(and(eq(devices.orgId, auth.orgId), eq(devices.id, auth.deviceId)));
    return signInRequired();
  };
  // Without a configuration nobody can vouch, nor refuse: the token lives out its period (server/auth.ts).
  if (!row) throw new HttpError(409, 'Your organisation no longer signs in with single sign-on.');
  // Another IdP now: only it may vouch, at a new sign-in.
  if (row.issuer !== device.issuer || !device.subject) throw await lockOut();
  const sealed = device.idp_refresh_token;
  const refreshToken = sealed ? config.sso.box?.open(sealed, refreshContext(device.identity_id)) : null;
  if (!refreshToken) {
    throw new HttpError(
      409,
      'Your identity provider gave no refresh token for this browser: sign in again before your access ends.',
    );
  }
  let result: Awaited<ReturnType<typeof refresh>>;
  try {
    result = await refresh(relyingParty(row, config), refreshToken, device.subject);
  } catch (error) {
    if (error instanceof IdpRefusedRefresh) throw await lockOut();
    if (error instanceof IdpUnavailable) {
      throw new HttpError(
        503,
        'Your organisation’s identity provider cannot be reached right now; try again later.',
        [],
        {
          'retry-after': '300',
        },
      );
    }
    throw error;
  }
  const placement = placementOf(row, result.claims);
  const verifiedAt = new Date();
  await db.db.transaction(async (tx) => {
    await place(tx, auth.orgId, auth.memberId, placement);
    await tx
      .update(devices)
      .set({
        identityVerifiedAt: verifiedAt,
        idpRefreshToken: config.sso.box?.seal(result.refreshToken ?? refreshToken, refreshContext(device.identity_id)),
      })
      // Another refresh of this device that finished first already stored its (possibly rotated) refresh token.
      .where(
        and(
          eq(devices.orgId, auth.orgId),
          eq(devices.id, auth.deviceId),
          sealed ? eq(devices.idpRefreshToken, sealed) : sql`true`,
        ),
      );
  });
  return {
    verifiedAt: verifiedAt.toISOString(),
    expiresAt: new Date(verifiedAt.getTime() + row.tokenMaxAgeDays * 86_400_000).toISOString(),
  };
}
