import type { Network } from '@/lib/contract/common';

/** The destination with Spoke's UTM parameters, for sharing while the hub can't hand out a tracked link. */
export function withUtm(url: string, network: Network): string {
  const parsed = new URL(url);
  const set = (key: string, value: string) => {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, value);
  };
  set('utm_source', network);
  set('utm_medium', 'social');
  set('utm_campaign', 'spoke');
  return parsed.toString();
}

/** The post as it goes into the composer: the approved text, the link, and hashtags the text lacks. */
export function composeShareText(text: string, link: string | null, hashtags: readonly string[]): string {
  const body = text.trim();
  const lower = body.toLowerCase();
  const missing = hashtags
    .map((tag) => (tag.startsWith('#') ? tag : `#${tag}`))
    .filter((tag) => !lower.includes(tag.toLowerCase()));
  const parts = [body];
  if (link && !body.includes(link)) parts.push(link);
  const joined = parts.join('\n\n');
  return missing.length ? `${joined}\n\n${missing.join(' ')}` : joined;
}
