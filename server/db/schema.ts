// The hub's tables (Drizzle). Every tenant table carries `org_id`, and every query filters on it.
// Migrations: `npm run db:generate` writes SQL to server/migrations; the hub applies them at start.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bit,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const created = () => ts('created_at').notNull().defaultNow();

/** Tenants. `current_policy_version` points at the published policy version. */
export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  currentPolicyVersion: integer('current_policy_version'),
  createdAt: created(),
});

/** A tree per organisation; the root (parent null) is the CoE. */
export const businessUnits = pgTable(
  'business_units',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    createdAt: created(),
  },
  (t) => [index('business_units_org_idx').on(t.orgId)],
);

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    businessUnitId: uuid('business_unit_id')
      .notNull()
      .references(() => businessUnits.id),
    role: text('role', { enum: ['advocate', 'coe'] }).notNull(),
    displayName: text('display_name').notNull(),
    leaderboardOptIn: boolean('leaderboard_opt_in').notNull().default(false),
    status: text('status', { enum: ['active', 'deactivated'] })
      .notNull()
      .default('active'),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at'),
  },
  (t) => [index('members_org_idx').on(t.orgId, t.businessUnitId)],
);

/** Invite codes are stored as SHA-256 hashes; the code is shown once, at creation. */
export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    businessUnitId: uuid('business_unit_id')
      .notNull()
      .references(() => businessUnits.id),
    role: text('role', { enum: ['advocate', 'coe'] }).notNull(),
    codeHash: text('code_hash').notNull(),
    maxUses: integer('max_uses').notNull(),
    uses: integer('uses').notNull().default(0),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    createdBy: uuid('created_by'),
    createdAt: created(),
  },
  (t) => [uniqueIndex('invites_code_hash_idx').on(t.codeHash), index('invites_org_idx').on(t.orgId)],
);

/** Device tokens: random 256-bit, stored as SHA-256; rotation keeps the previous hash valid for a grace period. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    label: text('label'),
    tokenHash: text('token_hash').notNull(),
    previousTokenHash: text('previous_token_hash'),
    previousValidUntil: ts('previous_valid_until'),
    createdAt: created(),
    lastSeenAt: ts('last_seen_at'),
    revokedAt: ts('revoked_at'),
    /**
     * A device that signed in through the organisation's IdP: when the IdP last vouched for its member (the sign-in, a
     * refresh). Its token stops working `sso_configs.token_max_age_days` later (server/auth.ts). Null: an invite's device.
     */
    identityVerifiedAt: ts('identity_verified_at'),
    /** The IdP's refresh token for this device's sign-in, sealed with `SPOKE_SSO_KEY` (server/secret-box.ts). */
    idpRefreshToken: text('idp_refresh_token'),
  },
  (t) => [
    uniqueIndex('devices_token_hash_idx').on(t.tokenHash),
    index('devices_previous_token_hash_idx').on(t.previousTokenHash),
    index('devices_member_idx').on(t.orgId, t.memberId),
  ],
);

/**
 * An organisation's OpenID Connect identity provider (lib/contract/hub-sso.ts): members sign in through it and are
 * created, moved and given the CoE role from its claims (server/services/sso.ts). The client secret is either named
 * (an environment variable of the hub) or sealed with `SPOKE_SSO_KEY`; never kept in clear.
 */
export const ssoConfigs = pgTable(
  'sso_configs',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .references(() => orgs.id),
    slug: text('slug').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretEnv: text('client_secret_env'),
    clientSecretSealed: text('client_secret_sealed'),
    clientAuthentication: text('client_authentication', { enum: ['client_secret_basic', 'client_secret_post'] })
      .notNull()
      .default('client_secret_basic'),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    userNameClaim: text('user_name_claim').notNull(),
    displayNameClaim: text('display_name_claim').notNull(),
    groupsClaim: text('groups_claim').notNull(),
    businessUnitClaim: text('business_unit_claim'),
    businessUnitMap: jsonb('business_unit_map').$type<Array<{ value: string; businessUnitId: string }>>().notNull(),
    defaultBusinessUnitId: uuid('default_business_unit_id').references(() => businessUnits.id),
    coeGroup: text('coe_group'),
    tokenMaxAgeDays: integer('token_max_age_days').notNull().default(30),
    invitesEnabled: boolean('invites_enabled').notNull().default(true),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sso_configs_slug_idx').on(t.slug)],
);

