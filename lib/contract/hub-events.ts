import { z } from 'zod';
import { NetworkSchema, PostKindSchema } from './common';
import { IdSchema, InstantSchema, SlugSchema } from './hub-common';
import { SitePackVersionSchema } from './site-pack';

// Participation events: what the extension sends to `POST /v1/events`. They carry **no text, ever**: every property
// is an enum, an identifier or a count, and every object is strict, so an unexpected (free-text) property is refused.

/** Reference to a post on a network (a LinkedIn activity id, an X status id): an identifier, never its text. */
const PostRefSchema = SlugSchema;

/** The code of a tracked link (see `POST /v1/links`). */
const LinkCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, 'not a link code');

const count = (max: number) => z.int().min(0).max(max);

const eventBase = {
  /** Client event id (UUID, ideally v7), set once at capture and never regenerated: the de-duplication key. */
  id: z.uuid(),
  /** Monotonic sequence number of the event on its device. */
  seq: z.int().min(0).max(2_147_483_647),
  network: NetworkSchema,
  /** When it happened, by the device clock (the hub corrects it by `sentAt`). */
  occurredAt: InstantSchema,
  /** The approved content item involved, if any. */
  contentId: IdSchema.optional(),
};

const event = <T extends string, P extends z.ZodRawShape>(type: T, props: P) =>
  z.strictObject({ ...eventBase, type: z.literal(type), props: z.strictObject(props) });

/** Approved content was shown to the member (side panel or in-page chip). */
const SuggestionShownEventSchema = event('suggestion_shown', { count: count(100) });
/** The member chose to share an approved item. */
const ShareStartedEventSchema = event('share_started', {
  via: z.enum(['sidepanel', 'chip', 'popup', 'intent']),
});
/** The member left the composer without publishing. */
const ShareCancelledEventSchema = event('share_cancelled', {});
/** The member pressed the network's Post button. */
const PostPublishedEventSchema = event('post_published', {
  postKind: PostKindSchema,
  postRef: PostRefSchema.optional(),
  linkCode: LinkCodeSchema.optional(),
});
/**
 * Guideline rules fired while writing (aggregated on the device per post: a rule id and how often). `dismissed`: how
 * many of these the member closed with the card's *Dismiss* (a *Not helpful* is a `guideline_feedback` of its own).
 */
const RuleTriggeredEventSchema = event('rule_triggered', {
  ruleId: SlugSchema,
  severity: z.enum(['info', 'warning', 'critical']),
  count: z.int().min(1).max(1_000),
  dismissed: z.int().min(1).max(1_000).optional(),
});
/** The member applied a suggested fix. */
const FixAppliedEventSchema = event('fix_applied', { ruleId: SlugSchema });
/**
 * Counts the network shows the member on their own post (throttled on the device; repeated snapshots of one post form
 * its curve). `postRef` is a hash of the post id, never the id itself. When the post was published through Spoke's
 * share, the event also carries the shared item's `contentId` (base field) and its tracked `linkCode`.
 */
const ReachSnapshotEventSchema = event('reach_snapshot', {
  postRef: PostRefSchema,
  linkCode: LinkCodeSchema.optional(),
  views: count(1_000_000_000),
  reactions: count(100_000_000).optional(),
  comments: count(100_000_000).optional(),
  reposts: count(100_000_000).optional(),
});
/** The member told the CoE a guideline tip did not fit ("not helpful"): a rule id and a verdict, never the text. */
const GuidelineFeedbackEventSchema = event('guideline_feedback', {
  ruleId: SlugSchema,
  verdict: z.enum(['not_helpful', 'wrong']),
});
/** The member copied a tracked link. */
const LinkCopiedEventSchema = event('link_copied', { linkCode: LinkCodeSchema });

/** What went wrong on a site, as a coverage signal counts it (never where or with which text). */
/**
 * `editor_unrecognised`: a post-sized editor nothing recognised; `generic_fallback`: one only the structure-first
 * fallback recognised (the site pack's surfaces missed it); `post_button_missing`: a composer without a Post button;
 * `toast_unmatched`: a post was published but no "post published" notice Spoke could read followed it.
 */
