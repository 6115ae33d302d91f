import { z } from 'zod';
import { HubUrlSchema, IdSchema, InstantSchema, LineSchema } from './hub-common';

// Single sign-on with OpenID Connect: the CoE's identity-provider (IdP) configuration, and the sign-in an extension
// runs through the hub. The hub is the relying party; the extension never sees the IdP's tokens, only a one-time code
// it exchanges (with the PKCE verifier only it knows) for a device token.

/** How members name their organisation when they sign in (`acme`): lowercase letters, digits and dashes. */
const SsoSlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'use lowercase letters, digits and dashes (not first or last)');

/** A claim of the IdP's ID token or userinfo: `department`, `groups`, `extension_abc_costCenter`, a URI claim. */
const ClaimNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:/-]+$/, 'use a claim name: letters, digits and _ . : / -');

/** An OAuth scope (`openid`, `offline_access`, `groups`, `api://…/read`). */
const ScopeSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, 'a scope has no spaces, quotes or backslashes');

/**
 * The IdP's issuer identifier, exactly as its discovery document states it. https; a hub accepts plain http only for
 * the issuers its operator lists (`SPOKE_SSO_HTTP_ISSUERS`, a test IdP on loopback).
 */
const IssuerSchema = z
  .url({ protocol: /^https?$/, error: 'use the issuer URL of your identity provider (https://…)' })
  .max(500)
  .refine((raw) => !URL.canParse(raw) || (!new URL(raw).search && !new URL(raw).hash), 'an issuer has no ? or #');

/** The name of the hub's environment variable holding the client secret (never another variable of the hub). */
const ClientSecretEnvSchema = z
  .string()
  .regex(/^SPOKE_SSO_SECRET_[A-Z0-9_]{1,64}$/, 'name a variable SPOKE_SSO_SECRET_… of the hub’s environment');

/** Where the hub finds the client secret the IdP issued for it. */
const ClientSecretInputSchema = z.discriminatedUnion('source', [
  /** In the hub's environment, under this name (set by the hub's operator). */
  z.strictObject({ source: z.literal('env'), name: ClientSecretEnvSchema }),
  /** Given here: the hub keeps it encrypted (`SPOKE_SSO_KEY`) and never shows it again. */
  z.strictObject({ source: z.literal('value'), value: z.string().min(1).max(1_000) }),
  /** Keep the secret of the current configuration. */
  z.strictObject({ source: z.literal('unchanged') }),
]);

const ClaimsSchema = z.strictObject({
  /** The member's sign-in name (UPN, login, e-mail): how provisioning (SCIM `userName`) finds them. */
  userName: ClaimNameSchema.default('preferred_username'),
  /** Their name as colleagues know it, for a member created at first sign-in. */
  displayName: ClaimNameSchema.default('name'),
  /** The claim listing their groups, for `coeGroup` (and for `businessUnit` when it names groups too). */
  groups: ClaimNameSchema.default('groups'),
  /** The claim whose value (or one of whose values) names the member's business unit (`department`, `groups`); null: none. */
  businessUnit: ClaimNameSchema.nullable().default(null),
});

const UnitMappingSchema = z.strictObject({
  /** A value of the `businessUnit` claim (`Sales`, a group name or id). */
  value: LineSchema.min(1).max(200),
  businessUnitId: IdSchema,
});

const DEFAULT_SSO_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

/** `PUT /v1/admin/sso`: the organisation's IdP and how its claims map to units and roles. */
export const SsoConfigRequestSchema = z.strictObject({
  slug: SsoSlugSchema,
  issuer: IssuerSchema,
  clientId: LineSchema.min(1).max(255),
  clientSecret: ClientSecretInputSchema,
  /** How the hub authenticates at the IdP's token endpoint. */
  clientAuthentication: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
  /** Asked at sign-in; `offline_access` gets the refresh token that keeps a device's token alive. */
  scopes: z
    .array(ScopeSchema)
    .min(1)
    .max(20)
    .refine((scopes) => scopes.includes('openid'), 'include "openid"')
    .default([...DEFAULT_SSO_SCOPES]),
  claims: ClaimsSchema.default({
    userName: 'preferred_username',
    displayName: 'name',
    groups: 'groups',
    businessUnit: null,
  }),
  /** Claim values to business units, the first match wins; a member matching none goes to `defaultBusinessUnitId`. */
  businessUnits: z.array(UnitMappingSchema).max(1_000).default([]),
  /** Where members go whose claim matches no mapping; null: the organisation's root unit. */
  defaultBusinessUnitId: IdSchema.nullable().default(null),
  /** Members of this group (in the `groups` claim) get the CoE role, others are advocates; null: roles are set in the console. */
  coeGroup: LineSchema.min(1).max(200).nullable().default(null),
  /** Days a device token works after the IdP last vouched for its member (a sign-in or a refresh). */
  tokenMaxAgeDays: z.int().min(1).max(365).default(30),
  /** Whether members may still join with invite codes. */
  inviteCodes: z.boolean().default(true),
});
export type SsoConfigRequest = z.input<typeof SsoConfigRequestSchema>;

