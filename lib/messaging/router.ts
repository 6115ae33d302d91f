import type { Browser } from 'wxt/browser';
import type { MessageErrorCode } from '@/lib/contract/errors';
import type { Refusal } from '@/lib/contract/messages';
import type { BackgroundServices } from './background-services';
import { MessageError } from './error';
import { fromComposerSite } from './senders';
import { type AllowedFrom, BACKGROUND_MESSAGES, type MessageType, type ResponseOf } from './table';

export type { BackgroundServices } from './background-services';

type Sender = Browser.runtime.MessageSender;
export type BackgroundResponse = ResponseOf<MessageType> | Refusal;

/** What the router tells the background besides the answer. */
export interface RouterHooks {
  /** A message that records participation events succeeded: flush the outbox soon. */
  eventsRecorded?(): void;
}

/** Whether the sender is one the message is taken from. The content-script world is untrusted. */
function allowed(from: AllowedFrom, sender: Sender, pageOrigin: string): boolean {
  if (from === 'any') return true;
  if (from === 'composer-site') return fromComposerSite(sender);
  // Spoke's own pages (options, popup, side panel): the only senders of privileged requests.
  return !!sender.url?.startsWith(pageOrigin);
}

const WRONG_CONTEXT: Record<Exclude<AllowedFrom, 'any'>, string> = {
  'composer-site': 'Spoke answers this for LinkedIn and X pages only.',
  'spoke-page': 'Spoke takes this from its own pages only.',
};

function refusal(code: MessageErrorCode, error: string, fields: Refusal['fields'] = []): Refusal {
  return fields.length > 0 ? { ok: false, code, error, fields } : { ok: false, code, error };
}

function entryFor(raw: unknown) {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === 'string' && Object.hasOwn(BACKGROUND_MESSAGES, type)
    ? BACKGROUND_MESSAGES[type as MessageType]
    : undefined;
}

/**
 * Answers one message to the background from the table in ./table.ts: one sender check, one parse, one error path.
 * Anything that does not parse, or that comes from another extension or from a place not allowed to ask for it, is
 * refused without acting on it. A failure becomes a sentence for the page (the sync layer's errors already are).
 */
export async function handleBackgroundMessage(
  raw: unknown,
  sender: Sender,
  services: BackgroundServices,
  hooks: RouterHooks = {},
): Promise<BackgroundResponse> {
  if (sender.id !== services.id) return refusal('foreign-sender', 'Messages are accepted from Spoke itself only.');
  const entry = entryFor(raw);
  const parsed = entry?.request.safeParse(raw);
  if (!entry || !parsed?.success) return refusal('malformed', 'Unknown or malformed message.');
  if (!allowed(entry.allowedFrom, sender, services.pageOrigin)) {
    return refusal('wrong-context', WRONG_CONTEXT[entry.allowedFrom as Exclude<AllowedFrom, 'any'>]);
  }
  try {
    // The entry's handler takes what the entry's own schema just parsed; TypeScript cannot pair them in a union.
    const handler = entry.handler as (request: unknown, context: object) => Promise<ResponseOf<MessageType>>;
    const answer = await handler(parsed.data, { services, tabId: sender.tab?.id });
    if (entry.recordsEvents) hooks.eventsRecorded?.();
    return answer;
  } catch (error) {
    if (error instanceof MessageError) return refusal(error.code, error.message, [...error.fields]);
    return refusal('failed', error instanceof Error && error.message ? error.message : 'Something went wrong.');
  }
}
