import { type KeyboardEvent, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { PageShell } from '@/components/ui/PageShell';
import { SyncNote } from '@/components/ui/SyncNote';
import { useSpokeState } from '@/components/ui/use-spoke-state';
import { currentWebTab, networkOfUrl } from '@/lib/browser/web-tab';
import { NETWORK_LABEL, type Network } from '@/lib/contract/common';
import { ReachDashboard } from '../reach/ReachDashboard';
import { SuggestionsView } from '../sidepanel/SuggestionsView';

/** The network of the active tab, following tab switches and navigation. */
function useActiveNetwork(): Network | null {
  const [network, setNetwork] = useState<Network | null>(null);
  useEffect(() => {
    const refresh = () =>
      void browser.tabs
        .getCurrent()
        .then((self) => currentWebTab(self?.id))
        .then((tab) => setNetwork(networkOfUrl(tab?.url)))
        .catch(() => setNetwork(null));
    refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(refresh);
    return () => {
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(refresh);
    };
  }, []);
  return network;
}

type PanelTab = 'suggestions' | 'reach';
const TABS: Array<{ id: PanelTab; label: string }> = [
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'reach', label: 'My reach' },
];

/** The side panel: approved content to share, and the member's own reach, as two tabs. */
export function SidePanelPage() {
  const network = useActiveNetwork();
  const state = useSpokeState();
  const [tab, setTab] = useState<PanelTab>('suggestions');
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const next = tab === 'suggestions' ? 'reach' : 'suggestions';
    setTab(next);
    document.getElementById(`panel-tab-${next}`)?.focus();
  };
  const subtitle =
    tab === 'reach'
      ? 'Your shares, clicks and views'
      : network
        ? `Approved content for ${NETWORK_LABEL[network]}`
        : 'Approved content for LinkedIn and X';
  return (
    <PageShell title={tab === 'reach' ? 'My reach' : 'Suggestions'} subtitle={subtitle}>
      {state?.enrolment && <SyncNote sync={state.sync} pending={state.pending} />}
      <div className="tabs" role="tablist" aria-label="Side panel" onKeyDown={onKeyDown}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            id={`panel-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`panel-tab-${tab}`}>
        {tab === 'suggestions' ? (
          <SuggestionsView network={network} />
        ) : (
          <>
            <ReachDashboard compact />
            <p className="hint">
              <a href={browser.runtime.getURL('/reach.html')} target="_blank" rel="noreferrer">
                Open my reach on a full page
              </a>
            </p>
          </>
        )}
      </div>
    </PageShell>
  );
}
