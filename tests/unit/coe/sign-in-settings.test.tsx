import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ScimSettings } from '@/components/coe/organisation/ScimSettings';
import { SsoSettings } from '@/components/coe/organisation/SsoSettings';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { SsoConfig, SsoConfigRequest } from '@/lib/contract/hub-sso';
import { HubError } from '@/lib/sync/hub-client';

const ROOT = '00000000-0000-4000-8000-000000000001';
const SALES = '00000000-0000-4000-8000-000000000003';
const units: BusinessUnit[] = [
  { id: ROOT, name: 'Acme', parentId: null, createdAt: '2026-11-23T10:00:00.000Z' },
  { id: SALES, name: 'Sales', parentId: ROOT, createdAt: '2026-11-23T10:00:00.000Z' },
];
const HUB = 'https://hub.acme.example';

function configOf(request: SsoConfigRequest): SsoConfig {
  return {
    slug: request.slug,
    issuer: request.issuer,
    clientId: request.clientId,
    clientSecret:
      request.clientSecret.source === 'env'
        ? { source: 'env', name: request.clientSecret.name, present: false }
        : { source: 'value' },
    clientAuthentication: request.clientAuthentication ?? 'client_secret_basic',
    scopes: request.scopes ?? [],
    claims: {
      userName: request.claims?.userName ?? 'preferred_username',
      displayName: request.claims?.displayName ?? 'name',
      groups: request.claims?.groups ?? 'groups',
      businessUnit: request.claims?.businessUnit ?? null,
    },
    businessUnits: request.businessUnits ?? [],
    defaultBusinessUnitId: request.defaultBusinessUnitId ?? null,
    coeGroup: request.coeGroup ?? null,
    tokenMaxAgeDays: request.tokenMaxAgeDays ?? 30,
    inviteCodes: request.inviteCodes ?? true,
    redirectUri: `${HUB}/v1/sso/callback`,
    updatedAt: '2026-12-06T10:00:00.000Z',
  };
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('<SsoSettings />', () => {
  it('sets single sign-on up from nothing: problems at their fields first, then the summary', async () => {
    const saveSso = vi.fn(async (request: SsoConfigRequest) => configOf(request));
    const client = { hubUrl: HUB, ssoConfig: vi.fn(async () => null), saveSso } as unknown as AdminClient;
    render(<SsoSettings client={client} units={units} />);
    // No set-up yet: what it is for, and the redirect URI the provider will ask for.
    expect(await screen.findByText(/Members join with invite codes/)).toBeTruthy();
    expect(screen.getByText(`${HUB}/v1/sso/callback`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Set up single sign-on' }));

    const form = screen.getByRole('form', { name: 'Set up single sign-on' });
    // The button that opened the form is gone: the keyboard starts at its first field.
    expect(document.activeElement).toBe(screen.getByLabelText('Issuer URL'));
    expect((within(form).getByLabelText('Redirect URI') as HTMLInputElement).value).toBe(`${HUB}/v1/sso/callback`);
    fireEvent.click(within(form).getByRole('button', { name: 'Turn on single sign-on' }));
    expect(saveSso).not.toHaveBeenCalled();
    expect(screen.getByText('Some fields need a change before single sign-on can be saved.')).toBeTruthy();
    const issuer = screen.getByLabelText('Issuer URL');
    expect(issuer.getAttribute('aria-invalid')).toBe('true');
    const note = document.getElementById(issuer.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toBe('Use the issuer URL of your identity provider (https://…).');

    type('Issuer URL', 'https://login.acme.example/');
    // Fixing a field takes its message away at once.
    expect(screen.getByLabelText('Issuer URL').getAttribute('aria-invalid')).toBeNull();
    type('Client ID', 'spoke-hub');
    type('Secret', 's3cret');
    type('Organisation name for signing in', 'acme');
    type('Unit claim', 'department');
    fireEvent.click(screen.getByRole('button', { name: 'Add a claim value' }));
    type('Claim value 1', 'Sales');
    fireEvent.change(screen.getByLabelText('Unit for claim value 1'), { target: { value: SALES } });
    // The top unit is the empty choice; the others are offered by name.
    const fallback = screen.getByLabelText('Everyone else goes to') as HTMLSelectElement;
    expect(Array.from(fallback.options).map((o) => o.text)).toEqual(['The whole organisation (its top unit)', 'Sales']);
    fireEvent.change(fallback, { target: { value: SALES } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Invite codes still work/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Turn on single sign-on' }));

    expect(await screen.findByText('Single sign-on is on: members sign in as “acme”.')).toBeTruthy();
    expect(saveSso).toHaveBeenCalledWith(
      expect.objectContaining({
        slug: 'acme',
        issuer: 'https://login.acme.example/',
        clientSecret: { source: 'value', value: 's3cret' },
        claims: expect.objectContaining({ businessUnit: 'department' }),
        businessUnits: [{ value: 'Sales', businessUnitId: SALES }],
        defaultBusinessUnitId: SALES,
        inviteCodes: false,
      }),
    );
    expect(screen.getByText('From the “department” claim (1 value mapped); others go to Sales')).toBeTruthy();
    expect(screen.getByText('Turned off: members sign in with the provider only')).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('shows the hub’s refusal at the field it names, and keeps what was typed', async () => {
    const refusal = new HubError(
      'Another organisation on this hub signs in under this name; choose another.',
      409,
      undefined,
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        errors: [{ path: 'body.slug', message: 'Another organisation on this hub signs in under this name.' }],
      },
    );
    const client = {
      hubUrl: HUB,
      ssoConfig: vi.fn(async () => null),
      saveSso: vi.fn(async () => {
        throw refusal;
      }),
    } as unknown as AdminClient;
    render(<SsoSettings client={client} units={units} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Set up single sign-on' }));
    type('Issuer URL', 'https://login.acme.example/');
    type('Client ID', 'spoke-hub');
    type('Secret', 's3cret');
    type('Organisation name for signing in', 'acme');
    fireEvent.click(screen.getByRole('button', { name: 'Turn on single sign-on' }));
    expect(await screen.findByText('Another organisation on this hub signs in under this name.')).toBeTruthy();
    expect(screen.getByLabelText('Organisation name for signing in').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Client ID') as HTMLInputElement).value).toBe('spoke-hub');
  });

  it('warns when the secret’s variable is missing from the hub, and turns off only after a confirmation', async () => {
    const config = configOf({
      slug: 'acme',
      issuer: 'https://login.acme.example/',
      clientId: 'spoke-hub',
      clientSecret: { source: 'env', name: 'SPOKE_SSO_SECRET_ACME' },
    });
    const deleteSso = vi.fn(async () => undefined);
    const client = { hubUrl: HUB, ssoConfig: vi.fn(async () => config), deleteSso } as unknown as AdminClient;
    render(<SsoSettings client={client} units={units} />);
    expect(await screen.findByText(/is not set in the hub’s environment: nobody can sign in/)).toBeTruthy();
    expect((screen.getByLabelText('Redirect URI') as HTMLInputElement).value).toBe(`${HUB}/v1/sso/callback`);
    // The link the CoE sends members: the settings page with the hub and the organisation filled in.
    const link = new URL(
      (screen.getByLabelText('Join link for signing in with the organisation') as HTMLInputElement).value,
    );
    expect(link.pathname).toBe('/options.html');
    expect(Object.fromEntries(link.searchParams)).toEqual({ hub: HUB, org: 'acme' });

    // Change: the form shows the saved values and keeps the secret unless told otherwise.
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect((screen.getByLabelText('Issuer URL') as HTMLInputElement).value).toBe('https://login.acme.example/');
    expect((screen.getByRole('radio', { name: 'Keep the current secret' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Single sign-on' })));

    fireEvent.click(screen.getByRole('button', { name: 'Turn off single sign-on' }));
    expect(deleteSso).not.toHaveBeenCalled();
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Turn off single sign-on' }));
    expect(await screen.findByText('Single sign-on is off: members join with invite codes again.')).toBeTruthy();
    expect(deleteSso).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Set up single sign-on' })).toBeTruthy();
  });
});

describe('<ScimSettings />', () => {
  it('shows a new secret once, replaces it only after a confirmation, and revokes it', async () => {
    let secret: { createdAt: string; lastUsedAt: string | null } | null = null;
    const baseUrl = `${HUB}/scim/v2/acme`;
    const client = {
      scimSettings: vi.fn(async () => ({ baseUrl, secret })),
      newScimSecret: vi.fn(async () => {
        secret = { createdAt: '2026-12-06T10:00:00.000Z', lastUsedAt: null };
        return { secret: `scim_${client.newScimSecret.mock.calls.length}`, baseUrl, createdAt: secret.createdAt };
      }),
      revokeScimSecret: vi.fn(async () => {
        secret = null;
      }),
    };
    render(<ScimSettings client={client as unknown as AdminClient} />);
    expect(await screen.findByText('No secret: your provider can’t provision members.')).toBeTruthy();
    expect((screen.getByLabelText('SCIM base URL') as HTMLInputElement).value).toBe(baseUrl);

    fireEvent.click(screen.getByRole('button', { name: 'Make a secret' }));
    const shown = (await screen.findByLabelText('SCIM secret')) as HTMLInputElement;
    expect(shown.value).toBe('scim_1');
    expect(document.activeElement).toBe(shown); // ready to copy
    expect(await screen.findByText(/your provider has not used it yet/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Replace secret' }));
    expect(client.newScimSecret).toHaveBeenCalledTimes(1);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Make a new secret' }));
    await waitFor(() => expect((screen.getByLabelText('SCIM secret') as HTMLInputElement).value).toBe('scim_2'));

    fireEvent.click(screen.getByRole('button', { name: 'Revoke the SCIM secret' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Revoke secret' }));
    expect(await screen.findByText('Secret revoked: provisioning stops until you make a new one.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Provisioning (SCIM)' }));
    expect(screen.queryByLabelText('SCIM secret')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Make a secret' })).toBeTruthy();
  });
});
