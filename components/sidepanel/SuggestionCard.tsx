import { useState } from 'react';
import { NETWORK_LABEL, type Network } from '@/lib/contract/common';
import type { LibraryItem } from '@/lib/contract/hub-content';
import { formatNumber } from '@/lib/format';
import { send } from '@/lib/messaging/send';
import type { PostLimits } from '@/lib/networks/post-length';
import { nearLimitCounter, publishedKey } from '@/lib/suggestions/card';

/** One network's text of the post: its label first, then the text, then its share action. */
function Variant({
  item,
  network,
  primary,
  shared,
  busy,
  limits,
  onShare,
}: {
  item: LibraryItem;
  network: Network;
  primary: boolean;
  shared: boolean;
  busy: boolean;
  limits: PostLimits;
  onShare(network: Network): void;
}) {
  const text = item.variants[network]?.text ?? '';
  const counter = nearLimitCounter(text, network, limits);
  const label = NETWORK_LABEL[network];
  return (
    <section
      className={`variant ${primary ? 'variant--primary' : 'variant--secondary'}`}
      data-testid="suggestion-variant"
      data-network={network}
      aria-label={`${label}: ${item.title}`}
    >
      <div className="variant__head">
        <h3 className="variant__label" data-testid="variant-label">
          {label}
        </h3>
        {shared && (
          <span className="pill pill--done" data-testid="shared-pill">
            Shared
          </span>
        )}
        {counter && (
          <span className={`counter ${counter.over ? 'counter--over' : ''}`} data-testid="length-counter">
            {formatNumber(counter.used)} / {formatNumber(counter.limit)}
            <span className="visually-hidden"> characters{counter.over ? ', too long' : ''}</span>
          </span>
        )}
      </div>
      <p className="variant__text" data-testid="variant-text">
        {text}
      </p>
      <button
        type="button"
        className={primary ? 'button' : 'link-button'}
        data-testid={primary ? 'share-primary' : 'share-secondary'}
        disabled={busy}
        onClick={() => onShare(network)}
      >
        Share on {label}
      </button>
    </section>
  );
}

/**
 * An approved post: one block per network (label, text, share), the site the member is on first with the only
 * primary action; "Shared" on a network once the member published the post there.
 */
export function SuggestionCard({
  item,
  networks,
  published,
  limits,
}: {
  item: LibraryItem;
  /** The networks to show, the primary one first. */
  networks: Network[];
  published: ReadonlySet<string>;
  /** The longest post the member's accounts take, per network (`memberPostLimits`). */
  limits: PostLimits;
}) {
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
      {networks.map((network, index) => (
        <Variant
          key={network}
          item={item}
          network={network}
          primary={index === 0}
          shared={published.has(publishedKey(item.id, network))}
          busy={busy}
          limits={limits}
          onShare={(chosen) => void share(chosen)}
        />
      ))}
      {item.tags.length > 0 && (
        <p className="suggestion__meta">
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