/**
 * Who a member is at their organisation's IdP: the (issuer, subject) pair the IdP vouches for at each sign-in. One per
 * member. `user_name` is their sign-in name (UPN, login) from the configured claim: provisioning (SCIM `userName`)
 * may create the member and this row before their first sign-in, with no subject yet; that sign-in then links it
 * (server/services/sso.ts).
 */
/**
 * The issuer of an identity SCIM provisioned before the organisation set up single sign-on: the first sign-in with its
 * user name claims it (server/services/sso.ts).
 */
export const PROVISIONED_ISSUER = 'urn:spoke:scim';

export const memberIdentities = pgTable(
  'member_identities',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject'),
    userName: text('user_name'),
    /** The IdP's own id of the user, as its SCIM client sent it (`externalId`); null for a sign-in only. */
    externalId: text('external_id'),
    createdAt: created(),
    lastSignInAt: ts('last_sign_in_at'),
  },
  (t) => [
    uniqueIndex('member_identities_member_idx').on(t.memberId),
    uniqueIndex('member_identities_subject_idx').on(t.orgId, t.issuer, t.subject),
    index('member_identities_user_name_idx').on(t.orgId, t.userName),
  ],
);

/**
 * The organisation's SCIM bearer secrets (SHA-256 only; shown once): what its IdP's provisioning client sends to
 * `/v1/scim/v2`. One works at a time: a new one revokes the one before.
 */
export const scimSecrets = pgTable(
  'scim_secrets',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    secretHash: text('secret_hash').notNull(),
    createdAt: created(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('scim_secrets_hash_idx').on(t.secretHash), index('scim_secrets_org_idx').on(t.orgId)],
);

/**
 * Sign-ins under way, 10 minutes at most: the `state` (its SHA-256), `nonce` and PKCE verifier sent to the IdP, and
 * where the extension waits for the answer. Once the IdP answered, the identity it named and its refresh token wait
 * here for the extension to redeem the one-time code (`handoff_hash`), then the row goes.
 */
export const ssoLogins = pgTable(
  'sso_logins',
  {
    stateHash: text('state_hash').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    nonce: text('nonce').notNull(),
    pkceVerifier: text('pkce_verifier').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    /** The S256 challenge of the extension's own verifier, checked when it redeems the one-time code. */
    clientChallenge: text('client_challenge').notNull(),
    expiresAt: ts('expires_at').notNull(),
    handoffHash: text('handoff_hash'),
    identityId: uuid('identity_id').references(() => memberIdentities.id, { onDelete: 'cascade' }),
    idpRefreshToken: text('idp_refresh_token'),
    createdAt: created(),
  },
  (t) => [uniqueIndex('sso_logins_handoff_idx').on(t.handoffHash), index('sso_logins_expires_idx').on(t.expiresAt)],
);

/** Revision counter for content: every change takes the next value. */
export const contentRevSeq = pgSequence('content_rev_seq');

