import { EmptyState, PageShell } from './PageShell';

/** The console of the social Center of Excellence: content, guidelines, organisation, analytics. */
export function CoePage() {
  return (
    <PageShell title="CoE console" subtitle="Content, guidelines and participation" variant="wide">
      <EmptyState title="Sign in as a CoE member">
        The console opens for members with the CoE role once Spoke is connected to your company's hub.
      </EmptyState>
    </PageShell>
  );
}
