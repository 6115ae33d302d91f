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