/** Content items: every change takes the next value, so `GET /library?since=` is a delta. */
export const contentItems = pgTable(
  'content_items',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    title: text('title').notNull(),
    url: text('url'),
    variants: jsonb('variants').notNull(),
    hashtags: jsonb('hashtags').$type<string[]>().notNull().default([]),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    businessUnitIds: jsonb('business_unit_ids').$type<string[]>().notNull().default([]),
    locale: text('locale').notNull().default('en'),
    startsAt: ts('starts_at'),
    expiresAt: ts('expires_at'),
    status: text('status', { enum: ['draft', 'published', 'archived'] })
      .notNull()
      .default('draft'),
    version: integer('version').notNull().default(1),
    rev: bigint('rev', { mode: 'number' }).notNull().default(sql`nextval('content_rev_seq')`),
    deletedAt: ts('deleted_at'),
    createdAt: created(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    publishedAt: ts('published_at'),
    /** When it last left the library (archived or deleted); null while published. Shares before it still count. */
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [index('content_items_org_rev_idx').on(t.orgId, t.rev)],
);

/** Immutable policy versions: the central pack and overlays per business unit, validated before insert. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    version: integer('version').notNull(),
    pack: jsonb('pack').notNull(),
    overlays: jsonb('overlays').$type<Record<string, unknown>>().notNull().default({}),
    createdBy: uuid('created_by'),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.version] })],
);

/** Participation events. `(org_id, client_event_id)` is the de-duplication key; `batch_key` the idempotency key. */
export const events = pgTable(
  'events',
  {
    orgId: uuid('org_id').notNull(),
    clientEventId: uuid('client_event_id').notNull(),
    memberId: uuid('member_id').notNull(),
    deviceId: uuid('device_id').notNull(),
    businessUnitId: uuid('business_unit_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    network: text('network').notNull(),
    contentId: uuid('content_id'),
    occurredAt: ts('occurred_at').notNull(),
    receivedAt: ts('received_at').notNull(),
    props: jsonb('props').notNull(),
    batchKey: text('batch_key'),
    /**
     * The device's clock was more than a day off the hub's (`sentAt`): `occurred_at` is the hub's receive time, not
     * the device's claim (server/services/ingest.ts).
     */
    clockSkew: boolean('clock_skew').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientEventId] }),
    index('events_member_idx').on(t.orgId, t.memberId, t.occurredAt),
    index('events_org_time_idx').on(t.orgId, t.occurredAt),
  ],
);

/** `Idempotency-Key` per member: the payload fingerprint; the answer is rebuilt from `events.batch_key`. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    key: text('key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.key] })],
);

/** Tracked links: code → member, content, network, destination (with UTM). */
export const links = pgTable(
  'links',
  {
    code: text('code').primaryKey(),
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    contentId: uuid('content_id').notNull(),
    network: text('network').notNull(),
    destination: text('destination').notNull(),
    /** Human (non-bot) clicks, i.e. new non-bot rows of `clicks`: counted when the click is stored. */
    humanClicks: integer('human_clicks').notNull().default(0),
    createdAt: created(),
  },
  (t) => [uniqueIndex('links_member_content_idx').on(t.orgId, t.memberId, t.contentId, t.network)],
);

/**
 * Clicks: one row per link, day and visitor (a keyed hash, with a daily-rotated salt, of the client's network, IPv4 /24
 * or IPv6 /48, and whether a bot); repeats only bump `hits`.
 */
export const clicks = pgTable(
  'clicks',
  {
    code: text('code').notNull(),
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    visitorHash: text('visitor_hash').notNull(),
    bot: boolean('bot').notNull().default(false),
    hits: integer('hits').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.code, t.day, t.visitorHash] }), index('clicks_org_day_idx').on(t.orgId, t.day)],
);

// Roll-ups, kept up to date in the transaction that stores the events or the click (server/rollups.ts), so that
// reach and analytics read a few rows per member instead of scanning `events`.

