import { composeShareText } from '@/lib/background/share-text';
import type { Network } from '@/lib/contract/common';
import { RenderableUrlSchema, SlugSchema } from '@/lib/contract/hub-common';
import { type ContentItem, type CreateContentRequest, HashtagSchema } from '@/lib/contract/hub-content';
import { trackedDestination } from '@/lib/contract/utm';

/** What the content editor holds: strings as typed, turned into a request only when saved. */
export interface ContentForm {
  title: string;
  url: string;
  linkedin: string;
  x: string;
  hashtags: string;
  tags: string;
  businessUnitIds: string[];
  locale: string;
  /** `datetime-local` values (local time), empty when unset. */
  startsAt: string;
  expiresAt: string;
}

export const EMPTY_FORM: ContentForm = {
  title: '',
  url: '',
  linkedin: '',
  x: '',
  hashtags: '',
  tags: '',
  businessUnitIds: [],
  locale: 'en',
  startsAt: '',
  expiresAt: '',
};

/** "a, #b c a" → ["a", "b", "c"]: each once, in the order typed. */
export function splitList(value: string): string[] {
  const parts = value
    .split(/[\s,]+/)
    .map((part) => part.replace(/^#+/, '').trim())
    .filter(Boolean);
  return [...new Set(parts)];
}

/** `2026-11-23T17:30` (local) ↔ ISO instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function formOf(item: ContentItem): ContentForm {
  return {
    title: item.title,
    url: item.url ?? '',
    linkedin: item.variants.linkedin?.text ?? '',
    x: item.variants.x?.text ?? '',
    hashtags: item.hashtags.map((h) => `#${h}`).join(' '),
    tags: item.tags.join(', '),
    businessUnitIds: item.businessUnitIds,
    locale: item.locale,
    startsAt: toLocalInput(item.startsAt),
    expiresAt: toLocalInput(item.expiresAt),
  };
}

/** Problems the console can name before asking the hub, keyed like the hub's error paths (`body.url`). */
export function localProblems(form: ContentForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.title.trim()) problems['body.title'] = 'Give the post a title (advocates see it in their list).';
  if (!form.linkedin.trim() && !form.x.trim()) {
    problems['body.variants'] = 'Write the text for LinkedIn, X or both.';
  }
  if (form.url.trim() && !RenderableUrlSchema.safeParse(form.url.trim()).success) {
    problems['body.url'] = 'Use a full https:// address.';
  }
  const badTag = splitList(form.hashtags).find((h) => !HashtagSchema.safeParse(h).success);
  if (badTag) problems['body.hashtags'] = `“${badTag}” is not a hashtag: letters, digits and _ only.`;
  const badLabel = splitList(form.tags).find((t) => !SlugSchema.safeParse(t).success);
  if (badLabel) problems['body.tags'] = `“${badLabel}” is not a tag: letters, digits and . _ : - only.`;
  if (form.startsAt && form.expiresAt && form.expiresAt <= form.startsAt) {
    problems['body.expiresAt'] = 'The post must expire after it starts.';
  }
  return problems;
}

export function requestOf(form: ContentForm): CreateContentRequest {
  const variants: CreateContentRequest['variants'] = {};
  if (form.linkedin.trim()) variants.linkedin = { text: form.linkedin.trim() };
  if (form.x.trim()) variants.x = { text: form.x.trim() };
  return {
    title: form.title.trim(),
    ...(form.url.trim() ? { url: form.url.trim() } : {}),
    variants,
    hashtags: splitList(form.hashtags),
    tags: splitList(form.tags),
    businessUnitIds: form.businessUnitIds,
    locale: form.locale.trim() || 'en',
    startsAt: fromLocalInput(form.startsAt),
    expiresAt: fromLocalInput(form.expiresAt),
  };
}

/** The tracked link's destination, exactly as the hub will build it; null while the URL is not valid. */
export function utmPreview(url: string, network: Network, contentId: string): string | null {
  try {
    return trackedDestination(url, network, contentId);
  } catch {
    return null;
  }
}

/** The post as an advocate's Share puts it in the composer: text, the tracked link, hashtags the text lacks. */
export function shareTextOf(form: ContentForm, network: Network, trackedLink: string | null): string {
  const text = network === 'linkedin' ? form.linkedin : form.x;
  if (!text.trim()) return '';
  return composeShareText(text, form.url.trim() ? trackedLink : null, splitList(form.hashtags));
}
