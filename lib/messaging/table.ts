import type { z } from 'zod';
import {
  type BackgroundRequest,
  CheckRequestSchema,
  CheckResponseSchema,
  ComposerTextRequestSchema,
  ComposerTextResponseSchema,
  ConsentRequestSchema,
  CoverageSeenRequestSchema,
  DeleteMeRequestSchema,
  EnrollMessageResponseSchema,
  EnrollRequestMessageSchema,
  ExportMyDataRequestSchema,
  ExportMyDataResponseSchema,
  GuidelineFeedbackRequestSchema,
  LeaderboardOptInRequestSchema,
  MuteRuleRequestSchema,
  MuteRuleResponseSchema,
  OkSchema,
  OpenSidePanelRequestSchema,
  PingRequestSchema,
  PingResponseSchema,
  PostLinkedRequestSchema,
  PostPublishedRequestSchema,
  ReachReportRequestSchema,
  ReachSeenRequestSchema,
  ShareRequestSchema,
  SignOutRequestSchema,
  SsoSignInRequestSchema,
  SuggestionCountRequestSchema,
  SuggestionCountResponseSchema,
  SuggestionsShownRequestSchema,
  SyncNowRequestSchema,
} from '@/lib/contract/messages';
import type { BackgroundServices } from './background-services';
import { MessageError } from './error';

/**
 * Where a message may come from. `composer-site`: a content script in a tab of a site Spoke works on
 * (lib/sites/hosts.ts). `spoke-page`: Spoke's own pages (options, popup, side panel, console). `any`: either.
 */
export type AllowedFrom = 'composer-site' | 'spoke-page' | 'any';

/** What a handler knows about the sender beyond its request: the tab it was sent from, if any. */
interface HandlerContext {
  readonly services: BackgroundServices;
  readonly tabId: number | undefined;
}

export interface MessageDefinition<Request extends z.ZodType, Response extends z.ZodType> {
  /** The request's schema; its `type` literal is the entry's key. */
  readonly request: Request;
  /** The answer when it succeeds (a refusal is `RefusalSchema`, for every message). */
  readonly response: Response;
  readonly allowedFrom: AllowedFrom;
  /**
   * True when a successful answer means participation events were added to the outbox (lib/sync/outbox.ts):
   * the background then flushes soon instead of waiting for the next scheduled sync.
   */
  readonly recordsEvents: boolean;
  /** Acts on a parsed request from an allowed sender. Throws `MessageError('refused', …)` to refuse on its merits. */
  handler(request: z.output<Request>, context: HandlerContext): Promise<z.input<Response>>;
}

const message = <Request extends z.ZodType, Response extends z.ZodType>(
  definition: MessageDefinition<Request, Response>,
) => definition;

const ok = { ok: true } as const;

/**
 * Every message the background answers, by `type`: what it takes, what it answers, from where, whether it records
 * events, and what it does. The router (./router.ts) runs this table; `send()` (./send.ts) is typed from it.
 * Background only: the schemas bring zod, which content scripts keep out of their bundle (they import types only).
 */
