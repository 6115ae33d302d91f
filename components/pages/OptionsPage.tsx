import { EmptyState, PageShell } from './PageShell';
import { SiteSwitches } from './SiteSwitches';

/** Hub address, enrolment, consent and per-site switches. */
export function OptionsPage() {
  return (
    <PageShell title="Spoke settings" subtitle="Your company, your consent, your sites" variant="wide">
      <EmptyState title="Enrolment is coming">
        You will connect to your company's hub here with the invite link your social team sends, and choose what Spoke
        may record. Nothing is recorded before you agree, and what you type is never sent anywhere.
      </EmptyState>
      <SiteSwitches />
    </PageShell>
  );
}
