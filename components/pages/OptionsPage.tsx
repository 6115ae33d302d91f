import { EmptyState, PageShell } from './PageShell';

/** Hub address, enrolment, consent and per-site switches will live here. */
export function OptionsPage() {
  return (
    <PageShell title="Spoke settings" subtitle="Your company, your consent, your sites" variant="wide">
      <EmptyState title="Enrolment is coming">
        You will connect to your company's hub here with the invite link your social team sends, and choose what Spoke
        may record. Nothing is recorded before you agree, and what you type is never sent anywhere.
      </EmptyState>
      <ul className="facts">
        <li>Works on: linkedin.com, x.com, twitter.com</li>
      </ul>
    </PageShell>
  );
}
