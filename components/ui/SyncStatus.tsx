import { useEffect, useState } from 'react';
import { db, EMPTY_SYNC, type SyncState } from '@/lib/db';
import { formatNumber } from '@/lib/format';
import { send } from '@/lib/messaging/send';
import { syncNowOutcome, syncStatus } from '@/lib/sync/status';

const OUTCOME_SHOWN_MS = 60_000;

/**
 * Where the member's updates stand, in words: synced, offline (quiet: Spoke catches up by itself) or a problem to act
 * on (red, with what to do). "Sync now" says that it is working and how it ended.
 */
export function SyncStatus({ sync, pending }: { sync: SyncState; pending: number }) {
  const [syncing, setSyncing] = useState(false);
  // The answer to the last click, and the kind of ending it describes. A later sync that ends another way (the
  // scheduler's, once the hub is back) makes it old news, and it goes; one that ends the same way does not, because
  // the scheduler often syncs again right after a click and the member would never see their answer.
  const [outcome, setOutcome] = useState<{ text: string; about: string } | null>(null);
  const status = syncStatus(sync, pending);
  const stateOf = (state: SyncState) =>
    state.lastError ? `${state.lastErrorKind ?? ''}|${state.lastError}` : 'synced';
  // "Synced just now" is true for a while, not for ever: the headline keeps the time after that.
  useEffect(() => {
    if (!outcome) return;
    const timer = setTimeout(() => setOutcome(null), OUTCOME_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [outcome]);

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
