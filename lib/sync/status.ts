import type { SyncErrorKind, SyncState } from '@/lib/db';
import { formatNumber, formatRelative } from '@/lib/format';

// What the last sync means for the member, in words. Being offline once connected is a state Spoke recovers from by
// itself (the outbox waits, the scheduler retries); only a problem the member or the CoE must act on is an error.

/** How a failed sync is shown: `offline` quietly (it heals itself), `revoked`, `sign-in` and `refused` as errors. */
export function syncErrorKind(error: {
  status: number;
  transient: boolean;
  problem?: { code?: string };
}): SyncErrorKind {
  if (error.status === 401) return error.problem?.code === 'sign-in-required' ? 'sign-in' : 'revoked';
  return error.transient ? 'offline' : 'refused';
}

export interface SyncStatus {
  tone: 'ok' | 'offline' | 'error';
  /** The one line to show. */
  headline: string;
  /** What else to know or do, when there is something. */
  detail?: string;
}

/** "1 update", "12 updates". */
export function updatesCount(n: number): string {
  return `${formatNumber(n)} ${n === 1 ? 'update' : 'updates'}`;
}

export function syncStatus(sync: SyncState, pending: number, now = Date.now()): SyncStatus {
  const last = sync.lastSyncAt === undefined ? undefined : `Last synced ${formatRelative(sync.lastSyncAt, now)}`;
  if (!sync.lastError) {
    const waiting = pending === 0 ? 'nothing waiting to send' : `${updatesCount(pending)} waiting to send`;
    return { tone: 'ok', headline: `${last ?? 'Not synced yet'} · ${waiting}` };
  }
  // A state stored before kinds existed counts as a problem until the next sync says more.
  switch (sync.lastErrorKind ?? 'refused') {
    case 'offline':
      return {
        tone: 'offline',
        headline:
          pending === 0
            ? 'Offline — Spoke catches up by itself when the hub is back'
            : `Offline — ${updatesCount(pending)} will be sent when the hub is back`,
        detail: last,
      };
    case 'revoked':
      return {
        tone: 'error',
        headline: 'This browser is no longer connected to your company’s hub.',
        detail:
          'Its access was revoked. Sign out in Spoke’s settings, then connect again with a new join link from your CoE.',
      };
    case 'hub-not-allowed':
      return {
        tone: 'error',
        headline: 'Your organisation now allows another hub: Spoke stopped syncing with this one.',
        detail: `Sign out in Spoke’s settings, then connect to your organisation’s hub. Until then Spoke keeps ${pending === 0 ? 'everything' : updatesCount(pending)} on this device.`,
      };
    case 'sign-in':
      return {
        tone: 'error',
        headline: 'Sign in with your organisation again to keep Spoke connected.',
        detail: `Your organisation asks Spoke to check who you are every so often. Choose “Sign in again” in Spoke’s settings; ${pending === 0 ? 'nothing is lost' : `the ${updatesCount(pending)} waiting here are sent then`}.`,
      };
    default:
      return {
        tone: 'error',
        headline: 'The hub did not accept the last sync.',
        detail: `Spoke keeps ${pending === 0 ? 'everything' : updatesCount(pending)} on this device and tries again later. If this stays, tell your CoE.`,
      };
  }
}

/** The answer to "Sync now", once it finished. */
export function syncNowOutcome(sync: SyncState, pending: number): string {
  if (!sync.lastError) return 'Synced just now';
  if (sync.lastErrorKind === 'offline') return `Still offline — ${updatesCount(pending)} waiting`;
  return 'Not synced — see the message above';
}
