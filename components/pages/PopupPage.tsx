import { EmptyState, PageShell } from '@/components/ui/PageShell';
import { relativeTime, useSpokeState } from '@/components/ui/use-spoke-state';
import { send } from '@/lib/messaging/send';

export interface PopupPageProps {
  version: string;
  onOpenSidePanel(): void;
  onOpenSettings(): void;
}

/** Status at a glance (connection, last sync, events waiting, errors in words); the way to the side panel. */
export function PopupPage({ version, onOpenSidePanel, onOpenSettings }: PopupPageProps) {
  const state = useSpokeState();
  const enrolment = state?.enrolment;
  return (
    <PageShell title="Spoke" subtitle={`Version ${version}`} variant="popup">
      {state && !enrolment && (
        <EmptyState title="Not connected to your company yet">
          Connect Spoke to your company's hub in Settings to get approved content to share. What you type stays on this
          device.
        </EmptyState>
      )}
      {state && enrolment && (
        <section aria-label="Status" data-testid="popup-status">
          <p className="status-line">
            <strong>{enrolment.me.organisation.name}</strong> · {enrolment.me.businessUnit.name}
          </p>
          {!state.consent && <p className="status-line">Finish setting up in Settings: nothing is recorded yet.</p>}
          <p className="status-line">
            {state.sync.lastSyncAt ? `Last synced ${relativeTime(state.sync.lastSyncAt)}` : 'Not synced yet'}
            {' · '}
            {state.pending === 0 ? 'nothing waiting to send' : `${state.pending} waiting to send`}
          </p>
          {state.sync.dropped > 0 && (
            <p className="status-line">{state.sync.dropped} old events were dropped after 30 days offline.</p>
          )}
          {state.sync.lastError && (
            <p className="error" role="status">
              {state.sync.lastError}
            </p>
          )}
        </section>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onOpenSidePanel}>
          Open side panel
        </button>
        {enrolment && (
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void send({ type: 'sync-now' }).catch(() => undefined)}
          >
            Sync now
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={onOpenSettings}>
          Settings
        </button>
      </div>
    </PageShell>
  );
}
