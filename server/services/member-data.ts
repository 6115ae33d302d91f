// Every table that holds a member's data, and how export reads it and erasure removes it: the one list both follow,
// keyed by the table's name in the export (lib/contract/hub-member.ts, `EXPORT_TABLES`, whose order the pages walk).
// tests/hub/member-data.test.ts reads the database's own catalogue (information_schema) and fails when a table with a
// `member_id` column is missing here, or when a column of a table listed here is neither exported nor withheld with a
// reason.
import { type SQL, sql } from 'drizzle-orm';
import type { ExportTableName } from '../../lib/contract/hub';

/** SQL types of paging keys (the cursor carries their values as text). */
export type KeyType = 'uuid' | 'text' | 'date' | 'timestamptz' | 'boolean' | 'int';

export interface MemberTable {
  /** The table, as in server/db/schema.ts. */
  table: string;
  /** Columns of the table in the export (its row keys, in camelCase). */
  exported: readonly string[];
  /** Columns left out of the export, each with the reason. */
  withheld: Readonly<Record<string, string>>;
  /** Paging order: columns of the exported rows, unique among the member's rows, with their SQL types. */
  key: ReadonlyArray<readonly [column: string, type: KeyType]>;
  /** The member's rows with the exported columns (by default: where `org_id` and `member_id` are theirs). */
  rows?(orgId: string, memberId: string): SQL;
  /** What erasure does to them, an UPDATE or a DELETE (by default: delete where `org_id` and `member_id` match). */
  erase?(orgId: string, memberId: string): SQL;
}

const ORG = 'the organisation (in `me`)';
const YOU = 'you';
const CREDENTIAL = 'a credential: the SHA-256 of a secret, useless to you and dangerous to copy';
const THEIRS = "the organisation's, not about you";

