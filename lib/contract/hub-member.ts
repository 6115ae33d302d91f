import { z } from 'zod';
import { NetworkSchema } from './common';
import { DaySchema, IdSchema, InstantSchema, LineSchema, NameSchema, RoleSchema } from './hub-common';

// Enrolment and the member's own data.

/** An invite code as printed for people: letters and digits, dashes allowed. */
const InviteCodeSchema = z
  .string()
  .trim()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'an invite code has letters, digits and dashes only');

/** `POST /v1/enroll`: redeem an invite code on this device. */
export const EnrollRequestSchema = z.strictObject({
  inviteCode: InviteCodeSchema,
  displayName: NameSchema,
  /** A label for this device, chosen by the extension (`Chrome on Linux`). */
  deviceLabel: LineSchema.trim().min(1).max(80).optional(),
});
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>;

const BusinessUnitRefSchema = z.object({ id: IdSchema, name: z.string() });

/** The member as they see themselves (`GET /v1/me`, `PATCH /v1/me`, in the enrolment answer). */
export const MeSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  role: RoleSchema,
  organisation: z.object({ id: IdSchema, name: z.string() }),
  businessUnit: BusinessUnitRefSchema,
  leaderboardOptIn: z.boolean(),
  createdAt: InstantSchema,
  device: z.object({ id: IdSchema, label: z.string().nullable() }),
  /**
   * For a device that signed in through the organisation's identity provider: when the IdP last vouched for the
   * member (the sign-in or `POST /v1/sso/refresh`), and when the token stops working unless it vouches again. Null
   * for a device enrolled with an invite code; absent from hubs without single sign-on.
   */
  sso: z.object({ verifiedAt: InstantSchema, expiresAt: InstantSchema }).nullable().optional(),
});
export type Me = z.infer<typeof MeSchema>;

/**
 * `POST /v1/enroll` answer (201). `token` is the device token: keep it in extension-origin storage, send it as
 * `Authorization: Bearer <token>`; it is shown only once (the hub keeps a SHA-256 hash).
 */
export const EnrollResponseSchema = z.object({ token: z.string(), me: MeSchema });
export type EnrollResponse = z.infer<typeof EnrollResponseSchema>;

