import { type FormEvent, useState } from 'react';
import { ErrorNote } from '@/components/ui/PageShell';
import { send } from '@/lib/messaging/send';

/** The hub and invite code from a join link the CoE sends: options.html?hub=…&code=… */
export function joinLinkParams(search: string): { hub: string; code: string } {
  const params = new URLSearchParams(search);
  return { hub: params.get('hub') ?? '', code: params.get('code') ?? '' };
}

/** Step 1: connect this browser to the company's hub with an invite code. */
export function EnrolForm({ initial }: { initial: { hub: string; code: string } }) {
  const [hubUrl, setHubUrl] = useState(initial.hub);
  const [inviteCode, setInviteCode] = useState(initial.code);
  const [displayName, setDisplayName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await send({ type: 'enroll', hubUrl, inviteCode, displayName });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="enrol-title">
      <h2 id="enrol-title">Connect to your company</h2>
      <p className="hint">
        Your social team sent you a join link or an invite code. Spoke asks what it may record on the next step.
      </p>
      <label className="field">
        Hub address
        <input
          type="url"
          required
          placeholder="https://spoke.example.com"
          value={hubUrl}
          onChange={(e) => setHubUrl(e.target.value)}
        />
      </label>
      <label className="field">
        Invite code
        <input required autoComplete="off" value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} />
      </label>
      <label className="field">
        Your name, as your colleagues know you
        <input required maxLength={120} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}

const COLLECTED = [
  'That you shared an approved post, where (LinkedIn or X), and which one',
  'Clicks on the tracked links in your posts, counted per day (never who clicked)',
  'The view counts LinkedIn and X show you on your own posts',
  'How often a guideline tip appeared or was fixed, as counts per rule',
];
const NEVER = [
  'Anything you type: drafts are checked on this device and never leave it',
  'Your feed, your messages, or pages you visit',
  'Which tips you dismissed, word for word',
];

/** Step 2: exactly what is recorded and what never is; nothing is recorded before "I agree". */
export function ConsentForm({ organisation }: { organisation: string }) {
  const [leaderboard, setLeaderboard] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (request: Parameters<typeof send>[0]) => {
    setBusy(true);
    setError(null);
    try {
      await send(request);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">What Spoke records for {organisation}</h2>
      <div className="columns">
        <div>
          <h3>Recorded, once you agree</h3>
          <ul className="list list--yes">
            {COLLECTED.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>Never recorded</h3>
          <ul className="list list--no">
            {NEVER.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </div>
      <label className="switch">
        <input type="checkbox" checked={leaderboard} onChange={(e) => setLeaderboard(e.target.checked)} />
        Show my name on my team's leaderboard (you can change this later)
      </label>
      <ErrorNote error={error} />
      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void act({ type: 'consent', leaderboardOptIn: leaderboard })}
        >
          I agree
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => void act({ type: 'sign-out' })}
        >
          Not now, disconnect
        </button>
      </div>
    </section>
  );
}