export const MEMBER_TABLES = {
  members: {
    table: 'members',
    exported: [
      'id',
      'business_unit_id',
      'role',
      'display_name',
      'leaderboard_opt_in',
      'status',
      'created_at',
      'last_seen_at',
    ],
    withheld: { org_id: ORG },
    key: [['id', 'uuid']],
    rows: (orgId, memberId) => sql`
      SELECT id, business_unit_id, role, display_name, leaderboard_opt_in, status, created_at, last_seen_at
        FROM members WHERE org_id = ${orgId} AND id = ${memberId}`,
    erase: (orgId, memberId) => sql`DELETE FROM members WHERE org_id = ${orgId} AND id = ${memberId}`,
  },
  devices: {
    table: 'devices',
    exported: [
      'id',
      'label',
      'previous_valid_until',
      'created_at',
      'last_seen_at',
      'revoked_at',
      'identity_verified_at',
    ],
    withheld: {
      org_id: ORG,
      member_id: YOU,
      token_hash: CREDENTIAL,
      previous_token_hash: CREDENTIAL,
      idp_refresh_token:
        'a credential: your identity provider’s refresh token, sealed, useless to you and dangerous to copy',
    },
    key: [['id', 'uuid']],
  },
  identities: {
    table: 'member_identities',
    exported: ['issuer', 'subject', 'user_name', 'external_id', 'created_at', 'last_sign_in_at'],
    withheld: { org_id: ORG, member_id: YOU, id: 'an internal key of the row' },
    key: [['issuer', 'text']],
  },
  events: {
    table: 'events',
    exported: [
      'client_event_id',
      'device_id',
      'business_unit_id',
      'seq',
      'type',
      'network',
      'content_id',
      'occurred_at',
      'received_at',
      'props',
      'batch_key',
      'clock_skew',
    ],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['occurred_at', 'timestamptz'],
      ['client_event_id', 'uuid'],
    ],
  },
  idempotencyKeys: {
    table: 'idempotency_keys',
    exported: ['key', 'fingerprint', 'created_at'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [['key', 'text']],
  },
  shares: {
    table: 'shares',
    exported: ['client_event_id', 'network', 'content_id', 'link_code', 'post_ref', 'occurred_at'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['occurred_at', 'timestamptz'],
      ['client_event_id', 'uuid'],
    ],
  },
  links: {
    table: 'links',
    exported: ['code', 'content_id', 'network', 'destination', 'human_clicks', 'created_at'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [['code', 'text']],
  },
  clicks: {
    table: 'clicks',
    exported: ['code', 'day', 'bot', 'hits'],
    withheld: {
      org_id: ORG,
      visitor_hash: 'a daily pseudonym of the person who clicked, not yours: counted as `visitors`',
    },
    key: [
      ['code', 'text'],
      ['day', 'date'],
      ['bot', 'boolean'],
    ],
    rows: (orgId, memberId) => sql`
      SELECT c.code, c.day, c.bot, count(*)::int AS visitors, sum(c.hits)::int AS hits
        FROM clicks c JOIN links l ON l.code = c.code AND l.org_id = c.org_id
       WHERE l.org_id = ${orgId} AND l.member_id = ${memberId}
       GROUP BY c.code, c.day, c.bot`,
    erase: (orgId, memberId) => sql`
      DELETE FROM clicks
       WHERE org_id = ${orgId} AND code IN (SELECT code FROM links WHERE org_id = ${orgId} AND member_id = ${memberId})`,
  },
  reachPosts: {
    table: 'reach_posts',
    exported: [
      'network',
      'post_ref',
      'content_id',
      'link_code',
      'first_seen_at',
      'last_seen_at',
      'views',
      'reactions',
      'comments',
      'reposts',
      'share_event_id',
      'published_at',
      'counting_changed_at',
    ],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['network', 'text'],
      ['post_ref', 'text'],
    ],
  },
  reachSnapshots: {
    table: 'reach_snapshots',
    exported: ['network', 'post_ref', 'day', 'views', 'reactions', 'comments', 'reposts', 'captured_at'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['network', 'text'],
      ['post_ref', 'text'],
      ['day', 'date'],
    ],
  },
  dailyRollups: {
    table: 'daily_rollups',
    exported: ['day', 'business_unit_id', 'network', 'shares', 'clicks', 'views', 'events'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['day', 'date'],
      ['network', 'text'],
    ],
  },
  memberMonths: {
    table: 'member_months',
    exported: ['network', 'month', 'shares', 'clicks', 'views'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [
      ['month', 'date'],
      ['network', 'text'],
    ],
  },
  memberActivity: {
    table: 'member_activity',
    exported: ['last_event_at'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [['last_event_at', 'timestamptz']],
  },
  memberDays: {
    table: 'member_days',
    exported: ['year', 'active', 'shared', 'shared_before'],
    withheld: { org_id: ORG, member_id: YOU },
    key: [['year', 'int']],
  },
  // What a CoE member made stays the organisation's; that they made it is theirs, and goes with them.
  invites: {
    table: 'invites',
    exported: ['id', 'business_unit_id', 'role', 'max_uses', 'uses', 'expires_at', 'revoked_at', 'created_at'],
    withheld: { org_id: ORG, created_by: YOU, code_hash: CREDENTIAL },
    key: [['id', 'uuid']],
    rows: (orgId, memberId) => sql`
      SELECT id, business_unit_id, role, max_uses, uses, expires_at, revoked_at, created_at
        FROM invites WHERE org_id = ${orgId} AND created_by = ${memberId}`,
    erase: (orgId, memberId) =>
      sql`UPDATE invites SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`,
  },
  policyVersions: {
    table: 'policy_versions',
    exported: ['version', 'created_at'],
    withheld: { org_id: ORG, created_by: YOU, pack: THEIRS, overlays: THEIRS },
    key: [['version', 'int']],
    rows: (orgId, memberId) =>
      sql`SELECT version, created_at FROM policy_versions WHERE org_id = ${orgId} AND created_by = ${memberId}`,
    erase: (orgId, memberId) =>
      sql`UPDATE policy_versions SET created_by = NULL WHERE org_id = ${orgId} AND created_by = ${memberId}`,
  },
} satisfies Record<ExportTableName, MemberTable>;

/** The member's rows of a table, with its exported columns. */
export function memberRows(spec: MemberTable, orgId: string, memberId: string): SQL {
  if (spec.rows) return spec.rows(orgId, memberId);
  // Names from the constant list above, never from a request.
  return sql`SELECT ${sql.raw(spec.exported.join(', '))} FROM ${sql.raw(spec.table)}
              WHERE org_id = ${orgId} AND member_id = ${memberId}`;
}

/** The statement that erases the member's rows of a table (without RETURNING). */
export function erasureOf(spec: MemberTable, orgId: string, memberId: string): SQL {
  if (spec.erase) return spec.erase(orgId, memberId);
  return sql`DELETE FROM ${sql.raw(spec.table)} WHERE org_id = ${orgId} AND member_id = ${memberId}`;
}

/**
 * Every other table, and why it holds nothing of a member: with `MEMBER_TABLES`, the list of every table (the test
 * fails on a table in neither).
 */
export const TABLES_WITHOUT_MEMBER_DATA: Readonly<Record<string, string>> = {
  orgs: 'the organisations',
  business_units: "the organisation's units",
  content_items: "the organisation's approved content",
  site_packs: "the organisation's site pack",
  rule_rollups: "counts per rule, day and unit, of no member: erasure takes the member's share out",
  coverage_rollups: "counts per site, day and surface, of no member: erasure takes the member's share out",
  rule_totals: "counts per rule and day, of no member: erasure takes the member's share out",
  unit_rollups: "counts per unit, day and network, of no member: erasure takes the member's share out",
  content_rollups: "counts per content item and day, of no member: erasure takes the member's share out",
  audit_log: 'that an erasure happened: who and which member (ids) and when, nothing of what was erased',
  sso_configs: "the organisation's identity provider and how its claims map to units and roles",
  scim_secrets: "the organisation's SCIM secrets (their SHA-256), for its identity provider's provisioning",
  sso_logins:
    'sign-ins under way, 10 minutes at most: what was sent to the identity provider, then which identity it named ' +
    '(gone with the identity) until the extension redeems its one-time code',
  rate_limits:
    'hub-wide rate-limit buckets: a member id or a keyed hash of an address and when the bucket is full again, ' +
    'nothing else; gone within the hour',
};
