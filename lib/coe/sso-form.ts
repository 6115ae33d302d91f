import type { SsoConfig, SsoConfigRequest } from '@/lib/contract/hub-sso';
import { SsoConfigRequestSchema } from '@/lib/contract/hub-sso';

// The console's single sign-on form: what the CoE types, and the hub's request made from it. Field problems use the
// hub's own paths (`body.claims.businessUnit`), so a refusal from the hub lands at the same field as a local one.

export type SecretSource = 'value' | 'env' | 'unchanged';

export interface SsoForm {
  slug: string;
  issuer: string;
  clientId: string;
  secretSource: SecretSource;
  secretValue: string;
  secretEnv: string;
  clientAuthentication: 'client_secret_basic' | 'client_secret_post';
  /** Scopes separated by spaces, as identity providers list them. */
  scopes: string;
  userNameClaim: string;
  displayNameClaim: string;
  groupsClaim: string;
  /** Empty: no claim names a unit, everyone goes to the default unit. */
  unitClaim: string;
  mappings: Array<{ value: string; unitId: string }>;
  /** Empty: the organisation's root unit. */
  defaultUnitId: string;
  /** Empty: roles are set in the console. */
  coeGroup: string;
  tokenMaxAgeDays: string;
  inviteCodes: boolean;
}

/** The form for a first set-up (the hub's defaults), or for the configuration the hub has. */
export function ssoFormOf(config: SsoConfig | null): SsoForm {
  if (!config) {
    return {
      slug: '',
      issuer: '',
      clientId: '',
      secretSource: 'value',
      secretValue: '',
      secretEnv: '',
      clientAuthentication: 'client_secret_basic',
      scopes: 'openid profile email offline_access',
      userNameClaim: 'preferred_username',
      displayNameClaim: 'name',
      groupsClaim: 'groups',
      unitClaim: '',
      mappings: [],
      defaultUnitId: '',
      coeGroup: '',
      tokenMaxAgeDays: '30',
      inviteCodes: true,
    };
  }
  return {
    slug: config.slug,
    issuer: config.issuer,
    clientId: config.clientId,
    secretSource: 'unchanged',
    secretValue: '',
    secretEnv: config.clientSecret.source === 'env' ? config.clientSecret.name : '',
    clientAuthentication: config.clientAuthentication,
    scopes: config.scopes.join(' '),
    userNameClaim: config.claims.userName,
    displayNameClaim: config.claims.displayName,
    groupsClaim: config.claims.groups,
    unitClaim: config.claims.businessUnit ?? '',
    mappings: config.businessUnits.map((m) => ({ value: m.value, unitId: m.businessUnitId })),
    defaultUnitId: config.defaultBusinessUnitId ?? '',
    coeGroup: config.coeGroup ?? '',
    tokenMaxAgeDays: String(config.tokenMaxAgeDays),
    inviteCodes: config.inviteCodes,
  };
}

function secretOf(form: SsoForm): SsoConfigRequest['clientSecret'] {
  if (form.secretSource === 'env') return { source: 'env', name: form.secretEnv.trim() };
  if (form.secretSource === 'value') return { source: 'value', value: form.secretValue };
  return { source: 'unchanged' };
}

/** The hub's request for the form, as typed (the hub's schema trims and checks it). */
export function ssoRequestOf(form: SsoForm): SsoConfigRequest {
  const days = form.tokenMaxAgeDays.trim();
  return {
    slug: form.slug.trim(),
    issuer: form.issuer.trim(),
    clientId: form.clientId.trim(),
    clientSecret: secretOf(form),
    clientAuthentication: form.clientAuthentication,
    scopes: form.scopes.split(/\s+/).filter(Boolean),
    claims: {
      userName: form.userNameClaim.trim(),
      displayName: form.displayNameClaim.trim(),
      groups: form.groupsClaim.trim(),
      businessUnit: form.unitClaim.trim() || null,
    },
    // A row left empty is one the CoE added and did not fill: not a mapping.
    businessUnits: form.mappings
      .filter((m) => m.value.trim() || m.unitId)
      .map((m) => ({ value: m.value.trim(), businessUnitId: m.unitId })),
    defaultBusinessUnitId: form.defaultUnitId || null,
    coeGroup: form.coeGroup.trim() || null,
    tokenMaxAgeDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
    inviteCodes: form.inviteCodes,
  };
}

/** What the CoE must change before saving, per field (`body.issuer` → sentence): the hub's own schema, read here. */
export function ssoProblems(form: SsoForm): Record<string, string> {
  const problems: Record<string, string> = {};
  const request = ssoRequestOf(form);
  const parsed = SsoConfigRequestSchema.safeParse(request);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = ['body', ...issue.path.map(String)].join('.');
      problems[path] ??= sentenceOf(path, issue.message);
    }
  }
  return problems;
}

/** Zod's own words are for developers: these are for the CoE, where the schema's message is not already one. */
function sentenceOf(path: string, message: string): string {
  if (path === 'body.slug') return 'Use 2 to 40 lowercase letters, digits and dashes (not first or last).';
  if (path === 'body.clientId') return 'Give the client ID your identity provider issued for Spoke.';
  if (path === 'body.clientSecret.value') return 'Paste the client secret your identity provider issued.';
  if (path === 'body.tokenMaxAgeDays') return 'Use a whole number of days from 1 to 365.';
  if (/^body\.businessUnits\.\d+\.value$/.test(path)) return 'Give the claim value for this unit.';
  if (/^body\.businessUnits\.\d+\.businessUnitId$/.test(path)) return 'Choose the unit for this value.';
  if (path === 'body.scopes' && !message.includes('openid')) return 'List the scopes, separated by spaces.';
  return message.endsWith('.') ? message : `${message[0]?.toUpperCase() ?? ''}${message.slice(1)}.`;
}