/** Latest counts per post and UTC day (the day's last `reach_snapshot`): the curve of each post. */
export const reachSnapshots = pgTable(
  'reach_snapshots',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    network: text('network').notNull(),
    postRef: text('post_ref').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: bigint('views', { mode: 'number' }).notNull(),
    reactions: bigint('reactions', { mode: 'number' }),
    comments: bigint('comments', { mode: 'number' }),
    reposts: bigint('reposts', { mode: 'number' }),
    capturedAt: ts('captured_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.network, t.postRef, t.day] })],
);

/**
 * One row per post a member snapshotted: its latest counts, when it was first and last seen, and the share it came
 * from (the member's `post_published` of the same item and network nearest before the first snapshot).
 */
export const reachPosts = pgTable(
  'reach_posts',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    network: text('network').notNull(),
    postRef: text('post_ref').notNull(),
    contentId: uuid('content_id'),
    linkCode: text('link_code'),
    firstSeenAt: ts('first_seen_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    views: bigint('views', { mode: 'number' }).notNull(),
    reactions: bigint('reactions', { mode: 'number' }),
    comments: bigint('comments', { mode: 'number' }),
    reposts: bigint('reposts', { mode: 'number' }),
    /** The matching share's event id, if any. */
    shareEventId: uuid('share_event_id'),
    /** The matching share's time, else the first snapshot's. */
    publishedAt: ts('published_at').notNull(),
    /**
     * When its views last started or stopped counting in the roll-ups (an own post's count; a post of an item's once it
     * comes from a share: server/rollups.ts); null before either.
     */
    countingChangedAt: ts('counting_changed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.memberId, t.network, t.postRef] }),
    index('reach_posts_member_seen_idx').on(t.orgId, t.memberId, t.lastSeenAt),
    index('reach_posts_share_idx').on(t.orgId, t.shareEventId),
  ],
);

/**
 * Every `post_published` stored, narrow: the member's shares (with an item: one per item, network and UTC day, as
 * later ones are not stored) and own posts (no item, no share), for posts, matching and top content.
 */
export const shares = pgTable(
  'shares',
  {
    orgId: uuid('org_id').notNull(),
    clientEventId: uuid('client_event_id').notNull(),
    memberId: uuid('member_id').notNull(),
    network: text('network').notNull(),
    contentId: uuid('content_id'),
    linkCode: text('link_code'),
    postRef: text('post_ref'),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.clientEventId] }),
    index('shares_member_time_idx').on(t.orgId, t.memberId, t.occurredAt),
    index('shares_member_content_idx').on(t.orgId, t.memberId, t.contentId, t.network, t.occurredAt),
  ],
);

/**
 * Per member, UTC day and network: shares (of an item of the member's library, once per item), human clicks on the
 * member's links, views gained (on own posts, and posts of an item once matched to its share), events of any type.
 */
export const dailyRollups = pgTable(
  'daily_rollups',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    memberId: uuid('member_id').notNull(),
    businessUnitId: uuid('business_unit_id').notNull(),
    network: text('network').notNull(),
    shares: integer('shares').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    /** Views gained that day: per post, its latest count of the day minus its latest count before (never < 0). */
    views: bigint('views', { mode: 'number' }).notNull().default(0),
    events: integer('events').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.day, t.memberId, t.network] }),
    index('daily_rollups_member_day_idx').on(t.orgId, t.memberId, t.day),
    // The leaderboard's: a member's shares and clicks over a period from the index alone, and only the days with
    // some (a third of the rows; most days count views or events only).
    index('daily_rollups_earned_idx')
      .on(t.orgId, t.memberId, t.day, t.shares, t.clicks)
      .where(sql`${t.shares} > 0 OR ${t.clicks} > 0`),
  ],
);

/**
 * The same per member, network and month, one array element per day (1–31): what a member's reach reads, a few rows
 * per year. Kept by adding each batch's (or click's) day deltas element by element, so concurrent writers never lose
 * an update.
 */
export const memberMonths = pgTable(
  'member_months',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    network: text('network').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    shares: integer('shares').array().notNull(),
    clicks: integer('clicks').array().notNull(),
    views: bigint('views', { mode: 'number' }).array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId, t.network, t.month] })],
);

/**
 * Per guideline rule, UTC day and business unit (the member's at ingest): how often the rule fired in published posts
 * (`rule_triggered` counts), how many of those findings were dismissed, and how many *Not helpful* it got
 * (`guideline_feedback`). Ids and counts only: what the CoE's "Most triggered" and "Noisiest rules" read.
 */
export const ruleRollups = pgTable(
  'rule_rollups',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    businessUnitId: uuid('business_unit_id').notNull(),
    ruleId: text('rule_id').notNull(),
    triggered: integer('triggered').notNull().default(0),
    dismissed: integer('dismissed').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.businessUnitId, t.ruleId] })],
);

/**
 * Per organisation, UTC day, business unit (the member's at ingest) and network: shares, human clicks and views
 * gained — the daily roll-up summed over the unit's members, kept at ingest in the same statement. What the CoE's
 * Analytics sums over a period: a few thousand rows a year however many members and events. Counts only, no member;
 * an erased member's share is taken out.
 */
export const unitRollups = pgTable(
  'unit_rollups',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    businessUnitId: uuid('business_unit_id').notNull(),
    network: text('network').notNull(),
    shares: integer('shares').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
    views: bigint('views', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.businessUnitId, t.network] })],
);

