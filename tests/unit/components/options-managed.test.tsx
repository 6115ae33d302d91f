// The settings page under an organisation's managed settings: what it set is shown as set by it, with its value,
// and never offered for change; a join link to another hub than the pinned one is refused in words.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsPage } from '@/components/pages/OptionsPage';
import { db } from '@/lib/db';
import { siteSwitchesItem } from '@/lib/settings/site-switches';

const PINNED = 'https://spoke.acme.example';
let sendMessage: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  sendMessage = vi.fn(async () => ({ ok: true }));
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await db.settings.clear();
});
afterEach(() => fakeBrowser.reset());

function renderOptions(search = '') {
  return render(<OptionsPage search={search} version="0.1.0" onOpenSidePanel={() => undefined} />);
}

describe('<OptionsPage /> with managed settings', () => {
  it('shows a pinned hub as set by the organisation, with no field to change it', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true, signInMode: 'invite' });
    renderOptions(`?hub=${encodeURIComponent(`${PINNED}/`)}&code=ABCD-EFGH-1234`);
    const hub = await screen.findByRole('group', { name: 'Hub address' });
    expect(hub.textContent).toContain(PINNED);
    expect(within(hub).getByText('Set by your organisation')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Hub address' })).toBeNull();
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('ABCD-EFGH-1234');
    expect(screen.queryByRole('alert')).toBeNull();

    const summary = screen.getByRole('region', { name: 'Set by your organisation' });
    expect(within(summary).getByText('Hub address').nextSibling?.textContent).toBe(PINNED);
    expect(within(summary).getByText('Other hubs').nextSibling?.textContent).toBe('Refused');
    expect(within(summary).getByText('Sign-in').nextSibling?.textContent).toBe('With an invite code from your CoE');

    fireEvent.change(screen.getByLabelText('Your name, as your colleagues know you'), { target: { value: 'Avery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'enroll',
      hubUrl: PINNED,
      inviteCode: 'ABCD-EFGH-1234',
      displayName: 'Avery',
    });
  });

  it('refuses a join link to another hub, naming the pinned one, and keeps none of its code', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    renderOptions('?hub=https%3A%2F%2Fother.example&code=ABCD-EFGH-1234');
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('This join link is for another hub (https://other.example).');
    expect(refusal.textContent).toContain(`Ask your CoE for a join link to ${PINNED}.`);
    expect(screen.getByRole('group', { name: 'Hub address' }).textContent).toContain(PINNED);
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('');
  });

  it('fills in an unpinned hub and lets the member change it', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED });
    renderOptions();
    const address = (await screen.findByRole('textbox', { name: 'Hub address' })) as HTMLInputElement;
    expect(address.value).toBe(PINNED);
    expect(address.readOnly).toBe(false);
  });

  it('shows the switches the organisation holds as text, and leaves the others to the member', async () => {
    await siteSwitchesItem.setValue({ linkedin: true, x: true });
    await fakeBrowser.storage.managed.set({ sites: { x: false } });
    renderOptions();
    const linkedin = (await screen.findByRole('checkbox', { name: 'LinkedIn (linkedin.com)' })) as HTMLInputElement;
    expect(linkedin.checked).toBe(true);
    expect(screen.queryByRole('checkbox', { name: /^X/ })).toBeNull();
    const x = screen.getByText('X (x.com and twitter.com):').parentElement;
    expect(x?.textContent).toBe('X (x.com and twitter.com): Off Set by your organisation');
    const summary = screen.getByRole('region', { name: 'Set by your organisation' });
    expect(within(summary).getByText('Guideline tips on X').nextSibling?.textContent).toBe('Off');
  });

  it('holds every site on when members may not turn Spoke off', async () => {
    await siteSwitchesItem.setValue({ linkedin: false, x: true });
    await fakeBrowser.storage.managed.set({ memberMayTurnOffSites: false });
    renderOptions();
    await screen.findByRole('region', { name: 'Set by your organisation' });
    // The switches load after the summary: wait for them before saying none is offered.
    const linkedin = await screen.findByText('LinkedIn (linkedin.com):');
    expect(linkedin.parentElement?.textContent).toContain('On');
    expect(screen.queryAllByRole('checkbox', { name: /linkedin\.com|x\.com/ })).toHaveLength(0);
  });

  it('offers no invite code when the organisation signs its members in itself', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true, signInMode: 'sso' });
    renderOptions('?hub=https%3A%2F%2Fspoke.acme.example&org=acme');
    const card = await screen.findByRole('form', { name: 'Sign in with your organisation' });
    expect(within(card).getByRole('group', { name: 'Your company’s Spoke hub' }).textContent).toContain(PINNED);
    expect(within(card).getAllByText('Set by your organisation')).toHaveLength(2); // the way to sign in, the hub
    expect((within(card).getByLabelText('Organisation name on the hub') as HTMLInputElement).value).toBe('acme');
    expect(screen.queryByLabelText('Invite code')).toBeNull();
  });

  it('offers no single sign-on when the organisation has its members join with invite codes', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true, signInMode: 'invite' });
    renderOptions();
    await screen.findByLabelText('Invite code');
    expect(screen.queryByRole('form', { name: 'Sign in with your organisation' })).toBeNull();
  });

  it('tells a member connected to another hub that the organisation pinned its own', async () => {
    const me = {
      id: '00000000-0000-4000-8000-000000000001',
      displayName: 'Avery',
      role: 'advocate',
      organisation: { id: '00000000-0000-4000-8000-000000000002', name: 'Acme' },
      businessUnit: { id: '00000000-0000-4000-8000-000000000003', name: 'Sales' },
      leaderboardOptIn: false,
      createdAt: '2026-12-01T10:00:00.000Z',
      device: { id: '00000000-0000-4000-8000-000000000004', label: null },
    };
    await db.setSetting('enrolment', { hubUrl: 'https://old.example', token: 'spk_test', me } as never);
    await db.setSetting('consent', { at: 1, leaderboardOptIn: false });
    await db.setSetting('welcomeDismissedAt', 1);
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    renderOptions();
    const account = await screen.findByRole('region', { name: 'Connected to Acme' });
    expect(account.textContent).toContain(
      `Your organisation lets Spoke connect only to its own hub, ${PINNED}. This browser is connected to another one: sign out, then connect to ${PINNED}.`,
    );
    expect(within(account).queryByText('Set by your organisation')).toBeNull(); // the hub in use is not the pinned one
  });

  it('takes a policy that arrives while the page is open', async () => {
    renderOptions('?hub=https%3A%2F%2Fother.example&code=ABCD-EFGH-1234');
    expect(((await screen.findByRole('textbox', { name: 'Hub address' })) as HTMLInputElement).value).toBe(
      'https://other.example',
    );
    await fakeBrowser.storage.managed.set({ hubUrl: PINNED, pinHub: true });
    expect((await screen.findByRole('group', { name: 'Hub address' })).textContent).toContain(PINNED);
    expect(screen.getByRole('alert').textContent).toContain('This join link is for another hub');
    expect((screen.getByLabelText('Invite code') as HTMLInputElement).value).toBe('');
  });

  it('shows nothing of the kind when the organisation set nothing', async () => {
    renderOptions();
    expect(await screen.findByRole('textbox', { name: 'Hub address' })).toBeTruthy();
    expect(screen.queryByText('Set by your organisation')).toBeNull();
  });

  it('ignores a malformed policy instead of failing the page', async () => {
    await fakeBrowser.storage.managed.set({ hubUrl: 12, pinHub: 'always', sites: 'none' });
    renderOptions('?hub=https%3A%2F%2Fother.example&code=ABCD-EFGH-1234');
    const address = (await screen.findByRole('textbox', { name: 'Hub address' })) as HTMLInputElement;
    expect(address.value).toBe('https://other.example');
    expect(console.warn).toHaveBeenCalledTimes(3);
  });
});
