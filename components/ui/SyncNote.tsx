import type { SyncState } from '@/lib/db';
import { syncStatus } from '@/lib/sync/status';

/** Whether the last sync failed because the hub could not be reached: a passing state, said quietly. */
export function isOffline(sync: SyncState): boolean {
  return syncStatus(sync, 0).tone === 'offline';
}

/**
 * A short line under a page's header while the last sync failed, in the words of the popup and settings
 * (lib/sync/status.ts): "Offline — 3 updates will be sent when the hub is back". Nothing while syncs succeed.
 */
export function SyncNote({ sync, pending }: { sync: SyncState; pending: number }) {
  const status = syncStatus(sync, pending);
  if (status.tone === 'ok') return null;
  return (
    <p className={`sync-note sync-note--${status.tone}`} role="status" data-testid="sync-note">
      <span className="sync-note__dot" aria-hidden="true" />
      <span>{status.headline}</span>
    </p>
  );
}
