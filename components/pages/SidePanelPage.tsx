import { EmptyState, PageShell } from './PageShell';

/** Approved content for the current site and the advocate's reach; for now, how to get there. */
export function SidePanelPage() {
  return (
    <PageShell title="Suggestions" subtitle="Approved content for where you are">
      <EmptyState title="Nothing to suggest yet">
        Once Spoke is connected to your company's hub, posts approved by your social team appear here, ready to share in
        one click.
      </EmptyState>
    </PageShell>
  );
}
