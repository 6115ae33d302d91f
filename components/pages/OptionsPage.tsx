import { useState } from 'react';
import { LeaderboardSwitch } from '@/components/ui/LeaderboardSwitch';
import { ErrorNote, PageShell } from '@/components/ui/PageShell';
import { relativeTime, useSpokeState } from '@/components/ui/use-spoke-state';
import { send } from '@/lib/messaging/send';
import { ConsentForm, EnrolForm, joinLinkParams } from './Onboarding';
import { SiteSwitches } from './SiteSwitches';

/** Hub address, enrolment, consent, per-site switches, sign out. */
export function OptionsPage({ search }: { search: string }) {
  const state = useSpokeState();
  const [error, setError] = useState<string | null>(null);
  if (!state) return null;
  const { enrolment, consent, sync } = state;
  return (
    <PageShell title="Spoke settings" subtitle="Your company, your consent, your sites" variant="wide">
      {!enrolment && <EnrolForm initial={joinLinkParams(search)} />}
      {enrolment && !consent && <ConsentForm organisation={enrolment.me.organisation.name} />}
      {enrolment && consent && (
        <section className="card" aria-labelledby="account-title">
          <h2 id="account-title">Connected to {enrolment.me.organisation.name}</h2>
          <ul className="facts">
            <li>
              {enrolment.me.displayName} · {enrolment.me.businessUnit.name} ·{' '}
              {enrolment.me.role === 'coe' ? 'CoE' : 'Advocate'}
            </li>
            <li>Hub: {enrolment.hubUrl}</li>
            <li>
              {sync.lastSyncAt ? `Last sync ${relativeTime(sync.lastSyncAt)}` : 'Not synced yet'}
              {sync.lastError ? ` · ${sync.lastError}` : ''}
            </li>
          </ul>
          <LeaderboardSwitch optedIn={consent.leaderboardOptIn} />
          <ErrorNote error={error} />
          <div className="actions">
            <button
              type="button"
              className="button button--quiet"
              onClick={() => void send({ type: 'sign-out' }).catch((e: Error) => setError(e.message))}
            >
              Sign out of this browser
            </button>
          </div>
        </section>
      )}
      <SiteSwitches />
    </PageShell>
  );
}
