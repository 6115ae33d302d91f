import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoeConsole } from '@/components/coe/CoeConsole';
import { CoePage } from '@/components/pages/CoePage';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { Me } from '@/lib/contract/hub-member';
import { db } from '@/lib/db';
import { defaultPacks } from '@/lib/guidelines';

const me = (role: Me['role']): Me => ({
  id: '00000000-0000-4000-8000-000000000009',
  displayName: 'Casey',
  role,
  organisation: { id: '00000000-0000-4000-8000-000000000001', name: 'Acme Demo' },
  businessUnit: { id: '00000000-0000-4000-8000-000000000002', name: 'Center of Excellence' },
  leaderboardOptIn: false,
  createdAt: '2026-11-23T10:00:00.000Z',
  device: { id: '00000000-0000-4000-8000-000000000003', label: null },
});

/** A stand-in for the hub (unit test only; the E2E drives the real one). */
function fakeClient(role: Me['role'] = 'coe'): AdminClient {
  return {
    hubUrl: 'https://hub.example.com',
    me: vi.fn(async () => me(role)),
    policy: vi.fn(async () => ({
      version: 1,
      businessUnitId: me(role).businessUnit.id,
      publishedAt: '2026-11-23T10:00:00.000Z',
      pack: defaultPacks.core as unknown as Record<string, unknown>,
    })),
    listPolicyVersions: vi.fn(async () => ({
      versions: [{ version: 1, createdAt: '2026-11-23T10:00:00.000Z', current: true, overlayBusinessUnitIds: [] }],
    })),
    getPolicyVersion: vi.fn(async () => ({
      version: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
      current: true,
      overlayBusinessUnitIds: [],
      pack: defaultPacks.core as unknown as Record<string, unknown>,
      overlays: {},
    })),
    businessUnits: vi.fn(async () => []),
    listContent: vi.fn(async () => []),
    analytics: vi.fn(async () => {
      throw new Error("Can't reach the hub at https://hub.example.com.");
    }),
  } as unknown as AdminClient;
}

afterEach(async () => {
  await db.settings.clear();
  history.replaceState(null, '', '#');
});

describe('<CoePage />', () => {
  it('explains how to connect when this browser is not enrolled', async () => {
    render(<CoePage />);
    expect(
      await screen.findByRole('heading', { name: "Connect this browser to your company's hub first" }),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: "Spoke's settings" }).getAttribute('href')).toBe('/options.html');
  });

  it('tells an advocate the console is for the CoE, and where their own things are', async () => {
    await db.setSetting('enrolment', { hubUrl: 'https://hub.example.com', token: 't', me: me('advocate') });
    render(<CoePage />);
    expect(await screen.findByRole('heading', { name: 'This console is for the Center of Excellence' })).toBeTruthy();
    expect(screen.queryByRole('tablist')).toBeNull();
  });
});

describe('<CoeConsole />', () => {
  const enrolment = { hubUrl: 'https://hub.example.com', token: 't', me: me('coe') };

  it('says who is signed in and moves between the four tabs with the arrow keys', async () => {
    render(<CoeConsole enrolment={enrolment} client={fakeClient()} />);
    expect(screen.getByTestId('coe-who').textContent).toContain('Signed in as Casey');
    const tablist = screen.getByRole('tablist', { name: 'CoE console' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Content', 'Guidelines', 'Organisation', 'Analytics']);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText('No posts yet. Write the first one with “New post”.')).toBeTruthy();
    fireEvent.keyDown(tabs[0] as HTMLElement, { key: 'ArrowRight' });
    const guidelines = screen.getByRole('tab', { name: 'Guidelines' });
    expect(guidelines.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(guidelines);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('tab-guidelines');
    expect(location.hash).toBe('#guidelines');
    fireEvent.keyDown(guidelines, { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Content' }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'Analytics' }).getAttribute('aria-selected')).toBe('true');
    // A failing report says why in words.
    expect((await screen.findByRole('alert')).textContent).toContain("Can't reach the hub");
  });

  it('closes when the hub says the member is no longer CoE', async () => {
    render(<CoeConsole enrolment={enrolment} client={fakeClient('advocate')} />);
    expect(await screen.findByRole('heading', { name: 'Your CoE role was removed' })).toBeTruthy();
  });

  it('checks a new post live with the guideline engine and counts it as shared', async () => {
    render(<CoeConsole enrolment={enrolment} client={fakeClient()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'New post' }));
    fireEvent.change(screen.getByLabelText('LinkedIn text'), {
      target: { value: 'Acme Cloud 5 is out, and it is amazing. Check it out!' },
    });
    const linkedin = screen.getByRole('region', { name: 'LinkedIn version' });
    expect(within(linkedin).getByRole('list', { name: 'Guideline findings' }).textContent).toContain(
      'Say you work here',
    );
    expect(screen.getByTestId('counter-linkedin').textContent).toContain('53 / 3,000');
    expect(screen.getByTestId('counter-x').textContent).toBe('Not offered on this network.');
  });
});