/**
 * Per organisation, UTC day and content item: shares of it and human clicks on its tracked links. What the CoE's
 * "Top content" sums over a period. Counts only, no member; an erased member's share is taken out.
 */
export const contentRollups = pgTable(
  'content_rollups',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    contentId: uuid('content_id').notNull(),
    shares: integer('shares').notNull().default(0),
    clicks: integer('clicks').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.contentId] })],
);

/**
 * Per member and UTC year, one bit per day of the year (bit 0 = 1 January): the days they sent any event, and the
 * days they shared, with the year before's share days alongside, so the share days of any period of up to a year
 * ending this year are in one row. Whether a member was active or shared in a period is one AND per row, so "sharing
 * members" per unit and bucket and "idle members" cost a row per member, not one per member and day. Kept at ingest
 * with OR (a share day also on the next year's row); erased with the member.
 */
export const memberDays = pgTable(
  'member_days',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    year: integer('year').notNull(),
    active: bit('active', { dimensions: 366 }).notNull(),
    shared: bit('shared', { dimensions: 366 }).notNull(),
    /** The year before's share days (its row's `shared`, copied as they are written). */
    sharedBefore: bit('shared_before', { dimensions: 366 }).notNull(),
  },
  // Year first: a report reads one year's rows of the organisation.
  (t) => [primaryKey({ columns: [t.orgId, t.year, t.memberId] })],
);

/** `rule_rollups` summed over the units: per rule and UTC day, what the CoE's "Most triggered" and "Noisiest" read. */
export const ruleTotals = pgTable(
  'rule_totals',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    ruleId: text('rule_id').notNull(),
    triggered: integer('triggered').notNull().default(0),
    dismissed: integer('dismissed').notNull().default(0),
    notHelpful: integer('not_helpful').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.ruleId] })],
);

/**
 * When each member last sent an event (the latest `occurred_at` stored): what the CoE's "inactive members" reads,
 * a row per member, so no report scans the events table. Kept at ingest with `greatest`; erased with the member.
 */
export const memberActivity = pgTable(
  'member_activity',
  {
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.memberId] })],
);

/**
 * Coverage signals per organisation, day, network, surface (a composer definition id or `unknown`), kind and
 * site-pack version: how often the extension saw an editor it did not recognise or a composer without a Post button.
 * Counts only, no member: what the CoE's *Coverage* reads. Kept at ingest; an erased member's share is taken out.
 */
/**
 * The site pack an organisation's members run (lib/contract/site-pack.ts), when the CoE published one: members'
 * browsers take it at their next sync; without a row they keep the pack built into their extension.
 */
export const sitePacks = pgTable('site_packs', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => orgs.id),
  version: text('version').notNull(),
  pack: jsonb('pack').notNull(),
  publishedAt: ts('published_at').notNull().defaultNow(),
});

export const coverageRollups = pgTable(
  'coverage_rollups',
  {
    orgId: uuid('org_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    network: text('network').notNull(),
    surface: text('surface').notNull(),
    kind: text('kind').notNull(),
    sitePack: text('site_pack').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.day, t.network, t.surface, t.kind, t.sitePack] })],
);

/**
 * What was done to members that leaves no trace of its own: an erasure (`member_erased`), by whom (`actor_id`: the
 * member themself or a CoE member), when, and which member id (`subject_id`), never what was erased. Ids only, and
 * kept when either member is erased: the organisation's record that the erasure happened.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    action: text('action', { enum: ['member_erased'] }).notNull(),
    actorId: uuid('actor_id').notNull(),
    subjectId: uuid('subject_id').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_idx').on(t.orgId, t.at)],
);

/**
 * The hub's rate limits, shared by every instance on one database (server/rate-limit.ts): one row per bucket, the
 * time at which it is full again (GCRA's theoretical arrival time); a row in the past is a full bucket and may go.
 * Hub-wide, not a tenant's data: keys name a member or event quota by member id, or a keyed hash of a client's
 * address (never the address itself).
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  fullAt: ts('full_at').notNull(),
});