export const CoverageKindSchema = z.enum([
  'editor_unrecognised',
  'generic_fallback',
  'post_button_missing',
  'toast_unmatched',
]);
export type CoverageKind = z.infer<typeof CoverageKindSchema>;
/** A composer definition id (`unknown` when none recognised the editor): lowercase letters, digits and dashes. */
export const CoverageSurfaceSchema = z
  .string()
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'not a surface id');
/**
 * Coverage: how often, on one page visit, Spoke saw a post-sized editor no composer definition recognised, or a
 * recognised composer whose Post button it could not find. Counts only, per surface and site-pack version.
 */
const CoverageEventSchema = event('coverage', {
  kind: CoverageKindSchema,
  surface: CoverageSurfaceSchema,
  count: z.int().min(1).max(1_000),
  sitePack: SitePackVersionSchema,
});

/** One participation event. */
export const EventSchema = z.discriminatedUnion('type', [
  SuggestionShownEventSchema,
  ShareStartedEventSchema,
  ShareCancelledEventSchema,
  PostPublishedEventSchema,
  RuleTriggeredEventSchema,
  FixAppliedEventSchema,
  ReachSnapshotEventSchema,
  LinkCopiedEventSchema,
  GuidelineFeedbackEventSchema,
  CoverageEventSchema,
]);
export type Event = z.infer<typeof EventSchema>;
export const EventTypeSchema = z.enum([
  'suggestion_shown',
  'share_started',
  'share_cancelled',
  'post_published',
  'rule_triggered',
  'fix_applied',
  'reach_snapshot',
  'link_copied',
  'guideline_feedback',
  'coverage',
]);

/** Most events per batch, and most bytes per request body. */
const MAX_EVENTS_PER_BATCH = 500;
export const MAX_EVENT_BATCH_BYTES = 512 * 1024;

/**
 * `POST /v1/events` body. Send an `Idempotency-Key` header (a UUID persisted with the batch) so a retry gets the
 * first answer back. Each event is validated on its own: a bad event is `rejected`, the others still count.
 */
export const EventBatchRequestSchema = z.strictObject({
  /** When the device sent the batch, by its clock: used to correct clock skew. */
  sentAt: InstantSchema,
  events: z.array(EventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type EventBatchRequest = z.infer<typeof EventBatchRequestSchema>;

/** The envelope the hub checks before looking at events one by one. */
export const EventBatchEnvelopeSchema = z.strictObject({
  sentAt: InstantSchema,
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH),
});

/**
 * What happened to one event: stored now; stored before (same id), or nothing new to count (then with a reason: a
 * share of that item already counted that day, a post's views that would go down), not stored; or refused with a
 * reason (not valid, not an item of the member's library, not their link, …).
 */
const EventResultSchema = z.discriminatedUnion('status', [
  z.object({ index: z.int(), id: z.string().optional(), status: z.literal('accepted') }),
  z.object({
    index: z.int(),
    id: z.string().optional(),
    status: z.literal('duplicate'),
    /** Why it is not counted, when it is not the same event sent again. */
    reason: z.string().optional(),
  }),
  z.object({
    index: z.int(),
    id: z.string().optional(),
    status: z.literal('rejected'),
    /** A sentence saying what was wrong, with the field path. */
    reason: z.string(),
    path: z.string().optional(),
  }),
]);
export type EventResult = z.infer<typeof EventResultSchema>;

/**
 * `POST /v1/events` answer (200): one result per event, in request order. The client deletes `accepted` and
 * `duplicate` events from its outbox and keeps `rejected` ones for diagnostics.
 */
export const EventBatchResponseSchema = z.object({
  accepted: z.int(),
  duplicate: z.int(),
  rejected: z.int(),
  results: z.array(EventResultSchema),
});
export type EventBatchResponse = z.infer<typeof EventBatchResponseSchema>;
