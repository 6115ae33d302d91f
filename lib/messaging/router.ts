import type { Browser } from 'wxt/browser';
import type { Network, PostKind } from '@/lib/contract/common';
import {
  type BackgroundRequest,
  BackgroundRequestSchema,
  type CheckResponse,
  type MuteRuleResponse,
  type PingResponse,
  type Refusal,
} from '@/lib/contract/messages';

type Sender = Browser.runtime.MessageSender;
export type BackgroundResponse = PingResponse | CheckResponse | MuteRuleResponse | Refusal;

/** What the router needs from the rest of the background; injected so tests can run it without a browser. */
export interface BackgroundServices {
  readonly id: string;
  readonly version: string;
  checkDraft(text: string, context: { network: Network; postKind: PostKind }): Promise<Omit<CheckResponse, 'ok'>>;
  /** Mutes an info rule for good; false when the rule is unknown or not an info rule. */
  muteRule(ruleId: string): Promise<boolean>;
}

/** Sites whose content scripts may ask for checks; a message from any other page is refused. */
const COMPOSER_HOSTS = new Set(['www.linkedin.com', 'linkedin.com', 'x.com', 'twitter.com', 'mobile.twitter.com']);

function fromComposerSite(sender: Sender): boolean {
  if (!sender.tab || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'https:' && COMPOSER_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Answers one message to the background. Anything that does not parse, or that comes from another extension or
 * from a page Spoke does not run on, is refused without acting on it: the content-script world is untrusted.
 */
export async function handleBackgroundMessage(
  raw: unknown,
  sender: Sender,
  services: BackgroundServices,
): Promise<BackgroundResponse> {
  if (sender.id !== services.id) return { ok: false, error: 'Messages are accepted from Spoke itself only.' };
  const parsed = BackgroundRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'Unknown or malformed message.' };
  return answer(parsed.data, sender, services);
}

async function answer(request: BackgroundRequest, sender: Sender, services: BackgroundServices) {
  switch (request.type) {
    case 'ping':
      return { ok: true, version: services.version } satisfies PingResponse;
    case 'check': {
      if (!fromComposerSite(sender)) return refuse('Checks are answered for LinkedIn and X pages only.');
      const result = await services.checkDraft(request.text, { network: request.network, postKind: request.postKind });
      return { ok: true, ...result } satisfies CheckResponse;
    }
    case 'mute-rule': {
      if (!fromComposerSite(sender)) return refuse('Tips are muted from LinkedIn and X pages only.');
      const muted = await services.muteRule(request.ruleId);
      return muted ? ({ ok: true } satisfies MuteRuleResponse) : refuse('Only tips (info rules) can be muted.');
    }
  }
}

function refuse(error: string): Refusal {
  return { ok: false, error };
}