/** `PATCH /v1/me`: what a member may change about themselves. */
export const UpdateMeRequestSchema = z.strictObject({
  displayName: NameSchema.optional(),
  leaderboardOptIn: z.boolean().optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

/**
 * `POST /v1/me/token` answer: a new token for this device. The previous one keeps working for a short grace period
 * (so a retry after a lost answer still succeeds), then stops.
 */
export const RotateTokenResponseSchema = z.object({ token: z.string(), previousValidUntil: InstantSchema });

/** Where an export page ended: the `next` of the page before, passed back as it came. */
export const ExportCursorSchema = z
  .string()
  .min(1)
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+$/, 'pass back the `next` of the previous page as it came');

/** `GET /v1/me/export` query: none for the first page, then the `next` of the page before. */
export const MeExportQuerySchema = z.strictObject({ cursor: ExportCursorSchema.optional() });

// The rows of each table that holds the member's data, as the hub stores them (column names in camelCase; the
// organisation and member ids, credentials and other people's data left out). Loose: a newer hub's extra columns
// reach the file too.
const Instant = InstantSchema;
const Count = z.number().int();
const exportTable = <N extends string, S extends z.ZodRawShape>(table: N, row: S) =>
  z.object({ table: z.literal(table), rows: z.array(z.looseObject(row)) });
const ExportTableSchemas = [
  exportTable('members', {
    id: IdSchema,
    businessUnitId: IdSchema,
    role: RoleSchema,
    displayName: z.string(),
    leaderboardOptIn: z.boolean(),
    status: z.enum(['active', 'deactivated']),
    createdAt: Instant,
    lastSeenAt: Instant.nullable(),
  }),
  exportTable('devices', {
    id: IdSchema,
    label: z.string().nullable(),
    previousValidUntil: Instant.nullable(),
    createdAt: Instant,
    lastSeenAt: Instant.nullable(),
    revokedAt: Instant.nullable(),
    /** When your identity provider last vouched for you on this device (single sign-on); null: an invite's device. */
    identityVerifiedAt: Instant.nullable().optional(),
  }),
  /** Who you are at your organisation's identity provider (single sign-on). */
  exportTable('identities', {
    issuer: z.string(),
    subject: z.string().nullable(),
    userName: z.string().nullable(),
    /** Your id at the identity provider, as its provisioning (SCIM) sent it. */
    externalId: z.string().nullable().optional(),
    createdAt: Instant,
    lastSignInAt: Instant.nullable(),
  }),
  exportTable('events', {
    clientEventId: IdSchema,
    deviceId: IdSchema,
    businessUnitId: IdSchema,
    seq: Count,
    type: z.string(),
    network: z.string(),
    contentId: IdSchema.nullable(),
    occurredAt: Instant,
    receivedAt: Instant,
    props: z.record(z.string(), z.unknown()),
    batchKey: z.string().nullable(),
    /** The device's clock was more than a day off: `occurredAt` is when the hub received it. */
    clockSkew: z.boolean(),
  }),
  exportTable('idempotencyKeys', { key: z.string(), fingerprint: z.string(), createdAt: Instant }),
  exportTable('shares', {
    clientEventId: IdSchema,
    network: z.string(),
    contentId: IdSchema.nullable(),
    linkCode: z.string().nullable(),
    postRef: z.string().nullable(),
    occurredAt: Instant,
  }),
  exportTable('links', {
    code: z.string(),
    contentId: IdSchema,
    network: z.string(),
    destination: z.string(),
    humanClicks: Count,
    createdAt: Instant,
  }),
  /** Clicks on the member's links per link, day and bot or not: visitors (each a daily pseudonym) and hits. */
  exportTable('clicks', { code: z.string(), day: DaySchema, bot: z.boolean(), visitors: Count, hits: Count }),
  exportTable('reachPosts', {
    network: z.string(),
    postRef: z.string(),
    contentId: IdSchema.nullable(),
    linkCode: z.string().nullable(),
    firstSeenAt: Instant,
    lastSeenAt: Instant,
    views: Count,
    reactions: Count.nullable(),
    comments: Count.nullable(),
    reposts: Count.nullable(),
    shareEventId: IdSchema.nullable(),
    publishedAt: Instant,
    /** When its views last started or stopped counting in the reports (a post of an item counts once shared). */
    countingChangedAt: Instant.nullable(),
  }),
  exportTable('reachSnapshots', {
    network: z.string(),
    postRef: z.string(),
    day: DaySchema,
    views: Count,
    reactions: Count.nullable(),
    comments: Count.nullable(),
    reposts: Count.nullable(),
    capturedAt: Instant,
  }),
  exportTable('dailyRollups', {
    day: DaySchema,
    businessUnitId: IdSchema,
    network: z.string(),
    shares: Count,
    clicks: Count,
    views: Count,
    events: Count,
  }),
  exportTable('memberMonths', {
    network: z.string(),
    month: DaySchema,
    shares: z.array(Count),
    clicks: z.array(Count),
    views: z.array(Count),
  }),
  exportTable('memberActivity', { lastEventAt: Instant }),
  /** Per year, a character per day of the year (1 January first): 1 on the days the member sent an event / shared. */
  exportTable('memberDays', {
    year: Count,
    active: z.string().regex(/^[01]{366}$/),
    shared: z.string().regex(/^[01]{366}$/),
    /** The year before's share days, kept alongside. */
    sharedBefore: z.string().regex(/^[01]{366}$/),
  }),
  /** Invites the member created (as a CoE member). */
  exportTable('invites', {
    id: IdSchema,
    businessUnitId: IdSchema,
    role: RoleSchema,
    maxUses: Count,
    uses: Count,
    expiresAt: Instant,
    revokedAt: Instant.nullable(),
    createdAt: Instant,
  }),
  /** Guideline policy versions the member created (as a CoE member). */
  exportTable('policyVersions', { version: Count, createdAt: Instant }),
] as const;

/** The tables of an export, in the order the pages walk them. */
export const EXPORT_TABLES = ExportTableSchemas.map((schema) => schema.shape.table.value);
export type ExportTableName = (typeof ExportTableSchemas)[number]['shape']['table']['value'];

/** A table a newer hub exports and this version does not know yet: kept as it came. */
const OtherExportTableSchema = z.object({
  table: z.string().refine((name) => !(EXPORT_TABLES as readonly string[]).includes(name)),
  rows: z.array(z.record(z.string(), z.unknown())),
});

/**
 * `GET /v1/me/export`: everything the hub holds about the member (GDPR art. 15/20), a page at a time. The pages walk
 * the tables in order, each table's rows in a stable order; a table may span pages (its rows continue on the next
 * one) and appears at least once, empty or not. Follow `next` until it is null.
 */
export const MeExportPageSchema = z.object({
  exportedAt: InstantSchema,
  me: MeSchema,
  tables: z.array(z.union([z.discriminatedUnion('table', ExportTableSchemas), OtherExportTableSchema])),
  /** The `cursor` of the next page; null on the last one. */
  next: ExportCursorSchema.nullable(),
});
export type MeExportPage = z.infer<typeof MeExportPageSchema>;

/** A device (browser profile) of the member. */
const DeviceSchema = z.object({
  id: IdSchema,
  label: z.string().nullable(),
  createdAt: InstantSchema,
  lastSeenAt: InstantSchema.nullable(),
  revokedAt: InstantSchema.nullable(),
  /** The device making this request. */
  current: z.boolean(),
});

/** `GET /v1/me/devices` answer. `DELETE /v1/me/devices/:id` revokes one (its token stops working at once). */
export const DeviceListResponseSchema = z.object({ devices: z.array(DeviceSchema) });

/** `DELETE /v1/me` answer: what was erased. */
export const DeleteMeResponseSchema = z.object({ erased: z.literal(true), events: z.int(), links: z.int() });

const ReachBucketSchema = z.enum(['day', 'week']);

/** `GET /v1/me/reach` query: days, inclusive (default: the last 30 days), bucketed by day or week. */
export const ReachQuerySchema = z.strictObject({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  bucket: ReachBucketSchema.default('day'),
});

const ReachTotalsSchema = z.object({ shares: z.int(), clicks: z.int(), views: z.int() });

/** One of the member's posts with the latest counts Spoke saw on it. */
const ReachPostSchema = z.object({
  network: NetworkSchema,
  /** The hashed post reference of the snapshots. */
  postRef: z.string(),
  /** The approved item it shared, when it was shared through Spoke. */
  contentId: IdSchema.nullable(),
  contentTitle: z.string().nullable(),
  /** When it was shared (the matching `post_published`), else its first snapshot. */
  publishedAt: InstantSchema,
  /** Human clicks on its tracked link (all time). */
  clicks: z.int(),
  /** Latest counts seen on the post (all time). */
  views: z.int(),
  reactions: z.int().nullable(),
  comments: z.int().nullable(),
  reposts: z.int().nullable(),
  lastSeenAt: InstantSchema,
});
export type ReachPost = z.infer<typeof ReachPostSchema>;

/** `GET /v1/me/reach` answer: the member's shares, clicks on their tracked links and the views of their posts. */
export const ReachResponseSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  bucket: ReachBucketSchema,
  series: z.array(
    z.object({
      /** First day of the bucket. */
      start: DaySchema,
      network: NetworkSchema,
      shares: z.int(),
      clicks: z.int(),
      /** Views gained in the bucket: per post, its latest count in the bucket minus its latest count before. */
      views: z.int(),
    }),
  ),
  totals: ReachTotalsSchema,
  /** The same totals over the period of the same length just before `from`, for "change against last period". */
  previousTotals: ReachTotalsSchema,
  /** Posts with a snapshot or a share in the period, newest first (at most 100). */
  posts: z.array(ReachPostSchema),
  /** Consecutive ISO weeks (Monday first, UTC) with at least one share, ending this week or last week. */
  streak: z.object({ currentWeeks: z.int(), longestWeeks: z.int(), sharesThisWeek: z.int() }),
});
export type ReachResponse = z.infer<typeof ReachResponseSchema>;

/** `GET /v1/leaderboard` answer: opted-in members only; business units ranked per capita (shares per active member). */
export const LeaderboardResponseSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  members: z.array(
    z.object({
      rank: z.int(),
      displayName: z.string(),
      businessUnit: z.string(),
      shares: z.int(),
      clicks: z.int(),
      isMe: z.boolean(),
    }),
  ),
  businessUnits: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      activeMembers: z.int(),
      shares: z.int(),
      sharesPerMember: z.number(),
    }),
  ),
});
export type LeaderboardResponse = z.infer<typeof LeaderboardResponseSchema>;
