import { useState } from 'react';
import { db, EMPTY_SYNC, type SyncState } from '@/lib/db';
import { formatNumber } from '@/lib/format';
import { send } from '@/lib/messaging/send';
import { syncNowOutcome, syncStatus } from '@/lib/sync/status';

/**
 * Where the member's updates stand, in words: synced, offline (quiet: Spoke catches up by itself) or a problem to act
 * on (red, with what to do). "Sync now" says that it is working and how it ended.
 */
export function SyncStatus({ sync, pending }: { sync: SyncState; pending: number }) {
  const [syncing, setSyncing] = useState(false);
  // The answer to the last click, and the sync state it describes: a later sync (by the scheduler, or after signing in
  // again) makes it old news, and it goes.
  const [outcome, setOutcome] = useState<{ text: string; about: string } | null>(null);
  const status = syncStatus(sync, pending);
  const stateOf = (state: SyncState) =>
    `${state.lastSyncAt ?? ''}|${state.lastErrorKind ?? ''}|${state.lastError ?? ''}`;

  const syncNow = async () => {
    setSyncing(true);
    setOutcome(null);
    try {
      await send({ type: 'sync-now' });
      const [after, waiting] = await Promise.all([db.getSetting('sync'), db.outbox.count()]);
      setOutcome({ text: syncNowOutcome(after ?? EMPTY_SYNC, waiting), about: stateOf(after ?? EMPTY_SYNC) });
    } catch (failure) {
      const text = failure instanceof Error ? failure.message : 'Spoke could not sync. Try again.';
      setOutcome({ text, about: stateOf(sync) });
    } finally {
      setSyncing(false);
    }
  };

  return (
    <div className="sync" data-testid="sync-status">
      <div className={`sync__state sync__state--${status.tone}`}>
        <p className="sync__headline">{status.headline}</p>
        {status.detail && <p className="sync__detail">{status.detail}</p>}
      </div>
      {sync.dropped > 0 && (
        <p className="sync__detail">
          {sync.dropped === 1 ? '1 old update was' : `${formatNumber(sync.dropped)} old updates were`} dropped after 30
          days offline.
        </p>
      )}
      <div className="sync__row">
        <button type="button" className="button button--quiet" disabled={syncing} onClick={() => void syncNow()}>
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
        <span className="sync__outcome" role="status">
          {outcome?.about === stateOf(sync) ? outcome.text : null}
        </span>
      </div>
    </div>
  );
}
