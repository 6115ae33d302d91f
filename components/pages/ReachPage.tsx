import { PageShell } from '@/components/ui/PageShell';
import { ReachDashboard } from '../reach/ReachDashboard';

/** "My reach" on a full page (opened from the side panel). */
export function ReachPage() {
  return (
    <PageShell
      title="My reach"
      subtitle="Your shares, the clicks on your links and the views of your posts"
      variant="wide"
    >
      <ReachDashboard />
    </PageShell>
  );
}
