import { EmptyState, PageShell } from '@/components/ui/PageShell';
import { SyncStatus } from '@/components/ui/SyncStatus';
import { useSpokeState } from '@/components/ui/use-spoke-state';

export interface PopupPageProps {
  onOpenSidePanel(): void;
  onOpenSettings(): void;
}

/** Status at a glance (connection, sync in words, updates waiting); the way to the side panel, reach and console. */
export function PopupPage({ onOpenSidePanel, onOpenSettings }: PopupPageProps) {
  const state = useSpokeState();
  const enrolment = state?.enrolment;
  return (
    <PageShell title="Spoke" subtitle="Approved posts and tips as you write" variant="popup">
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
          <SyncStatus sync={state.sync} pending={state.pending} />
        </section>
      )}
      <div className="actions">
        <button type="button" className="button" onClick={onOpenSidePanel}>
          Open side panel
        </button>
        {enrolment && state?.consent && (
          <a className="button button--quiet" href="reach.html" target="_blank" rel="noreferrer">
            My reach
          </a>
        )}
        {enrolment?.me.role === 'coe' && (
          <a className="button button--quiet" href="coe.html" target="_blank" rel="noreferrer">
            CoE console
          </a>
        )}
        <button type="button" className="button button--quiet" onClick={onOpenSettings}>
          Settings
        </button>
      </div>
    </PageShell>
  );
}
