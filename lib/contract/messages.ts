import { z } from 'zod';
import { NetworkSchema, PostKindSchema } from './common';
import { MessageErrorCodeSchema } from './errors';
import { FindingSchema } from './findings';
import { CoverageKindSchema, CoverageSurfaceSchema } from './hub-events';
import { ExportCursorSchema, MeExportPageSchema, MeSchema } from './hub-member';
import { SitePackVersionSchema } from './site-pack';

/**
 * Messages sent to the background service worker over `runtime.sendMessage`. The content-script world is
 * untrusted: the background parses every message with these schemas and checks the sender before acting
 * (lib/messaging/table.ts pairs each request with its response, the senders it is taken from and its handler).
 * The draft text of a `check` stays inside the browser: the background checks it in memory, never stores, logs or
 * sends it.
 */

/** Longest text Spoke checks; a composer holding more is left alone (LinkedIn allows 3,000, X Premium 25,000). */
export const MAX_CHECK_LENGTH = 100_000;

export const PingRequestSchema = z.object({ type: z.literal('ping') }).strict();

export const CheckRequestSchema = z
  .object({
    type: z.literal('check'),
    text: z.string().max(MAX_CHECK_LENGTH),
    network: NetworkSchema,
    postKind: PostKindSchema,
  })
  .strict();

/** "Don't show this tip again": only for rules of severity info; the background refuses others. */
export const MuteRuleRequestSchema = z
  .object({ type: z.literal('mute-rule'), ruleId: z.string().min(1).max(100) })
  .strict();

// Requests from Spoke's own pages (options, popup, side panel); the background refuses them from anywhere else.

export const EnrollRequestMessageSchema = z
  .object({
    type: z.literal('enroll'),
    hubUrl: z.string().min(1).max(500),
    inviteCode: z.string().min(1).max(100),
    displayName: z.string().min(1).max(120),
  })
  .strict();

/**
 * "Sign in with your organisation": the hub and the organisation's name on it; the background runs the sign-in
 * through the organisation's identity provider (lib/sync/sso.ts). Also to sign in again when the hub asks.
 */
export const SsoSignInRequestSchema = z
  .object({
    type: z.literal('sso-sign-in'),
    hubUrl: z.string().min(1).max(500),
    organisation: z.string().min(1).max(100),
  })
  .strict();

/** Enrolled: the member as the hub knows them. */
export const EnrollMessageResponseSchema = z.object({ ok: z.literal(true), me: MeSchema });

export const ConsentRequestSchema = z.object({ type: z.literal('consent'), leaderboardOptIn: z.boolean() }).strict();

export const SignOutRequestSchema = z.object({ type: z.literal('sign-out') }).strict();

/**
 * "Download my data": a page of everything the hub holds about the member (the first, or the one at `cursor`, the
 * `next` of the page before); the page asks for each in turn and saves them as one JSON file.
 */
export const ExportMyDataRequestSchema = z
  .object({ type: z.literal('export-my-data'), cursor: ExportCursorSchema.optional() })
  .strict();
export const ExportMyDataResponseSchema = z.object({ ok: z.literal(true), page: MeExportPageSchema });

/** "Delete me": the hub erases the member, then this browser forgets everything Spoke kept. */
export const DeleteMeRequestSchema = z.object({ type: z.literal('delete-me') }).strict();
export const SyncNowRequestSchema = z.object({ type: z.literal('sync-now') }).strict();

/** Share an approved item into the composer of the active tab (or open one). */
export const ShareRequestSchema = z
  .object({ type: z.literal('share'), contentId: z.uuid(), network: NetworkSchema })
  .strict();

/** The side panel showed this many suggestions for one page visit. */
export const SuggestionsShownRequestSchema = z
  .object({ type: z.literal('suggestions-shown'), network: NetworkSchema, count: z.int().min(1).max(100) })
  .strict();

// From content scripts.

