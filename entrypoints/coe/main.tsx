// Temporary shell (the console's shell replaces it): the Guidelines tab over the enrolled CoE member's hub.
import { useEffect, useState } from 'react';
import { GuidelinesScreen } from '@/components/coe/guidelines/GuidelinesScreen';
import { createHubPolicyApi } from '@/components/coe/guidelines/hub-policy-api';
import type { PolicyApi } from '@/components/coe/guidelines/policy-api';
import { EmptyState, PageShell } from '@/components/pages/PageShell';
import { renderPage } from '@/components/pages/render-page';
import { db } from '@/lib/db';

function Console() {
  const [api, setApi] = useState<PolicyApi | null | undefined>(undefined);
  const [tab, setTab] = useState<'guidelines' | null>(null);
  useEffect(() => {
    db.getSetting('enrolment').then((e) =>
      setApi(e && e.me.role === 'coe' ? createHubPolicyApi({ hubUrl: e.hubUrl, token: e.token }) : null),
    );
  }, []);
  return (
    <PageShell title="CoE console" subtitle="Content, guidelines and participation" variant="wide">
      {api === null && (
        <EmptyState title="Sign in as a CoE member">
          The console opens for members with the CoE role once Spoke is connected to your company's hub.
        </EmptyState>
      )}
      {api && (
        <>
          <div role="tablist" aria-label="Console sections">
            <button
              type="button"
              role="tab"
              aria-selected={tab === 'guidelines'}
              className="button button--quiet"
              onClick={() => setTab('guidelines')}
            >
              Guidelines
            </button>
          </div>
          {tab === 'guidelines' && (
            <div role="tabpanel" aria-label="Guidelines" style={{ marginTop: 12 }}>
              <GuidelinesScreen api={api} />
            </div>
          )}
        </>
      )}
    </PageShell>
  );
}

// Wider than the other pages: the guidelines screen has two columns.
const style = document.createElement('style');
style.textContent = '.page--wide { max-width: 1240px; }';
document.head.append(style);
renderPage(<Console />);
