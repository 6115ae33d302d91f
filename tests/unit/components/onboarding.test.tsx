import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { EnrolForm } from '@/components/pages/Onboarding';
import { SyncStatus } from '@/components/ui/SyncStatus';
import { db, EMPTY_SYNC } from '@/lib/db';
import { ENROL_MESSAGES } from '@/lib/sync/enrol-fields';

let sendMessage: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  sendMessage = vi.fn(async () => ({ ok: true }));
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
  await db.settings.clear();
  await db.outbox.clear();
});
afterEach(() => vi.restoreAllMocks());

describe('<EnrolForm />', () => {
  it('says what is wrong at each field before sending anything, without the browser bubble', async () => {
    const { container } = render(<EnrolForm initial={{ hub: '', code: '' }} />);
    expect(container.querySelector('form')?.noValidate).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    const address = screen.getByLabelText('Hub address');
    expect(address.getAttribute('aria-invalid')).toBe('true');
    const described = (address.getAttribute('aria-describedby') ?? '').split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(ENROL_MESSAGES.hubUrlMissing);
    expect(screen.getByText(ENROL_MESSAGES.inviteCodeMissing)).toBeTruthy();
    expect(screen.getByText(ENROL_MESSAGES.displayNameMissing)).toBeTruthy();
    expect(sendMessage).not.toHaveBeenCalled();
    // Fixing a field clears its error.
    fireEvent.change(address, { target: { value: 'https://spoke.example.com' } });
    expect(address.getAttribute('aria-invalid')).toBeNull();
  });

  it('shows the fields a refusal names at those fields', async () => {
    sendMessage.mockResolvedValue({
      ok: false,
      code: 'refused',
      error: ENROL_MESSAGES.inviteCodeUnknown,
      fields: [{ field: 'inviteCode', message: ENROL_MESSAGES.inviteCodeUnknown }],
    });
    render(<EnrolForm initial={{ hub: 'http://127.0.0.1:8787', code: 'ABCD-EFGH-1234' }} />);
    fireEvent.change(screen.getByLabelText('Your name, as your colleagues know you'), {
      target: { value: 'Avery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText(ENROL_MESSAGES.inviteCodeUnknown)).toBeTruthy();
    expect(screen.getByLabelText('Invite code').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull(); // said once, at its field
    expect(sendMessage).toHaveBeenCalledWith({
      type: 'enroll',
      hubUrl: 'http://127.0.0.1:8787',
      inviteCode: 'ABCD-EFGH-1234',
      displayName: 'Avery',
    });
  });

  it('shows a refusal about the whole form above the button', async () => {
    sendMessage.mockResolvedValue({ ok: false, code: 'refused', error: ENROL_MESSAGES.tooManyTries });
    render(<EnrolForm initial={{ hub: 'http://127.0.0.1:8787', code: 'ABCD-EFGH-1234' }} />);
    fireEvent.change(screen.getByLabelText('Your name, as your colleagues know you'), {
      target: { value: 'Avery' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toBe(ENROL_MESSAGES.tooManyTries);
  });
});

describe('<SyncStatus />', () => {
  it('is quiet offline, shows Syncing… while it works, then how it ended', async () => {
    let finish: (answer: unknown) => void = () => undefined;
    sendMessage.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const offline = { ...EMPTY_SYNC, lastError: 'down', lastErrorKind: 'offline' as const };
    await db.setSetting('sync', offline);
    render(<SyncStatus sync={offline} pending={1} />);
    expect(screen.getByText('Offline — 1 update will be sent when the hub is back')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    const busy = screen.getByRole('button', { name: 'Syncing…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    await db.outbox.add({ id: 'e1', seq: 1, createdAt: Date.now(), event: {} as never });
    finish({ ok: true });
    expect((await screen.findByRole('button', { name: 'Sync now' })).hasAttribute('disabled')).toBe(false);
    expect(screen.getByRole('status').textContent).toBe('Still offline — 1 update waiting');
  });

  it('keeps its answer when the scheduler syncs again right after, and drops it when a later sync ends otherwise', async () => {
    const synced = { ...EMPTY_SYNC, lastSyncAt: 1_000 };
    await db.setSetting('sync', synced);
    const { rerender } = render(<SyncStatus sync={synced} pending={0} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await screen.findByRole('button', { name: 'Sync now' });
    expect(screen.getByRole('status').textContent).toBe('Synced just now');
    // The scheduler's sync a moment later also went through: the answer still holds.
    rerender(<SyncStatus sync={{ ...synced, lastSyncAt: 2_000 }} pending={0} />);
    expect(screen.getByRole('status').textContent).toBe('Synced just now');
    // A later sync found the hub gone: "Synced just now" would now mislead.
    rerender(<SyncStatus sync={{ ...synced, lastError: 'down', lastErrorKind: 'offline' }} pending={0} />);
    expect(screen.getByRole('status').textContent).toBe('');
  });
});
