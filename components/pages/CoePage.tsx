import { CoeConsole } from '../coe/CoeConsole';
import '../coe/coe.css';
import { EmptyState, PageShell } from '@/components/ui/PageShell';
import { useSpokeState } from '@/components/ui/use-spoke-state';

/** The console of the social Center of Excellence: content, guidelines, organisation, analytics. */
export function CoePage() {
  const state = useSpokeState();
  const enrolment = state?.enrolment;
  return (
    <PageShell title="CoE console" subtitle="Content, guidelines, organisation and participation" variant="wide">
      {state === undefined ? (
        <p className="hint" role="status">
          Loading…
        </p>
      ) : !enrolment ? (
        <EmptyState title="Connect this browser to your company's hub first">
          The console is for your company's Center of Excellence (CoE). Open{' '}
          <a href="/options.html">Spoke's settings</a> and connect with the hub address and a CoE invite code from your
          social media team; then come back here.
        </EmptyState>
      ) : enrolment.me.role !== 'coe' ? (
        <EmptyState title="This console is for the Center of Excellence">
          You are signed in as {enrolment.me.displayName}, an advocate of {enrolment.me.businessUnit.name} at{' '}
          {enrolment.me.organisation.name}. Approved posts and your reach are in Spoke's side panel. If you run the
          programme, ask a CoE member for a CoE invite and connect with it in <a href="/options.html">the settings</a>.
        </EmptyState>
      ) : (
        <CoeConsole enrolment={enrolment} />
      )}
    </PageShell>
  );
}