/** The member pressed Post (or its shortcut) in a composer Spoke watches. Counts only, never text. */
export const PostPublishedRequestSchema = z
  .object({
    type: z.literal('post-published'),
    network: NetworkSchema,
    postKind: PostKindSchema,
    /** Rules shown in this post, by id, with what happened to them. */
    rules: z
      .array(
        z
          .object({
            ruleId: z.string().min(1).max(100),
            severity: z.enum(['info', 'warning', 'critical']),
            shown: z.int().min(0).max(1_000),
            fixed: z.int().min(0).max(1_000),
            dismissed: z.int().min(0).max(1_000),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type PostPublishedRequest = z.infer<typeof PostPublishedRequestSchema>;

/** "Not helpful" on a guideline card: feedback for the CoE, a rule id only. */
export const GuidelineFeedbackRequestSchema = z
  .object({
    type: z.literal('guideline-feedback'),
    network: NetworkSchema,
    ruleId: z.string().min(1).max(100),
  })
  .strict();

/** How many approved posts the side panel has for this network (for the chip next to a composer). */
export const SuggestionCountRequestSchema = z
  .object({ type: z.literal('suggestion-count'), network: NetworkSchema })
  .strict();
export const SuggestionCountResponseSchema = z.object({ ok: z.literal(true), count: z.int().min(0) });

/**
 * The side panel asks what the current tab's post composer holds, to rank suggestions close to it. The text goes
 * content script → background → side panel, all inside the extension; it is never stored or sent anywhere.
 */
export const ComposerTextRequestSchema = z.object({ type: z.literal('composer-text') }).strict();
export const ComposerTextResponseSchema = z.object({ ok: z.literal(true), text: z.string().max(3_000) });
/** Background → content script: the text of the page's post composer (answered only to Spoke itself). */
export const ReadComposerMessageSchema = z.object({ type: z.literal('read-composer') }).strict();

/** A post id as both sites print it in links (an X status id, the number of a LinkedIn activity URN). */
const SitePostIdSchema = z.string().regex(/^\d{1,25}$/, 'a post id');

const reachCount = (max: number) => z.int().min(0).max(max);

/**
 * The member's own posts a page shows, with the counts the site displays on them (content script → background).
 * The background throttles them into `reach_snapshot` events with a hashed post reference.
 */
export const ReachSeenRequestSchema = z
  .object({
    type: z.literal('reach-seen'),
    network: NetworkSchema,
    posts: z
      .array(
        z
          .object({
            postId: SitePostIdSchema,
            views: reachCount(1_000_000_000),
            reactions: reachCount(100_000_000).optional(),
            comments: reachCount(100_000_000).optional(),
            reposts: reachCount(100_000_000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(50),
  })
  .strict();
export type ReachSeenRequest = z.infer<typeof ReachSeenRequestSchema>;

/** The site confirmed a post as published and showed its id ("View post"): reach attaches to what was shared. */
export const PostLinkedRequestSchema = z
  .object({ type: z.literal('post-linked'), network: NetworkSchema, postId: SitePostIdSchema })
  .strict();
export type PostLinkedRequest = z.infer<typeof PostLinkedRequestSchema>;

/**
 * Coverage signal of one page visit: how often a post-sized editor went unrecognised, or a recognised composer had no
 * Post button Spoke could find. Counts and a surface id only (a composer definition id or `unknown`), never text.
 */
export const CoverageSeenRequestSchema = z
  .object({
    type: z.literal('coverage-seen'),
    network: NetworkSchema,
    surface: CoverageSurfaceSchema,
    kind: CoverageKindSchema,
    count: z.int().min(1).max(1_000),
    /** The site pack whose definitions the page ran. */
    sitePack: SitePackVersionSchema,
  })
  .strict();
export type CoverageSeenRequest = z.infer<typeof CoverageSeenRequestSchema>;

/** Periods the reach dashboard offers, in days ending today. */
const ReachPeriodSchema = z.union([z.literal(7), z.literal(30), z.literal(90), z.literal(365)]);
export type ReachPeriod = z.infer<typeof ReachPeriodSchema>;

/** A Spoke page asks for a fresh reach report; the answer lands in the extension database for every page. */
export const ReachReportRequestSchema = z.object({ type: z.literal('reach-report'), days: ReachPeriodSchema }).strict();

/** The member shows or hides their name on the team leaderboard (changes the consent's opt-in). */
export const LeaderboardOptInRequestSchema = z
  .object({ type: z.literal('leaderboard-opt-in'), optIn: z.boolean() })
  .strict();

/** The chip was clicked: open the side panel for the sender's tab (inside the click's user gesture). */
export const OpenSidePanelRequestSchema = z.object({ type: z.literal('open-side-panel') }).strict();

const BackgroundRequestSchema = z.discriminatedUnion('type', [
  ReachSeenRequestSchema,
  PostLinkedRequestSchema,
  CoverageSeenRequestSchema,
  ReachReportRequestSchema,
  LeaderboardOptInRequestSchema,
  GuidelineFeedbackRequestSchema,
  SuggestionCountRequestSchema,
  OpenSidePanelRequestSchema,
  ComposerTextRequestSchema,
  PingRequestSchema,
  CheckRequestSchema,
  MuteRuleRequestSchema,
  EnrollRequestMessageSchema,
  SsoSignInRequestSchema,
  ConsentRequestSchema,
  SignOutRequestSchema,
  ExportMyDataRequestSchema,
  DeleteMeRequestSchema,
  SyncNowRequestSchema,
  ShareRequestSchema,
  SuggestionsShownRequestSchema,
  PostPublishedRequestSchema,
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const PingResponseSchema = z.object({ ok: z.literal(true), version: z.string() });

export const CheckResponseSchema = z.object({
  ok: z.literal(true),
  findings: z.array(FindingSchema),
  /** The policy asks to confirm once before posting while a critical finding is open (off by default). */
  confirmBeforePosting: z.boolean(),
});
export type CheckResponse = z.infer<typeof CheckResponseSchema>;

export const MuteRuleResponseSchema = z.object({ ok: z.literal(true) });

/** The generic answer to page requests that succeeded. */
export const OkSchema = z.object({ ok: z.literal(true) });

/** Sent by the background to the content script of the tab where an approved item is shared. */
export const InsertShareMessageSchema = z
  .object({ type: z.literal('insert-share'), text: z.string().max(10_000), network: NetworkSchema })
  .strict();

export const InsertShareResponseSchema = z.object({
  ok: z.boolean(),
  inserted: z.boolean(),
  /** Why not: no composer on the page (open one elsewhere), or the editor did not take the text (say so). */
  reason: z.enum(['no-composer', 'not-accepted']).optional(),
});
export type InsertShareResponse = z.infer<typeof InsertShareResponseSchema>;

/**
 * A form field the background found wrong (enrolment: `hubUrl`, `inviteCode`, `displayName`; single sign-on: `hubUrl`,
 * `organisation`), in words.
 */
const FieldMessageSchema = z.object({ field: z.string().max(40), message: z.string().max(300) });

/**
 * What the background answers for a message it refuses: a sentence for people and a code for code; `fields` ties
 * sentences to the fields of the form that sent it, when the request had fields to blame.
 */
export const RefusalSchema = z.object({
  ok: z.literal(false),
  code: MessageErrorCodeSchema,
  error: z.string(),
  fields: z.array(FieldMessageSchema).max(10).optional(),
});
export type Refusal = z.infer<typeof RefusalSchema>;
