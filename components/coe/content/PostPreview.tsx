import type { Network } from '@/lib/contract/common';

/** Text split into plain runs, links and hashtags, drawn as the network would (React text nodes only). */
function Rich({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+|#[\p{L}\p{N}_]+)/u);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one static string
          <span key={i} className="post__link">
            {part}
          </span>
        ) : part.startsWith('#') && part.length > 1 ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one static string
          <span key={i} className="post__tag">
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** The post as it would look in the feed once an advocate shares it unchanged. */
export function PostPreview({
  network,
  text,
  title,
  url,
}: {
  network: Network;
  text: string;
  title: string;
  url: string;
}) {
  if (!text) {
    return (
      <p className="hint" data-testid="post-preview">
        No {network === 'x' ? 'X' : 'LinkedIn'} text yet.
      </p>
    );
  }
  const host = hostOf(url);
  return (
    <div className={`post post--${network}`} data-testid="post-preview">
      <div className="post__author">
        <span className="post__avatar" aria-hidden="true">
          A
        </span>
        <span>
          <strong>An advocate</strong>
          <span className="post__handle">{network === 'x' ? '@advocate · now' : 'Your colleague · now'}</span>
        </span>
      </div>
      <p className="post__text">
        <Rich text={text} />
      </p>
      {host && (
        <div className="post__card">
          <span className="post__card-title">{title || host}</span>
          <span className="post__card-host">{host}</span>
        </div>
      )}
    </div>
  );
}
