import { describe, expect, it } from 'vitest';
import { ssoFormOf, ssoProblems, ssoRequestOf } from '@/lib/coe/sso-form';
import { type SsoConfig, SsoConfigRequestSchema } from '@/lib/contract/hub-sso';

const SALES = '00000000-0000-4000-8000-000000000003';
const filled = () => ({
  ...ssoFormOf(null),
  slug: ' Acme ',
  issuer: 'https://login.acme.example/',
  clientId: 'spoke-hub',
  secretValue: 's3cret',
  scopes: '  openid profile   groups offline_access ',
  unitClaim: 'department',
  mappings: [
    { value: ' Sales ', unitId: SALES },
    { value: '', unitId: '' },
  ],
});

describe('the single sign-on form', () => {
  it('starts from the hub’s defaults and makes a request the hub’s schema accepts', () => {
    const request = ssoRequestOf(filled());
    expect(ssoProblems(filled())).toEqual({});
    const parsed = SsoConfigRequestSchema.parse(request);
    expect(parsed.slug).toBe('acme');
    expect(parsed.scopes).toEqual(['openid', 'profile', 'groups', 'offline_access']);
    expect(parsed.claims).toEqual({
      userName: 'preferred_username',
      displayName: 'name',
      groups: 'groups',
      businessUnit: 'department',
    });
    // The empty row the CoE added and left is no mapping.
    expect(parsed.businessUnits).toEqual([{ value: 'Sales', businessUnitId: SALES }]);
    expect(parsed.clientSecret).toEqual({ source: 'value', value: 's3cret' });
    expect(parsed.tokenMaxAgeDays).toBe(30);
    expect(parsed.coeGroup).toBeNull();
  });

  it('names each wrong field with a sentence for the CoE, at the hub’s own paths', () => {
    const problems = ssoProblems({
      ...filled(),
      slug: '-acme',
      issuer: 'login.acme',
      clientId: ' ',
      secretValue: '',
      scopes: 'profile email',
      tokenMaxAgeDays: '30 days',
      mappings: [
        { value: '', unitId: SALES },
        { value: 'Ops', unitId: '' },
      ],
    });
    expect(problems['body.slug']).toBe('Use 2 to 40 lowercase letters, digits and dashes (not first or last).');
    expect(problems['body.issuer']).toBe('Use the issuer URL of your identity provider (https://…).');
    expect(problems['body.clientId']).toBe('Give the client ID your identity provider issued for Spoke.');
    expect(problems['body.clientSecret.value']).toBe('Paste the client secret your identity provider issued.');
    expect(problems['body.scopes']).toBe('Include "openid".');
    expect(problems['body.tokenMaxAgeDays']).toBe('Use a whole number of days from 1 to 365.');
    expect(problems['body.businessUnits.0.value']).toBe('Give the claim value for this unit.');
    expect(problems['body.businessUnits.1.businessUnitId']).toBe('Choose the unit for this value.');
  });

  it('edits a saved configuration without asking for its secret again', () => {
    const config: SsoConfig = {
      slug: 'acme',
      issuer: 'https://login.acme.example/',
      clientId: 'spoke-hub',
      clientSecret: { source: 'env', name: 'SPOKE_SSO_SECRET_ACME', present: true },
      clientAuthentication: 'client_secret_post',
      scopes: ['openid', 'email'],
      claims: { userName: 'upn', displayName: 'name', groups: 'roles', businessUnit: null },
      businessUnits: [],
      defaultBusinessUnitId: SALES,
      coeGroup: 'Social CoE',
      tokenMaxAgeDays: 7,
      inviteCodes: false,
      redirectUri: 'https://hub.acme.example/v1/sso/callback',
      updatedAt: '2026-12-01T10:00:00.000Z',
    };
    const form = ssoFormOf(config);
    expect(form.secretSource).toBe('unchanged');
    expect(ssoProblems(form)).toEqual({});
    const request = SsoConfigRequestSchema.parse(ssoRequestOf(form));
    expect(request).toMatchObject({
      clientSecret: { source: 'unchanged' },
      clientAuthentication: 'client_secret_post',
      scopes: ['openid', 'email'],
      claims: { userName: 'upn', groups: 'roles', businessUnit: null },
      defaultBusinessUnitId: SALES,
      coeGroup: 'Social CoE',
      tokenMaxAgeDays: 7,
      inviteCodes: false,
    });
    // Switching to the hub's environment asks for a variable of the right name.
    const env = ssoProblems({ ...form, secretSource: 'env', secretEnv: 'DATABASE_URL' });
    expect(env['body.clientSecret.name']).toBe('Name a variable SPOKE_SSO_SECRET_… of the hub’s environment.');
  });
});
