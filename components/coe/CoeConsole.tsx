import { useEffect, useMemo, useState } from 'react';
import { EmptyState, ErrorNote } from '@/components/ui/PageShell';
import { type TabDef, Tabs } from '@/components/ui/Tabs';
import { type AdminClient, createAdminClient } from '@/lib/coe/admin-client';
import { policyApiOf } from '@/lib/coe/policy-api';
import type { Enrolment } from '@/lib/db';
import { AnalyticsScreen } from './analytics/AnalyticsScreen';
import { ContentScreen } from './content/ContentScreen';
import { GuidelinesScreen } from './guidelines/GuidelinesScreen';
import { OrganisationScreen } from './organisation/OrganisationScreen';
import { useLoad } from './use-load';

type TabId = 'content' | 'guidelines' | 'organisation' | 'analytics';
const TABS: Array<TabDef<TabId>> = [
  { id: 'content', label: 'Content' },
  { id: 'guidelines', label: 'Guidelines' },
  { id: 'organisation', label: 'Organisation' },
  { id: 'analytics', label: 'Analytics' },
];

const tabOfHash = (): TabId => {
  const id = location.hash.slice(1);
  return TABS.some((t) => t.id === id) ? (id as TabId) : 'content';
};

/** The console for a CoE member: who is signed in, and the four screens as tabs (the tab is kept in the URL). */
export function CoeConsole({ enrolment, client: given }: { enrolment: Enrolment; client?: AdminClient }) {
  const client = useMemo(
    () => given ?? createAdminClient({ hubUrl: enrolment.hubUrl, token: enrolment.token }),
    [given, enrolment.hubUrl, enrolment.token],
  );
  const policyApi = useMemo(() => policyApiOf(client), [client]);
  const [tab, setTab] = useState<TabId>(tabOfHash);
  useEffect(() => {
    const onHash = () => setTab(tabOfHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const select = (id: TabId) => {
    setTab(id);
    history.replaceState(null, '', `#${id}`);
  };
  // The role as the hub sees it now (the copy on this device may be older than a change by another CoE member).
  const me = useLoad(() => client.me(), [client]);
  const units = useLoad(() => client.businessUnits(), [client]);
  const who = me.data ?? enrolment.me;

  if (me.data && me.data.role !== 'coe') {
    return (
      <EmptyState title="Your CoE role was removed">
        The hub now lists you as an advocate of {me.data.businessUnit.name}, so the console is closed. Ask a CoE member
        of {me.data.organisation.name} if this is a mistake.
      </EmptyState>
    );
  }
  return (
    <div className="coe">
      <p className="coe-who" data-testid="coe-who">
        Signed in as <strong>{who.displayName}</strong> · CoE · {who.businessUnit.name} · {who.organisation.name}
        <a className="coe-who__link" href="/options.html">
          Settings
        </a>
      </p>
      <ErrorNote error={me.error ?? null} />
      <Tabs label="CoE console" tabs={TABS} selected={tab} onSelect={select}>
        {tab === 'content' && <ContentScreen client={client} units={units.data ?? []} hubUrl={enrolment.hubUrl} />}
        {tab === 'guidelines' && <GuidelinesScreen api={policyApi} />}
        {tab === 'organisation' && (
          <OrganisationScreen
            client={client}
            meId={who.id}
            units={units.data}
            unitsError={units.error}
            onUnitsChanged={units.reload}
          />
        )}
        {tab === 'analytics' && <AnalyticsScreen client={client} units={units.data ?? []} />}
      </Tabs>
    </div>
  );
}
