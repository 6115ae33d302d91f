import type { Browser } from 'wxt/browser';
import type { Network, PostKind } from '@/lib/contract/common';
import type { Me } from '@/lib/contract/hub-member';
import {
  type BackgroundRequest,
  BackgroundRequestSchema,
  type CheckResponse,
  type ComposerTextResponse,
  type MuteRuleResponse,
  type Ok,
  type PingResponse,
  type PostLinkedRequest,
  type PostPublishedRequest,
  type ReachPeriod,
  type ReachSeenRequest,
  type Refusal,
  type SuggestionCountResponse,
} from '@/lib/contract/messages';

type Sender = Browser.runtime.MessageSender;
export type BackgroundResponse =
  | PingResponse
  | CheckResponse
  | MuteRuleResponse
  | Ok
  | (Ok & { me: Me })
  | SuggestionCountResponse
  | ComposerTextResponse
  | Refusal;

/** What the router needs from the rest of the background; injected so tests can run it without a browser. */
export interface BackgroundServices {
  readonly id: string;
  readonly version: string;
  /** `runtime.getURL('/')`: the origin of Spoke's own pages (chrome-extension://<id>/, moz-extension://<uuid>/). */
  readonly pageOrigin: string;
  checkDraft(text: string, context: { network: Network; postKind: PostKind }): Promise<Omit<CheckResponse, 'ok'>>;
  /** Mutes an info rule for good; false when the rule is unknown or not an info rule. */
  muteRule(ruleId: string): Promise<boolean>;
  enroll(request: { hubUrl: string; inviteCode: string; displayName: string }): Promise<Me>;
  consent(leaderboardOptIn: boolean): Promise<void>;
  signOut(): Promise<void>;
  syncNow(): Promise<void>;
  /** `senderTabId`: the tab of the Spoke page asking, when it is open as a tab (never the target). */
  share(contentId: string, network: Network, senderTabId: number | undefined): Promise<void>;
  suggestionsShown(network: Network, count: number): Promise<void>;
  postPublished(request: PostPublishedRequest, tabId: number | undefined): Promise<void>;
  guidelineFeedback(network: Network, ruleId: string): Promise<void>;
  /** Approved posts the member may share on the network now (0 when not enrolled). */
  suggestionCount(network: Network): Promise<number>;
  openSidePanel(tabId: number): Promise<void>;
  /** What the current tab's post composer holds ('' when none), for ranking suggestions; never stored. */
  composerText(senderTabId: number | undefined): Promise<string>;
  /** Own posts a page shows with their counts: throttled into reach snapshots (after consent only). */
  reachSeen(request: ReachSeenRequest): Promise<void>;
  /** The site showed the id of the post just published in this tab. */
  postLinked(request: PostLinkedRequest, tabId: number | undefined): Promise<void>;
  /** Fetches the member's reach for the period into the extension database. */
  refreshReach(days: ReachPeriod): Promise<void>;
  /** Shows or hides the member's name on the leaderboard, at the hub first. */
  setLeaderboardOptIn(optIn: boolean): Promise<void>;
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

/** Spoke's own pages (options, popup, side panel): the only senders of privileged requests. */
function fromExtensionPage(sender: Sender, pageOrigin: string): boolean {
  return !!sender.url?.startsWith(pageOrigin);
}

/** Turns a thrown error into a sentence for the page; the sync layer's errors already are sentences. */
function refusalFrom(error: unknown): Refusal {
  return { ok: false, error: error instanceof Error && error.message ? error.message : 'Something went wrong.' };
}

/**
 * Answers one message to the background. Anything that does not parse, or that comes from another extension or
 * from a place not allowed to ask for it, is refused without acting on it: the content-script world is untrusted.
 */
export async function handleBackgroundMessage(
  raw: unknown,
  sender: Sender,
  services: BackgroundServices,
): Promise<BackgroundResponse> {
  if (sender.id !== services.id) return { ok: false, error: 'Messages are accepted from Spoke itself only.' };
  const parsed = BackgroundRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'Unknown or malformed message.' };
  try {
    return await answer(parsed.data, sender, services);
  } catch (error) {
    return refusalFrom(error);
  }
}

async function answer(request: BackgroundRequest, sender: Sender, services: BackgroundServices) {
  const ok: Ok = { ok: true };
  const page = fromExtensionPage(sender, services.pageOrigin);
  const site = fromComposerSite(sender);
  switch (request.type) {
    case 'ping':
      return { ok: true, version: services.version } satisfies PingResponse;
    case 'check': {
      if (!site) return refuse('Checks are answered for LinkedIn and X pages only.');
      const result = await services.checkDraft(request.text, { network: request.network, postKind: request.postKind });
      return { ok: true, ...result } satisfies CheckResponse;
    }
    case 'mute-rule': {
      if (!site) return refuse('Tips are muted from LinkedIn and X pages only.');
      const muted = await services.muteRule(request.ruleId);
      return muted ? ok : refuse('Only tips (info rules) can be muted.');
    }
    case 'post-published':
      if (!site) return refuse('Posts are reported from LinkedIn and X pages only.');
      await services.postPublished(request, sender.tab?.id);
      return ok;
    case 'guideline-feedback':
      if (!site) return refuse('Feedback on tips comes from LinkedIn and X pages only.');
      await services.guidelineFeedback(request.network, request.ruleId);
      return ok;
    case 'suggestion-count':
      if (!site) return refuse('Suggestions are counted for LinkedIn and X pages only.');
      return { ok: true, count: await services.suggestionCount(request.network) } satisfies SuggestionCountResponse;
    case 'open-side-panel':
      if (!site || sender.tab?.id === undefined) return refuse('The side panel opens from LinkedIn and X pages only.');
      await services.openSidePanel(sender.tab.id);
      return ok;
    case 'reach-seen':
      if (!site) return refuse('Reach is read on LinkedIn and X pages only.');
      await services.reachSeen(request);
      return ok;
    case 'post-linked':
      if (!site) return refuse('Published posts are reported from LinkedIn and X pages only.');
      await services.postLinked(request, sender.tab?.id);
      return ok;
    case 'reach-report':
      if (!page) return refuse('Only Spoke pages show your reach.');
      await services.refreshReach(request.days);
      return ok;
    case 'leaderboard-opt-in':
      if (!page) return refuse('The leaderboard is changed in Spoke pages only.');
      await services.setLeaderboardOptIn(request.optIn);
      return ok;
    case 'composer-text':
      if (!page) return refuse('Only Spoke pages may ask what the composer holds.');
      return { ok: true, text: await services.composerText(sender.tab?.id) } satisfies ComposerTextResponse;
    case 'enroll': {
      if (!page) return refuse('Enrolment happens in Spoke settings only.');
      const me = await services.enroll(request);
      return { ok: true as const, me };
    }
    case 'consent':
      if (!page) return refuse('Consent is given in Spoke settings only.');
      await services.consent(request.leaderboardOptIn);
      return ok;
    case 'sign-out':
      if (!page) return refuse('Signing out happens in Spoke settings only.');
      await services.signOut();
      return ok;
    case 'sync-now':
      if (!page) return refuse('Sync is started from Spoke pages only.');
      await services.syncNow();
      return ok;
    case 'share':
      if (!page) return refuse('Sharing starts from Spoke pages only.');
      await services.share(request.contentId, request.network, sender.tab?.id);
      return ok;
    case 'suggestions-shown':
      if (!page) return refuse('Suggestions are reported from Spoke pages only.');
      await services.suggestionsShown(request.network, request.count);
      return ok;
  }
}

function refuse(error: string): Refusal {
  return { ok: false, error };
}
