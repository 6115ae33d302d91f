import { useState } from 'react';
import { send } from '@/lib/messaging/send';
import { ErrorNote } from './PageShell';

/** Shows or hides the member's name on the team leaderboard; the hub is told first, so a failure changes nothing. */
export function LeaderboardSwitch({ optedIn }: { optedIn: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await send({ type: 'leaderboard-opt-in', optIn: !optedIn });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label className="switch">
        <input type="checkbox" checked={optedIn} disabled={busy} onChange={() => void toggle()} />
        Show my name on the leaderboard
      </label>
      <ErrorNote error={error} />
    </>
  );
}
