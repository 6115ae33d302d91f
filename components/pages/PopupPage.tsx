import { EmptyState, PageShell } from './PageShell';

export interface PopupPageProps {
  version: string;
  onOpenSidePanel(): void;
  onOpenSettings(): void;
}

/** Status at a glance; the way into the side panel and settings. */
export function PopupPage({ version, onOpenSidePanel, onOpenSettings }: PopupPageProps) {
  return (
    <PageShell title="Spoke" subtitle={`Version ${version}`} variant="popup">
      <EmptyState title="Not connected to your company yet">
        Connect Spoke to your company's hub in Settings to get approved content to share. What you type stays on this
        device.
      </EmptyState>
      <div className="actions">
        <button type="button" className="button" onClick={onOpenSidePanel}>
          Open side panel
        </button>
        <button type="button" className="button button--quiet" onClick={onOpenSettings}>
          Settings
        </button>
      </div>
    </PageShell>
  );
}
