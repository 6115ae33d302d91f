// SCIM 2.0 provisioning of `Users` (lib/contract/hub-scim.ts): the organisation's IdP creates members before their
// first sign-in, renames and moves them, and deactivates leavers (their device tokens stop at once).
//
// The IdP's base URL is the same for every organisation, `<hub>/v1/scim/v2`: the organisation is the one whose secret
// came with the request (`scim_secrets`), never a path segment or a header a caller could change. A SCIM user is a
// member with a row of `member_identities` (`user_name`, `external_id`); its SCIM `id` is the member's id. A later
// single sign-on with the same user name links to that row (server/services/sso.ts) and lands on the same member.
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import {
  SCIM_ENTERPRISE_USER,
  SCIM_LIST_RESPONSE,
  SCIM_USER,
  ScimBooleanSchema,
  type ScimListResponse,
  type ScimPatchRequest,
  type ScimSecretResponse,
  type ScimSettings,
  type ScimUser,
  type ScimUserRequest,
} from '../../lib/contract/hub';
import { sha256 } from '../auth';
import type { HubConfig } from '../config';
import type { Database } from '../db';
import { businessUnits, memberIdentities, members, PROVISIONED_ISSUER, scimSecrets, ssoConfigs } from '../db/schema';
import { HttpError, ScimHttpError } from '../problem';
import { deactivateInOrg } from './members';

/** Most users in one page of `GET /Users` (RFC 7644 §3.4.2.4 lets the service cap `count`). */
const MAX_PAGE = 200;

export interface ScimCaller {
  orgId: string;
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

function baseUrl(config: HubConfig): string {
  return `${config.publicUrl}/v1/scim/v2`;
}

/** The organisation whose current SCIM secret this is, or null. */
export async function scimCaller(db: Database, header: string | undefined): Promise<ScimCaller | null> {
  const match = header?.match(/^Bearer (scim_[A-Za-z0-9_-]{20,100})$/);
  if (!match?.[1]) return null;
  const [row] = await db.query<{ org_id: string }>(
    // `last_used_at` at most once a minute: the CoE sees that its IdP is connected.
    `UPDATE scim_secrets SET last_used_at = CASE
        WHEN last_used_at IS NULL OR last_used_at < now() - interval '1 minute' THEN now() ELSE last_used_at END
      WHERE secret_hash = $1 AND revoked_at IS NULL RETURNING org_id`,
    [sha256(match[1])],
  );
  return row ? { orgId: row.org_id } : null;
}

export async function scimSettings(db: Database, config: HubConfig, orgId: string): Promise<ScimSettings> {
  const [row] = await db.db
    .select()
    .from(scimSecrets)
    .where(and(eq(scimSecrets.orgId, orgId), isNull(scimSecrets.revokedAt)))
    .limit(1);
  return {
    baseUrl: baseUrl(config),
    secret: row ? { createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null } : null,
  };
}

/** A new secret for the organisation's IdP, shown this once; the one before stops now (rotation). */
export async function newScimSecret(db: Database, config: HubConfig, orgId: string): Promise<ScimSecretResponse> {
  const secret = `scim_${randomBytes(32).toString('base64url')}`;
  const createdAt = new Date();
  await db.db.transaction(async (tx) => {
    await tx
      .update(scimSecrets)
      .set({ revokedAt: createdAt })
      .where(and(eq(scimSecrets.orgId, orgId), isNull(scimSecrets.revokedAt)));
    await tx.insert(scimSecrets).values({ id: randomUUID(), orgId, secretHash: sha256(secret), createdAt });
  });
  return { secret, baseUrl: baseUrl(config), createdAt: createdAt.toISOString() };
}

export async function revokeScimSecret(db: Database, orgId: string): Promise<void> {
  const rows = await db.db
    .update(scimSecrets)
    .set({ revokedAt: new Date() })
    .where(and(eq(scimSecrets.orgId, orgId), isNull(scimSecrets.revokedAt)))
    .returning({ id: scimSecrets.id });
  if (rows.length === 0) throw new HttpError(404, 'Your organisation has no SCIM secret.');
}

interface UserRow {
  id: string;
  display_name: string;
  status: 'active' | 'deactivated';
  business_unit_id: string;
  user_name: string | null;
  external_id: string | null;
  created_at: Date | string;
}

const USER_SELECT = `SELECT m.id, m.display_name, m.status, m.business_unit_id, i.user_name, i.external_id, i.created_at
  FROM members m JOIN member_identities i ON i.member_id = m.id AND i.org_id = m.org_id`;

interface Mapping {
  map: Array<{ value: string; businessUnitId: string }>;
  defaultUnitId: string | null;
  issuer: string;
}

/** The SSO configuration's department → unit mapping, default unit and issuer, where the organisation has one. */
async function mappingOf(q: Pick<Tx, 'select'>, orgId: string): Promise<Mapping> {
  const [row] = await q
    .select({
      map: ssoConfigs.businessUnitMap,
      defaultUnitId: ssoConfigs.defaultBusinessUnitId,
      issuer: ssoConfigs.issuer,
    })
    .from(ssoConfigs)
    .where(eq(ssoConfigs.orgId, orgId));
  return row ?? { map: [], defaultUnitId: null, issuer: PROVISIONED_ISSUER };
}

function userOf(row: UserRow, mapping: Mapping, config: HubConfig): ScimUser {
  const created = new Date(row.created_at).toISOString();
  const department = mapping.map.find((m) => m.businessUnitId === row.business_unit_id)?.value;
  return {
    schemas: department ? [SCIM_USER, SCIM_ENTERPRISE_USER] : [SCIM_USER],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name ?? '',
    displayName: row.display_name,
    name: { formatted: row.display_name },
    active: row.status === 'active',
    ...(department ? { [SCIM_ENTERPRISE_USER]: { department } } : {}),
    meta: {
      resourceType: 'User',
      created,
      // The hub keeps no modification time of a member; the creation time is the honest lower bound.
      lastModified: created,
      location: `${baseUrl(config)}/Users/${row.id}`,
    },
  };
}

function noUser(): ScimHttpError {
  return new ScimHttpError(404, 'No user with this id in your organisation.');
}

async function userRow(q: Pick<Tx, 'select'>, orgId: string, id: string): Promise<UserRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const [row] = await q
    .select({
      id: members.id,
      display_name: members.displayName,
      status: members.status,
      business_unit_id: members.businessUnitId,
      user_name: memberIdentities.userName,
      external_id: memberIdentities.externalId,
      created_at: memberIdentities.createdAt,
    })
    .from(members)
    .innerJoin(
      memberIdentities,
      and(eq(memberIdentities.memberId, members.id), eq(memberIdentities.orgId, members.orgId)),
    )
    .where(and(eq(members.orgId, orgId), eq(members.id, id)));
  return row;
}

