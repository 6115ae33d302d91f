import { describe, expect, it } from 'vitest';
import { EMPTY_SYNC } from '@/lib/db';
import { syncErrorKind, syncNowOutcome, syncStatus, updatesCount } from '@/lib/sync/status';

const now = Date.parse('2026-12-06T12:00:00Z');

describe('the sync state in words', () => {
  it('tells offline (it heals) from a revoked device and a refusal', () => {
    expect(syncErrorKind({ status: 0, transient: true })).toBe('offline');
    expect(syncErrorKind({ status: 503, transient: true })).toBe('offline');
    expect(syncErrorKind({ status: 401, transient: false })).toBe('revoked');
    expect(syncErrorKind({ status: 401, transient: false, problem: { code: 'sign-in-required' } })).toBe('sign-in');
    expect(syncErrorKind({ status: 400, transient: false })).toBe('refused');
  });

  it('counts updates in the singular and the plural', () => {
    expect(updatesCount(1)).toBe('1 update');
    expect(updatesCount(2)).toBe('2 updates');
    expect(updatesCount(1234)).toMatch(/^1.234 updates$/);
  });

  it('shows a healthy sync with what is waiting', () => {
    expect(syncStatus(EMPTY_SYNC, 0, now)).toEqual({
      tone: 'ok',
      headline: 'Not synced yet · nothing waiting to send',
    });
    expect(syncStatus({ ...EMPTY_SYNC, lastSyncAt: now - 10_000 }, 3, now)).toEqual({
      tone: 'ok',
      headline: 'Last synced just now · 3 updates waiting to send',
    });
  });

  it('shows offline quietly, with the updates that will go out by themselves', () => {
    const offline = { ...EMPTY_SYNC, lastSyncAt: now - 10_000, lastError: 'down', lastErrorKind: 'offline' as const };
    expect(syncStatus(offline, 1, now)).toEqual({
      tone: 'offline',
      headline: 'Offline — 1 update will be sent when the hub is back',
      detail: 'Last synced just now',
    });
    expect(syncStatus(offline, 4, now).headline).toBe('Offline — 4 updates will be sent when the hub is back');
    expect(syncStatus(offline, 0, now).headline).toBe('Offline — Spoke catches up by itself when the hub is back');
    // Never the words of a failed first connection.
    expect(JSON.stringify(syncStatus(offline, 4, now))).not.toMatch(/check the address/i);
  });

  it('shows real problems as errors that say what to do', () => {
    const revoked = syncStatus({ ...EMPTY_SYNC, lastError: 'x', lastErrorKind: 'revoked' }, 2, now);
    expect(revoked.tone).toBe('error');
    expect(revoked.detail).toContain('Sign out');
    const refused = syncStatus({ ...EMPTY_SYNC, lastError: 'x', lastErrorKind: 'refused' }, 2, now);
    expect(refused).toMatchObject({ tone: 'error', headline: 'The hub did not accept the last sync.' });
    expect(refused.detail).toContain('2 updates');
    // A state stored before kinds existed is a problem until the next sync.
    expect(syncStatus({ ...EMPTY_SYNC, lastError: 'x' }, 0, now).tone).toBe('error');
  });

  it('answers Sync now with how it ended', () => {
    expect(syncNowOutcome({ ...EMPTY_SYNC, lastSyncAt: now }, 0)).toBe('Synced just now');
    expect(syncNowOutcome({ ...EMPTY_SYNC, lastError: 'down', lastErrorKind: 'offline' }, 2)).toBe(
      'Still offline — 2 updates waiting',
    );
    // A problem is said once, in the status above the button.
    expect(syncNowOutcome({ ...EMPTY_SYNC, lastError: 'x', lastErrorKind: 'revoked' }, 0)).toBe(
      'Not synced — see the message above',
    );
  });
});