/** The organisation's SSO configuration as the CoE reads it: the secret's source, never the secret. */
export const SsoConfigSchema = z.object({
  slug: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  clientSecret: z.discriminatedUnion('source', [
    z.object({
      source: z.literal('env'),
      name: z.string(),
      /** Whether the hub's environment has it. */
      present: z.boolean(),
    }),
    z.object({ source: z.literal('value') }),
  ]),
  clientAuthentication: z.enum(['client_secret_basic', 'client_secret_post']),
  scopes: z.array(z.string()),
  claims: z.object({
    userName: z.string(),
    displayName: z.string(),
    groups: z.string(),
    businessUnit: z.string().nullable(),
  }),
  businessUnits: z.array(z.object({ value: z.string(), businessUnitId: IdSchema })),
  defaultBusinessUnitId: IdSchema.nullable(),
  coeGroup: z.string().nullable(),
  tokenMaxAgeDays: z.int(),
  inviteCodes: z.boolean(),
  /** The sign-in redirect URI to register at the IdP for the hub's client. */
  redirectUri: z.string(),
  updatedAt: InstantSchema,
});
export type SsoConfig = z.infer<typeof SsoConfigSchema>;

/** Path parameter `:org` of the sign-in routes: the organisation's slug. */
export const SsoOrgParamSchema = z.strictObject({ org: z.string().max(64) });

/** A PKCE value (RFC 7636): 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`. */
const PkceSchema = z
  .string()
  .min(43)
  .max(128)
  .regex(/^[A-Za-z0-9._~-]+$/, 'a PKCE value has 43 to 128 characters of A-Z a-z 0-9 - . _ ~');

/**
 * `POST /v1/sso/:org/start`: where the IdP's answer should end (the extension's `identity.getRedirectURL()`), and the
 * S256 challenge of a verifier the extension keeps until it redeems the one-time code.
 */
export const SsoStartRequestSchema = z.strictObject({
  redirectUri: z.url({ protocol: /^https$/ }).max(500),
  codeChallenge: PkceSchema,
});
export type SsoStartRequest = z.infer<typeof SsoStartRequestSchema>;

/** The IdP's authorization address to open (with `identity.launchWebAuthFlow`), valid for 10 minutes. */
export const SsoStartResponseSchema = z.object({
  /** https, or plain http on loopback only (a test IdP), whatever the hub sends. */
  authorizationUrl: HubUrlSchema,
  organisation: z.object({ name: z.string() }),
});
export type SsoStartResponse = z.infer<typeof SsoStartResponseSchema>;

/** Where the IdP sends the member back, under the hub's public address: the redirect URI registered at the IdP. */
export const SSO_CALLBACK_PATH = '/v1/sso/callback';

/**
 * `GET /v1/sso/callback`: the IdP's answer (RFC 6749 §4.1.2), in the browser. Loose: IdPs add parameters of their
 * own (`session_state`, `iss`…).
 */
export const SsoCallbackQuerySchema = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4_000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1_000).optional(),
});

/** Why a sign-in ended without a code, as the callback tells the extension (`?error=` on its redirect URI). */
const SsoSignInErrorSchema = z.enum([
  /** The IdP's own refusal: the member cancelled, or is not allowed to use the application. */
  'access_denied',
  /** The IdP's answer did not check out (state, nonce, issuer, audience, expiry, signature): nothing was recorded. */
  'sign_in_failed',
  /** The member's access was deactivated by their CoE (or their provisioning). */
  'member_deactivated',
  /** The IdP could not be reached. */
  'idp_unavailable',
]);
export type SsoSignInErrorCode = z.infer<typeof SsoSignInErrorSchema>;

/** `POST /v1/sso/token`: the one-time code from the redirect, the PKCE verifier of the start. */
export const SsoTokenRequestSchema = z.strictObject({
  code: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  codeVerifier: PkceSchema,
  deviceLabel: LineSchema.trim().min(1).max(80).optional(),
});
export type SsoTokenRequest = z.infer<typeof SsoTokenRequestSchema>;

/** `POST /v1/sso/refresh` answer: the IdP vouched for the member again; the device token works until `expiresAt`. */
export const SsoRefreshResponseSchema = z.object({ verifiedAt: InstantSchema, expiresAt: InstantSchema });
export type SsoRefreshResponse = z.infer<typeof SsoRefreshResponseSchema>;
