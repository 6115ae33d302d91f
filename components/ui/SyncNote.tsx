import type { SyncState } from '@/lib/db';
import { formatNumber } from '@/lib/format';

/**
 * Whether the last sync failed because the hub could not be reached (down, or the device offline), as opposed to a
 * refusal. Reads the fields a richer sync state may carry (`offline`, `transient`, the failure's `status` 0), and
 * otherwise the retry Spoke scheduled: only a passing failure gets one.
 */
export function isOffline(sync: SyncState): boolean {
  if (!sync.lastError) return false;
  const detail = sync as SyncState & { offline?: boolean; transient?: boolean; status?: number; lastStatus?: number };
  if (detail.offline !== undefined) return detail.offline;
  const status = detail.status ?? detail.lastStatus;
  if (status !== undefined || detail.transient !== undefined) return status === 0 || detail.transient === true;
  return sync.retryAt !== undefined;
}

/**
 * A quiet line under a page's header while the last sync failed: "Offline · 3 updates waiting to sync". Nothing
 * while syncs succeed: events then leave within seconds, and a count that is about to vanish is only noise.
 */
export function SyncNote({ sync, pending }: { sync: SyncState; pending: number }) {
  const offline = isOffline(sync);
  const waiting =
    sync.lastError && pending > 0
      ? `${formatNumber(pending)} ${pending === 1 ? 'update' : 'updates'} waiting to sync`
      : '';
  if (!offline && !waiting) return null;
  return (
    <p className={`sync-note ${offline ? 'sync-note--offline' : ''}`} role="status" data-testid="sync-note">
      {offline && (
        <>
          <span className="sync-note__dot" aria-hidden="true" />
          <span>Offline: can't reach your hub</span>
        </>
      )}
      {offline && waiting && <span aria-hidden="true"> · </span>}
      {waiting && <span>{waiting}</span>}
    </p>
  );
}
