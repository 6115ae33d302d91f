import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/PageShell';
import { useSpokeState } from '@/components/ui/use-spoke-state';
import type { Network } from '@/lib/contract/common';
import { db } from '@/lib/db';
import { send } from '@/lib/messaging/send';
import { memberPostLimits } from '@/lib/networks/post-length';
import { xPremiumItem } from '@/lib/settings/x-account';
import { cardNetworks, publishedKeys } from '@/lib/suggestions/card';
import { rankSuggestions } from '@/lib/suggestions/rank';
import { SuggestionCard } from './SuggestionCard';

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

const NO_KEYS: ReadonlySet<string> = new Set();

/** "contentId:network" of every item the member published, live from the extension database. */
function usePublished(): ReadonlySet<string> {
  return useLiveQuery(
    async () => {
      const [shares, outbox, reach, report] = await Promise.all([
        db.shares.toArray(),
        db.outbox.toArray(),
        db.reach.toArray(),
        db.getSetting('reach'),
      ]);
      return publishedKeys({ shares, outbox, reach, reportPosts: report?.report.posts ?? [] });
    },
    [],
    NO_KEYS,
  );
}

/** The longest post the member's accounts take: X's follows their X Premium setting, live. */
function useMemberPostLimits() {
  const [xPremium, setXPremium] = useState(false);
  useEffect(() => {
    void xPremiumItem.getValue().then(setXPremium);
    return xPremiumItem.watch(setXPremium);
  }, []);
  return useMemo(() => memberPostLimits(xPremium), [xPremium]);
}

/** Approved content for the current site, ranked for this member; search and tags; one-click share. */
export function SuggestionsView({ network }: { network: Network | null }) {
  const state = useSpokeState();
  const items = useLiveQuery(() => db.library.toArray(), [], []);
  const shares = useLiveQuery(() => db.shares.toArray(), [], []);
  const published = usePublished();
  const composerText = useComposerText(network);
  const limits = useMemberPostLimits();
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

  // One suggestion_shown per page visit and network, with the count shown (after consent only: the outbox checks).
  const shownCount = Math.min(ranked.length, 100);
  const consented = state?.consent !== undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: report once per network visit, not per search keystroke
  useEffect(() => {
    if (network && shownCount > 0 && consented) {
      void send({ type: 'suggestions-shown', network, count: shownCount }).catch(() => undefined);
    }
  }, [network, consented]);

  if (state && !state.enrolment) {
    return (
      <EmptyState title="Nothing to suggest yet">
        Connect Spoke to your company's hub in Settings: posts approved by your social team then appear here, ready to
        share in one click.
      </EmptyState>
    );
  }
  if (!state) return null;
  return (
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
        <SuggestionCard
          key={item.id}
          item={item}
          networks={cardNetworks(item, network)}
          published={published}
          limits={limits}
        />
      ))}
    </>
  );
}