export const BACKGROUND_MESSAGES = {
  ping: message({
    request: PingRequestSchema,
    response: PingResponseSchema,
    allowedFrom: 'any',
    recordsEvents: false,
    handler: async (_, { services }) => ({ ...ok, version: services.version }),
  }),

  // From the sites' content scripts.
  check: message({
    request: CheckRequestSchema,
    response: CheckResponseSchema,
    allowedFrom: 'composer-site',
    recordsEvents: false,
    handler: async ({ text, network, postKind }, { services, tabId }) => ({
      ...ok,
      ...(await services.checkDraft(text, { network, postKind }, { tabId })),
    }),
  }),
  'mute-rule': message({
    request: MuteRuleRequestSchema,
    response: MuteRuleResponseSchema,
    allowedFrom: 'composer-site',
    recordsEvents: false,
    async handler({ ruleId }, { services }) {
      if (!(await services.muteRule(ruleId))) throw new MessageError('refused', 'Only tips (info rules) can be muted.');
      return ok;
    },
  }),
  'post-published': message({
    request: PostPublishedRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: true,
    async handler(request, { services, tabId }) {
      await services.postPublished(request, tabId);
      return ok;
    },
  }),
  'guideline-feedback': message({
    request: GuidelineFeedbackRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: true,
    async handler({ network, ruleId }, { services }) {
      await services.guidelineFeedback(network, ruleId);
      return ok;
    },
  }),
  'suggestion-count': message({
    request: SuggestionCountRequestSchema,
    response: SuggestionCountResponseSchema,
    allowedFrom: 'composer-site',
    recordsEvents: false,
    handler: async ({ network }, { services }) => ({ ...ok, count: await services.suggestionCount(network) }),
  }),
  'open-side-panel': message({
    request: OpenSidePanelRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: false,
    async handler(_, { services, tabId }) {
      if (tabId === undefined) throw new MessageError('wrong-context', 'The side panel opens from a tab only.');
      await services.openSidePanel(tabId);
      return ok;
    },
  }),
  'reach-seen': message({
    request: ReachSeenRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: true,
    async handler(request, { services }) {
      await services.reachSeen(request);
      return ok;
    },
  }),
  'post-linked': message({
    request: PostLinkedRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: true,
    async handler(request, { services, tabId }) {
      await services.postLinked(request, tabId);
      return ok;
    },
  }),
  'coverage-seen': message({
    request: CoverageSeenRequestSchema,
    response: OkSchema,
    allowedFrom: 'composer-site',
    recordsEvents: true,
    async handler(request, { services }) {
      await services.coverageSeen(request);
      return ok;
    },
  }),

  // From Spoke's own pages.
  'reach-report': message({
    request: ReachReportRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    async handler({ days }, { services }) {
      await services.refreshReach(days);
      return ok;
    },
  }),
  'leaderboard-opt-in': message({
    request: LeaderboardOptInRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    async handler({ optIn }, { services }) {
      await services.setLeaderboardOptIn(optIn);
      return ok;
    },
  }),
  'composer-text': message({
    request: ComposerTextRequestSchema,
    response: ComposerTextResponseSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    handler: async (_, { services, tabId }) => ({ ...ok, text: await services.composerText(tabId) }),
  }),
  enroll: message({
    request: EnrollRequestMessageSchema,
    response: EnrollMessageResponseSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    handler: async ({ hubUrl, inviteCode, displayName }, { services }) => ({
      ...ok,
      me: await services.enroll({ hubUrl, inviteCode, displayName }),
    }),
  }),
  'sso-sign-in': message({
    request: SsoSignInRequestSchema,
    response: EnrollMessageResponseSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    handler: async ({ hubUrl, organisation }, { services }) => ({
      ...ok,
      me: await services.signInWithOrganisation({ hubUrl, organisation }),
    }),
  }),
  consent: message({
    request: ConsentRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: true,
    async handler({ leaderboardOptIn }, { services }) {
      await services.consent(leaderboardOptIn);
      return ok;
    },
  }),
  'sign-out': message({
    request: SignOutRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    async handler(_, { services }) {
      await services.signOut();
      return ok;
    },
  }),
  'export-my-data': message({
    request: ExportMyDataRequestSchema,
    response: ExportMyDataResponseSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    handler: async ({ cursor }, { services }) => ({ ...ok, page: await services.exportMyData(cursor) }),
  }),
  'delete-me': message({
    request: DeleteMeRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    async handler(_, { services }) {
      await services.deleteMe();
      return ok;
    },
  }),
  'sync-now': message({
    request: SyncNowRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: false,
    async handler(_, { services }) {
      await services.syncNow();
      return ok;
    },
  }),
  share: message({
    request: ShareRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: true,
    async handler({ contentId, network }, { services, tabId }) {
      await services.share(contentId, network, tabId);
      return ok;
    },
  }),
  'suggestions-shown': message({
    request: SuggestionsShownRequestSchema,
    response: OkSchema,
    allowedFrom: 'spoke-page',
    recordsEvents: true,
    async handler({ network, count }, { services }) {
      await services.suggestionsShown(network, count);
      return ok;
    },
  }),
} satisfies { [Type in BackgroundRequest['type']]: MessageDefinition<z.ZodType<{ type: Type }>, z.ZodType> };

type Table = typeof BACKGROUND_MESSAGES;

/** The `type` of every message the background answers. */
export type MessageType = keyof Table;
/** The request of one message type, as a sender writes it. */
export type RequestOf<Type extends MessageType> = z.input<Table[Type]['request']>;
/** The successful answer to one message type. */
export type ResponseOf<Type extends MessageType> = z.output<Table[Type]['response']>;