export async function getScimUser(db: Database, config: HubConfig, orgId: string, id: string): Promise<ScimUser> {
  const row = await userRow(db.db, orgId, id);
  if (!row) throw noUser();
  return userOf(row, await mappingOf(db.db, orgId), config);
}

/** `userName eq "…"` or `externalId eq "…"` (attribute names without case, RFC 7644 §3.4.2.2); nothing else. */
function parseFilter(filter: string): { attribute: 'userName' | 'externalId'; value: string } {
  const match = filter.match(/^\s*(userName|externalId)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i);
  if (match?.[1] && match[2] !== undefined) {
    try {
      const value = JSON.parse(`"${match[2]}"`) as string;
      return { attribute: match[1].toLowerCase() === 'username' ? 'userName' : 'externalId', value };
    } catch {
      // an escape JSON does not know: refused below
    }
  }
  throw new ScimHttpError(
    400,
    'Only the filters userName eq "…" and externalId eq "…" are supported.',
    'invalidFilter',
  );
}

export async function listScimUsers(
  db: Database,
  config: HubConfig,
  orgId: string,
  query: { filter?: string; startIndex?: number; count?: number },
): Promise<ScimListResponse> {
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const count = Math.min(MAX_PAGE, Math.max(0, query.count ?? 100));
  const where = ['m.org_id = $1'];
  const params: unknown[] = [orgId];
  if (query.filter !== undefined) {
    const { attribute, value } = parseFilter(query.filter);
    params.push(value);
    // userName is case-insensitive (caseExact false); externalId is case-exact (RFC 7643 §3.1).
    where.push(attribute === 'userName' ? 'lower(i.user_name) = lower($2)' : 'i.external_id = $2');
  }
  const [total] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM members m JOIN member_identities i ON i.member_id = m.id AND i.org_id = m.org_id
      WHERE ${where.join(' AND ')}`,
    params,
  );
  const rows = count
    ? await db.query<UserRow>(
        `${USER_SELECT} WHERE ${where.join(' AND ')} ORDER BY i.created_at, m.id LIMIT ${count} OFFSET ${startIndex - 1}`,
        params,
      )
    : [];
  const mapping = await mappingOf(db.db, orgId);
  return {
    schemas: [SCIM_LIST_RESPONSE],
    totalResults: Number(total?.n ?? 0),
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((row) => userOf(row, mapping, config)),
  };
}

/** What a request asks to change; undefined leaves an attribute as it is. */
interface Changes {
  userName?: string;
  externalId?: string | null;
  displayName?: string;
  active?: boolean;
  /** The department (→ unit through the SSO configuration's mapping); null: removed, the member stays where they are. */
  department?: string | null;
}

/** A line a person reads: no control characters, at most `max` characters; undefined when empty. */
function line(value: string | null | undefined, max: number): string | undefined {
  const cleaned = value
    ?.replace(/\p{Cc}/gu, ' ')
    .trim()
    .slice(0, max);
  return cleaned ? cleaned : undefined;
}

function displayNameOf(body: Pick<ScimUserRequest, 'displayName' | 'name'>): string | undefined {
  const given = [body.name?.givenName, body.name?.familyName].filter(Boolean).join(' ');
  return line(body.displayName, 120) ?? line(body.name?.formatted, 120) ?? line(given, 120);
}

function changesOfUser(body: ScimUserRequest): Changes {
  return {
    userName: body.userName,
    externalId: body.externalId ?? null,
    displayName: displayNameOf(body) ?? body.userName.slice(0, 120),
    // A PUT without `active` leaves it as it is: a leaver is never brought back by omission.
    active: body.active,
    department: body[SCIM_ENTERPRISE_USER]?.department ?? undefined,
  };
}

/** Serialises writes of one user name in the organisation, so that two creations cannot both pass the check. */
function lockUserName(orgId: string, userName: string) {
  return sql`SELECT pg_advisory_xact_lock(hashtext(${`scim:${orgId}:${userName.toLowerCase()}`}))`;
}

async function checkUnique(tx: Tx, orgId: string, userName: string, exceptMemberId?: string): Promise<void> {
  await tx.execute(lockUserName(orgId, userName));
  const [taken] = await tx
    .select({ memberId: memberIdentities.memberId })
    .from(memberIdentities)
    .where(
      and(
        eq(memberIdentities.orgId, orgId),
        sql`lower(${memberIdentities.userName}) = lower(${userName})`,
        exceptMemberId ? sql`${memberIdentities.memberId} <> ${exceptMemberId}` : sql`true`,
      ),
    )
    .limit(1);
  if (taken) throw new ScimHttpError(409, 'A user with this userName exists in your organisation.', 'uniqueness');
}

function unitOf(mapping: Mapping, department: string | null | undefined): string | undefined {
  if (!department) return undefined;
  return mapping.map.find((m) => m.value.toLowerCase() === department.toLowerCase())?.businessUnitId;
}

/** `POST /Users`: a member (in the unit their department maps to) and their identity, before any sign-in. */
export async function createScimUser(
  db: Database,
  config: HubConfig,
  orgId: string,
  body: ScimUserRequest,
): Promise<ScimUser> {
  const changes = changesOfUser(body);
  const memberId = randomUUID();
  await db.db.transaction(async (tx) => {
    await checkUnique(tx, orgId, body.userName);
    const mapping = await mappingOf(tx, orgId);
    const [root] = await tx
      .select({ id: businessUnits.id })
      .from(businessUnits)
      .where(and(eq(businessUnits.orgId, orgId), isNull(businessUnits.parentId)))
      .orderBy(businessUnits.createdAt)
      .limit(1);
    const unitId = unitOf(mapping, changes.department) ?? mapping.defaultUnitId ?? root?.id;
    if (!unitId) throw new Error(`organisation ${orgId} has no root unit`);
    await tx.insert(members).values({
      id: memberId,
      orgId,
      businessUnitId: unitId,
      role: 'advocate',
      displayName: changes.displayName ?? body.userName.slice(0, 120),
      status: changes.active === false ? 'deactivated' : 'active',
    });
    await tx.insert(memberIdentities).values({
      id: randomUUID(),
      orgId,
      memberId,
      issuer: mapping.issuer,
      subject: null,
      userName: body.userName,
      externalId: changes.externalId ?? null,
    });
  });
  return getScimUser(db, config, orgId, memberId);
}

/**
 * Applies the changes to a provisioned member in one transaction: identity, name, unit, and `active`. Deactivation
 * revokes every device of theirs (the same as the CoE's console); reactivation lets them sign in again, with no device
 * brought back. The caller clears the token cache.
 */
async function applyChanges(db: Database, orgId: string, id: string, changes: Changes): Promise<void> {
  await db.db.transaction(async (tx) => {
    const row = await userRow(tx, orgId, id);
    if (!row) throw noUser();
    if (changes.userName !== undefined && changes.userName.toLowerCase() !== row.user_name?.toLowerCase()) {
      await checkUnique(tx, orgId, changes.userName, id);
    }
    if (changes.userName !== undefined || changes.externalId !== undefined) {
      await tx
        .update(memberIdentities)
        .set({
          ...(changes.userName !== undefined ? { userName: changes.userName } : {}),
          ...(changes.externalId !== undefined ? { externalId: changes.externalId } : {}),
        })
        .where(and(eq(memberIdentities.orgId, orgId), eq(memberIdentities.memberId, id)));
    }
    const unitId = unitOf(await mappingOf(tx, orgId), changes.department);
    if (changes.displayName !== undefined || unitId || changes.active === true) {
      await tx
        .update(members)
        .set({
          ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
          ...(unitId ? { businessUnitId: unitId } : {}),
          ...(changes.active === true ? { status: 'active' as const } : {}),
        })
        .where(and(eq(members.orgId, orgId), eq(members.id, id)));
    }
    if (changes.active === false && row.status === 'active') await deactivateInOrg(tx, orgId, id);
  });
}

/** `PUT /Users/{id}`: the user as the IdP now sees them. */
export async function replaceScimUser(
  db: Database,
  config: HubConfig,
  orgId: string,
  id: string,
  body: ScimUserRequest,
): Promise<ScimUser> {
  await applyChanges(db, orgId, id, changesOfUser(body));
  return getScimUser(db, config, orgId, id);
}

const ENTERPRISE_DEPARTMENT = `${SCIM_ENTERPRISE_USER}:department`.toLowerCase();

function invalidValue(path: string): ScimHttpError {
  return new ScimHttpError(400, `The value for "${path}" is not valid.`, 'invalidValue');
}

function textValue(path: string, value: unknown, max: number): string | null {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > max) throw invalidValue(path);
  return value;
}

/**
 * One attribute of a PATCH into the changes: the ones the hub keeps are checked, every other one (an IdP sends what
 * its administrator mapped: `title`, `emails[type eq "work"].value`, `addresses`…) is accepted and not kept.
 */
function patchAttribute(changes: Changes, name: string, raw: unknown, name2 = name.toLowerCase()): void {
  switch (name2) {
    case 'active': {
      const parsed = ScimBooleanSchema.safeParse(raw);
      if (!parsed.success) throw invalidValue(name);
      changes.active = parsed.data;
      return;
    }
    case 'username': {
      const value = textValue(name, raw, 255)?.trim();
      if (!value || /\p{Cc}/u.test(value)) throw invalidValue(name);
      changes.userName = value;
      return;
    }
    case 'externalid': {
      const value = textValue(name, raw, 255);
      if (value !== null && /\p{Cc}/u.test(value)) throw invalidValue(name);
      changes.externalId = value;
      return;
    }
    case 'displayname':
    case 'name.formatted': {
      const value = line(textValue(name, raw, 200), 120);
      if (value) changes.displayName = value;
      return;
    }
    case 'name': {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidValue(name);
      const n = raw as Record<string, unknown>;
      const formatted = textValue('name.formatted', n.formatted ?? null, 200);
      const given = [
        textValue('name.givenName', n.givenName ?? null, 120),
        textValue('name.familyName', n.familyName ?? null, 120),
      ];
      const value = line(formatted, 120) ?? line(given.filter(Boolean).join(' '), 120);
      // A displayName in the same request wins over the name it is derived from.
      if (value && changes.displayName === undefined) changes.displayName = value;
      return;
    }
    case ENTERPRISE_DEPARTMENT:
      changes.department = textValue(name, raw, 200);
      return;
    case SCIM_ENTERPRISE_USER.toLowerCase(): {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidValue(name);
      const department = (raw as Record<string, unknown>).department;
      if (department !== undefined) changes.department = textValue(`${name}:department`, department, 200);
      return;
    }
    default:
      return;
  }
}

/** `PATCH /Users/{id}` (RFC 7644 §3.5.2): `add`/`replace` with or without a path (Okta, Entra ID), `remove`. */
export async function patchScimUser(
  db: Database,
  config: HubConfig,
  orgId: string,
  id: string,
  body: ScimPatchRequest,
): Promise<ScimUser> {
  const changes: Changes = {};
  // Ops apply in order; a display name set by an earlier op is not overridden by a `name` in a later one.
  for (const operation of body.Operations) {
    if (operation.op === 'remove') {
      const path = operation.path?.toLowerCase();
      if (!path) throw new ScimHttpError(400, 'A remove operation needs a path.', 'noTarget');
      if (path === 'externalid') changes.externalId = null;
      if (path === ENTERPRISE_DEPARTMENT) changes.department = null;
      if (path === 'username' || path === 'active') {
        throw new ScimHttpError(400, `"${operation.path}" cannot be removed.`, 'mutability');
      }
      continue;
    }
    if (operation.path) {
      patchAttribute(changes, operation.path, operation.value);
      continue;
    }
    const value = operation.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ScimHttpError(400, 'An operation without a path needs an object value.', 'invalidValue');
    }
    for (const [name, raw] of Object.entries(value)) patchAttribute(changes, name, raw);
  }
  await applyChanges(db, orgId, id, changes);
  return getScimUser(db, config, orgId, id);
}
