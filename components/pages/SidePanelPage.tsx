import { useLiveQuery } from 'dexie-react-hooks';
import { type KeyboardEvent, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { EmptyState, PageShell } from '@/components/ui/PageShell';
import { useSpokeState } from '@/components/ui/use-spoke-state';
import { currentWebTab, networkOfUrl } from '@/lib/browser/web-tab';
import { NETWORK_LABEL, type Network } from '@/lib/contract/common';
import type { LibraryItem } from '@/lib/contract/hub-content';
import { db } from '@/lib/db';
import { send } from '@/lib/messaging/send';
import { POST_LENGTH_LIMIT, postLength } from '@/lib/networks/post-length';
import { rankSuggestions } from '@/lib/suggestions/rank';
import { ReachDashboard } from '../reach/ReachDashboard';

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

/** What the current tab's composer holds, re-read when the member comes back to the panel; '' when none. */
function useComposerText(network: Network | null): string {
  const [text, setText] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the member switched site: read that tab's composer
  useEffect(() => {
    const read = () =>
      void send({ type: 'composer-text' })
        .then((answer) => setText(answer.text))
        .catch(() => setText(''));
    read();
    window.addEventListener('focus', read);
    return () => window.removeEventListener('focus', read);
  }, [network]);
  return text;
}

function counter(network: Network, text: string): { used: number; limit: number } {
  return { used: postLength(text, network), limit: POST_LENGTH_LIMIT[network] };
}

function Suggestion({ item, networks, shared }: { item: LibraryItem; networks: Network[]; shared: boolean }) {
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const share = async (network: Network) => {
    setBusy(true);
    setStatus(null);
    try {
      await send({ type: 'share', contentId: item.id, network });
      setStatus(`Added to your ${NETWORK_LABEL[network]} post. Make it yours, then post.`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="suggestion" data-testid="suggestion" aria-label={item.title}>
      <h2 className="suggestion__title">{item.title}</h2>
      {networks.map((network) => {
        const text = item.variants[network]?.text ?? '';
        const { used, limit } = counter(network, text);
        return (
          <div key={network} className="suggestion__variant">
            <p className="suggestion__text">{text}</p>
            <div className="suggestion__row">
              <span className={`counter ${used > limit ? 'counter--over' : ''}`}>
                {NETWORK_LABEL[network]} · {used}/{limit}
              </span>
              <button type="button" className="button" disabled={busy} onClick={() => void share(network)}>
                Share{networks.length > 1 ? ` on ${NETWORK_LABEL[network]}` : ''}
              </button>
            </div>
          </div>
        );
      })}
      {(item.tags.length > 0 || shared) && (
        <p className="suggestion__meta">
          {shared && <span className="pill">Shared before</span>}
          {item.tags.map((tag) => (
            <span key={tag} className="pill pill--quiet">
              {tag}
            </span>
          ))}
        </p>
      )}
      {status && (
        <p className="hint" role="status">
          {status}
        </p>
      )}
    </article>
  );
}

/** Approved content for the current site, ranked for this member; search and tags; one-click share. */
function SuggestionsView({ network }: { network: Network | null }) {
  const state = useSpokeState();
  const items = useLiveQuery(() => db.library.toArray(), [], []);
  const shares = useLiveQuery(() => db.shares.toArray(), [], []);
  const composerText = useComposerText(network);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  // Shares made while the panel is open don't re-rank the list: the item just shared stays where the member is.
  const [openedAt] = useState(() => Date.now());
  const me = state?.enrolment?.me;

  const ranked = useMemo(
    () =>
      rankSuggestions(items, {
        network,
        businessUnitId: me?.businessUnit.id ?? null,
        language: navigator.language,
        sharedIds: new Set(
          shares.filter((s) => s.at < openedAt && (!network || s.network === network)).map((s) => s.contentId),
        ),
        query,
        tag,
        now: Date.now(),
        composerText,
      }),
    [items, shares, network, me, query, tag, openedAt, composerText],
  );
  const tags = useMemo(() => [...new Set(items.flatMap((item) => item.tags))].sort(), [items]);
  const sharedIds = useMemo(() => new Set(shares.map((s) => s.contentId)), [shares]);

  // One suggestion_shown per page visit and network, with the count shown (after consent only: the outbox checks).
  const shownCount = Math.min(ranked.length, 100);
  const consented = state?.consent !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: report once per network visit, not per search keystroke
  useEffect(() => {
    if (network && shownCount > 0 && consented) {
      void send({ type: 'suggestions-shown', network, count: shownCount }).catch(() => undefined);
    }
  }, [network, consented]);

  return (
    <>
      {state && !state.enrolment && (
        <EmptyState title="Nothing to suggest yet">
          Connect Spoke to your company's hub in Settings: posts approved by your social team then appear here, ready to
          share in one click.
        </EmptyState>
      )}
      {state?.enrolment && (
        <>
          <input
            className="search"
            type="search"
            placeholder="Search approved posts"
            aria-label="Search approved posts"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          {tags.length > 0 && (
            <fieldset className="tags">
              <legend className="visually-hidden">Filter by tag</legend>
              {tags.map((t) => (
                <button
                  key={t}
                  type="button"
                  className={`pill pill--button ${tag === t ? 'pill--on' : ''}`}
                  aria-pressed={tag === t}
                  onClick={() => setTag(tag === t ? null : t)}
                >
                  {t}
                </button>
              ))}
            </fieldset>
          )}
          {ranked.length === 0 && (
            <EmptyState title={items.length === 0 ? 'Your library is empty' : 'No match'}>
              {items.length === 0
                ? 'Your social team has not published anything for you yet. Spoke checks for new posts every 15 minutes.'
                : 'Try another word or tag.'}
            </EmptyState>
          )}
          {ranked.map((item) => (
            <Suggestion
              key={item.id}
              item={item}
              networks={network ? [network] : (['linkedin', 'x'] as Network[]).filter((n) => item.variants[n])}
              shared={sharedIds.has(item.id)}
            />
          ))}
        </>
      )}
    </>
  );
}

type PanelTab = 'suggestions' | 'reach';
const TABS: Array<{ id: PanelTab; label: string }> = [
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'reach', label: 'My reach' },
];

/** The side panel: approved content to share, and the member's own reach, as two tabs. */
export function SidePanelPage() {
  const network = useActiveNetwork();
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
