import { useState } from 'react';
import { LeaderboardSwitch } from '@/components/ui/LeaderboardSwitch';
import { ErrorNote, PageShell } from '@/components/ui/PageShell';
import { SyncStatus } from '@/components/ui/SyncStatus';
import { useManagedSettings } from '@/components/ui/use-managed-settings';
import { useSpokeState } from '@/components/ui/use-spoke-state';
import { NetworkSchema } from '@/lib/contract/common';
import { formatDate } from '@/lib/format';
import { send } from '@/lib/messaging/send';
import { siteLock } from '@/lib/settings/site-rules';
import { collectExport } from '@/lib/sync/export-file';
import { type ConnectStart, connectStart, hubAllowed, pinnedHub, pinnedHubMessage } from '@/lib/sync/join-link';
import { OrganisationSettings, SetByOrganisation } from './Managed';
import { ConsentForm, EnrolForm, joinLinkParams } from './Onboarding';
import { SiteSwitches } from './SiteSwitches';
import { SignInAgain, SsoSignInForm } from './SsoSignIn';
import { Welcome } from './Welcome';
import { XAccountSetting } from './XAccountSetting';

export interface OptionsPageProps {
  search: string;
  version: string;
  onOpenSidePanel(): void;
}

/** Saves the hub's export as a file the member keeps. */
function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Download my data" and "Delete me", with a confirm step that says in plain words what is erased. */
function YourData({ onErased }: { onErased(): void }) {
  const [busy, setBusy] = useState<'export' | 'delete' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async () => {
    setBusy('export');
    setError(null);
    setDone(null);
    try {
      const file = await collectExport(async (cursor) => (await send({ type: 'export-my-data', cursor })).page);
      const name = `spoke-my-data-${new Date().toISOString().slice(0, 10)}.json`;
      saveFile(file, name);
      setDone(`Saved ${name} to your downloads.`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  };
  const erase = async () => {
    setBusy('delete');
    setError(null);
    try {
      await send({ type: 'delete-me' });
      onErased();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p className="hint">Download everything the hub holds about you, or erase it.</p>
      <div className="actions">
        <button type="button" className="button button--quiet" disabled={busy !== null} onClick={() => void download()}>
          {busy === 'export' ? 'Preparing…' : 'Download my data'}
        </button>
        {!confirming && (
          <button
            type="button"
            className="button button--quiet button--danger"
            disabled={busy !== null}
            onClick={() => setConfirming(true)}
          >
            Delete me
          </button>
        )}
      </div>
      {done && (
        <p className="hint" role="status">
          {done}
        </p>
      )}
      {confirming && (
        <section className="confirm" aria-labelledby="confirm-title">
          <h3 id="confirm-title">Delete everything about you?</h3>
          <ul className="list">
            <li>
              The hub erases your name, your devices, your tracked links and their clicks, and every share and view it
              counted for you.
            </li>
            <li>This browser forgets your connection and anything still waiting to be sent.</li>
            <li>Your posts on LinkedIn and X stay where they are. This can’t be undone.</li>
          </ul>
          <div className="actions">
            <button
              type="button"
              className="button button--danger"
              disabled={busy !== null}
              onClick={() => void erase()}
            >
              {busy === 'delete' ? 'Deleting…' : 'Yes, delete everything'}
            </button>
            <button
              type="button"
              className="button button--quiet"
              disabled={busy !== null}
              onClick={() => setConfirming(false)}
            >
              Keep my data
            </button>
          </div>
        </section>
      )}
      <ErrorNote error={error} />
    </section>
  );
}

/**
 * The connect form, started afresh when the organisation's settings change what it starts with (a policy can arrive
 * or change while the page is open: the form takes its values once).
 */
function ConnectForm({ start }: { start: ConnectStart }) {
  return <EnrolForm key={`${start.hubPinned}|${start.hub}|${start.refusal ?? ''}`} initial={start} />;
}

/**
 * Hub address, enrolment, consent, the first run, sync, your data, per-site switches, sign out; and what the
 * organisation set through browser management, shown as such and never offered for change.
 */
export function OptionsPage({ search, version, onOpenSidePanel }: OptionsPageProps) {
  const state = useSpokeState();
  const managed = useManagedSettings();
  const [error, setError] = useState<string | null>(null);
  const [erased, setErased] = useState(false);
  // The connect form takes the organisation's settings as it opens: wait for both.
  if (!state || !managed) return null;
  const { enrolment, consent, sync } = state;
  const coe = enrolment?.me.role === 'coe';
  const pinned = pinnedHub(managed);
  return (
    <PageShell title="Spoke settings" subtitle="Your company, your consent, your sites" variant="wide">
      {!enrolment && erased && (
        <p className="note" role="status">
          Done: the hub erased your data and this browser forgot it. You can connect again any time.
        </p>
      )}
      {!enrolment && managed.signInMode !== 'invite' && (
        <SsoSignInForm
          // A join link to another hub is refused once: here only when the invite form is not shown.
          start={{
            ...connectStart(joinLinkParams(search), managed),
            ...(managed.signInMode !== 'sso' && { refusal: undefined }),
          }}
          organisation={new URLSearchParams(search).get('org') ?? ''}
          setByOrganisation={managed.signInMode === 'sso'}
        />
      )}
      {!enrolment && managed.signInMode !== 'sso' && (
        <ConnectForm start={connectStart(joinLinkParams(search), managed)} />
      )}
      {enrolment && !consent && <ConsentForm organisation={enrolment.me.organisation.name} />}
      {enrolment && consent && !state.welcomeDismissedAt && (
        <Welcome
          coe={coe}
          sites={NetworkSchema.options.filter((network) => siteLock(managed, network) !== 'off')}
          onOpenSidePanel={onOpenSidePanel}
        />
      )}
      {enrolment && consent && (
        <section className="card" aria-labelledby="account-title">
          <h2 id="account-title">Connected to {enrolment.me.organisation.name}</h2>
          <ul className="facts">
            <li>
              {enrolment.me.displayName} · {enrolment.me.businessUnit.name} · {coe ? 'CoE' : 'Advocate'} · since{' '}
              {formatDate(enrolment.me.createdAt)}
            </li>
            <li>
              Hub: {enrolment.hubUrl} {pinned === enrolment.hubUrl && <SetByOrganisation />}
            </li>
          </ul>
          {pinned !== null && !hubAllowed(enrolment.hubUrl, managed) && (
            <p className="error">
              {pinnedHubMessage(pinned)} This browser is connected to another one: sign out, then connect to {pinned}.
            </p>
          )}
          <SyncStatus sync={sync} pending={state.pending} />
          {sync.lastErrorKind === 'sign-in' && <SignInAgain enrolment={enrolment} />}
          <LeaderboardSwitch optedIn={consent.leaderboardOptIn} />
          <div className="actions">
            <a className="button button--quiet" href="reach.html" target="_blank" rel="noreferrer">
              Open My reach
            </a>
            {coe && (
              <a className="button button--quiet" href="coe.html" target="_blank" rel="noreferrer">
                Open the CoE console
              </a>
            )}
          </div>
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
      {enrolment && consent && <YourData onErased={() => setErased(true)} />}
      <OrganisationSettings managed={managed} />
      <SiteSwitches managed={managed} />
      <XAccountSetting />
      <footer className="page__footer">Spoke {version}</footer>
    </PageShell>
  );
}
