// Administration for the Center of Excellence (role `coe`), always inside the caller's organisation.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import {
  AnalyticsQuerySchema,
  AnalyticsResponseSchema,
  BusinessUnitListResponseSchema,
  BusinessUnitSchema,
  ContentItemSchema,
  ContentListQuerySchema,
  ContentListResponseSchema,
  CreateBusinessUnitRequestSchema,
  CreateContentRequestSchema,
  CreateInviteRequestSchema,
  CreateInviteResponseSchema,
  CreatePolicyVersionRequestSchema,
  EmptyBodySchema,
  IdParamSchema,
  IdSchema,
  InviteListResponseSchema,
  InviteSchema,
  MemberListResponseSchema,
  MemberSchema,
  OkResponseSchema,
  PolicyVersionListResponseSchema,
  PolicyVersionParamSchema,
  PolicyVersionSchema,
  UpdateBusinessUnitRequestSchema,
  UpdateContentRequestSchema,
  UpdateMemberRequestSchema,
} from '../../lib/contract/hub';
import { inviteCodeHash, newInviteCode } from '../auth';
import type { Database } from '../db';
import { businessUnits, contentItems, devices, invites, members, orgs, policyVersions } from '../db/schema';
import { loadEngine } from '../policy-validation';
import { HttpError } from '../problem';
import { iso, loadUnits, period, rowsOf, subtreeOf } from '../queries';
import { defineRoute, type RouteDef } from '../route-table';

type ContentRow = typeof contentItems.$inferSelect;

function contentDto(row: ContentRow) {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    variants: row.variants as Record<string, { text: string }>,
    hashtags: row.hashtags,
    tags: row.tags,
    businessUnitIds: row.businessUnitIds,
    locale: row.locale,
    startsAt: iso(row.startsAt),
    expiresAt: iso(row.expiresAt),
    status: row.status,
    version: row.version,
    createdAt: iso(row.createdAt) ?? '',
    updatedAt: iso(row.updatedAt) ?? '',
    publishedAt: iso(row.publishedAt),
  };
}

/** A path `:id` that is not a UUID names nothing. */
function idOf(params: { id: string }): string {
  const parsed = IdSchema.safeParse(params.id);
  if (!parsed.success) throw new HttpError(404, 'Nothing found with this id.');
  return parsed.data;
}

async function contentOr404(db: Database, orgId: string, id: string): Promise<ContentRow> {
  const [row] = await db.db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id), isNull(contentItems.deletedAt)));
  if (!row) throw new HttpError(404, 'No content item with this id.');
  return row;
}

async function checkUnits(db: Database, orgId: string, ids: string[], path: string): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await loadUnits(db, orgId)).map((u) => u.id));
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id))
    .map(({ i }) => ({ path: `${path}.${i}`, message: 'No business unit with this id in your organisation.' }));
  if (errors.length) throw new HttpError(400, 'Unknown business unit.', errors);
}

function checkWindow(startsAt: string | null | undefined, expiresAt: string | null | undefined): void {
  if (startsAt && expiresAt && Date.parse(expiresAt) <= Date.parse(startsAt)) {
    throw new HttpError(400, 'The item must expire after it starts.', [
      { path: 'body.expiresAt', message: '"expiresAt" must come after "startsAt".' },
    ]);
  }
}

const nextRev = sql`nextval('content_rev_seq')`;

async function setStatus(db: Database, orgId: string, id: string, status: 'published' | 'archived') {
  const current = await contentOr404(db, orgId, id);
  const [row] = await db.db
    .update(contentItems)
    .set({
      status,
      rev: nextRev,
      updatedAt: new Date(),
      ...(status === 'published' ? { publishedAt: current.publishedAt ?? new Date() } : {}),
    })
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id)))
    .returning();
  return { body: contentDto(row as ContentRow) };
}

export const adminRoutes: RouteDef[] = [
  // ── content ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/content',
    access: 'coe',
    tag: 'admin',
    summary: 'All content items (drafts, published, archived)',
    query: ContentListQuerySchema,
    response: ContentListResponseSchema,
    async handler({ hub, auth, query }) {
      const rows = await hub.db.db
        .select()
        .from(contentItems)
        .where(
          and(
            eq(contentItems.orgId, auth.orgId),
            isNull(contentItems.deletedAt),
            query.status ? eq(contentItems.status, query.status) : undefined,
          ),
        )
        .orderBy(desc(contentItems.updatedAt))
        .limit(1000);
      return { body: { items: rows.map(contentDto) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/content',
    access: 'coe',
    tag: 'admin',
    summary: 'Create a content item (a draft)',
    body: CreateContentRequestSchema,
    response: ContentItemSchema,
    status: 201,
    bodyLimit: 64 * 1024,
    async handler({ hub, auth, body }) {
      await checkUnits(hub.db, auth.orgId, body.businessUnitIds, 'body.businessUnitIds');
      checkWindow(body.startsAt, body.expiresAt);
      const [row] = await hub.db.db
        .insert(contentItems)
        .values({
          id: randomUUID(),
          orgId: auth.orgId,
          title: body.title,
          url: body.url ?? null,
          variants: body.variants,
          hashtags: body.hashtags,
          tags: body.tags,
          businessUnitIds: body.businessUnitIds,
          locale: body.locale,
          startsAt: body.startsAt ? new Date(body.startsAt) : null,
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        })
        .returning();
      return { body: contentDto(row as ContentRow) };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/content/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'One content item',
    params: IdParamSchema,
    response: ContentItemSchema,
    async handler({ hub, auth, params }) {
      return { body: contentDto(await contentOr404(hub.db, auth.orgId, idOf(params))) };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/admin/content/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'Edit a content item (409 when expectedVersion is stale)',
    params: IdParamSchema,
    body: UpdateContentRequestSchema,
    response: ContentItemSchema,
    bodyLimit: 64 * 1024,
    async handler({ hub, auth, params, body }) {
      const id = idOf(params);
      const current = await contentOr404(hub.db, auth.orgId, id);
      if (body.expectedVersion !== undefined && body.expectedVersion !== current.version) {
        throw new HttpError(409, `The item changed meanwhile (now version ${current.version}); reload and retry.`);
      }
      if (body.businessUnitIds) await checkUnits(hub.db, auth.orgId, body.businessUnitIds, 'body.businessUnitIds');
      const startsAt = body.startsAt === undefined ? iso(current.startsAt) : body.startsAt;
      const expiresAt = body.expiresAt === undefined ? iso(current.expiresAt) : body.expiresAt;
      checkWindow(startsAt, expiresAt);
      const [row] = await hub.db.db
        .update(contentItems)
        .set({
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.variants !== undefined ? { variants: body.variants } : {}),
          ...(body.hashtags !== undefined ? { hashtags: body.hashtags } : {}),
          ...(body.tags !== undefined ? { tags: body.tags } : {}),
          ...(body.businessUnitIds !== undefined ? { businessUnitIds: body.businessUnitIds } : {}),
          ...(body.locale !== undefined ? { locale: body.locale } : {}),
          startsAt: startsAt ? new Date(startsAt) : null,
          expiresAt: expiresAt ? new Date(expiresAt) : null,
          version: sql`${contentItems.version} + 1`,
          rev: nextRev,
          updatedAt: new Date(),
        })
        .where(
          and(eq(contentItems.orgId, auth.orgId), eq(contentItems.id, id), eq(contentItems.version, current.version)),
        )
        .returning();
      if (!row) throw new HttpError(409, 'The item changed meanwhile; reload and retry.');
      return { body: contentDto(row) };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/content/:id/publish',
    access: 'coe',
    tag: 'admin',
    summary: 'Publish a content item (advocates receive it with the next library sync)',
    params: IdParamSchema,
    body: EmptyBodySchema,
    response: ContentItemSchema,
    async handler({ hub, auth, params }) {
      return setStatus(hub.db, auth.orgId, idOf(params), 'published');
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/content/:id/archive',
    access: 'coe',
    tag: 'admin',
    summary: 'Archive a content item (a tombstone for advocates)',
    params: IdParamSchema,
    body: EmptyBodySchema,
    response: ContentItemSchema,
    async handler({ hub, auth, params }) {
      return setStatus(hub.db, auth.orgId, idOf(params), 'archived');
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/content/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'Delete a content item (kept as a tombstone for sync)',
    params: IdParamSchema,
    response: OkResponseSchema,
    async handler({ hub, auth, params }) {
      const id = idOf(params);
      await contentOr404(hub.db, auth.orgId, id);
      await hub.db.db
        .update(contentItems)
        .set({ deletedAt: new Date(), status: 'archived', rev: nextRev, updatedAt: new Date() })
        .where(and(eq(contentItems.orgId, auth.orgId), eq(contentItems.id, id)));
      return { body: { ok: true } };
    },
  }),

  // ── business units ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/business-units',
    access: 'coe',
    tag: 'admin',
    summary: 'The business-unit tree (the root is the CoE)',
    response: BusinessUnitListResponseSchema,
    async handler({ hub, auth }) {
      const units = await loadUnits(hub.db, auth.orgId);
      return { body: { businessUnits: units.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/business-units',
    access: 'coe',
    tag: 'admin',
    summary: 'Create a business unit',
    body: CreateBusinessUnitRequestSchema,
    response: BusinessUnitSchema,
    status: 201,
    async handler({ hub, auth, body }) {
      const units = await loadUnits(hub.db, auth.orgId);
      const root = units.find((u) => u.parentId === null);
      const parentId = body.parentId ?? root?.id;
      if (!parentId || !units.some((u) => u.id === parentId)) {
        throw new HttpError(400, 'Unknown parent unit.', [
          { path: 'body.parentId', message: 'No business unit with this id in your organisation.' },
        ]);
      }
      const [row] = await hub.db.db
        .insert(businessUnits)
        .values({ id: randomUUID(), orgId: auth.orgId, parentId, name: body.name })
        .returning();
      return { body: { id: row?.id, name: row?.name, parentId: row?.parentId, createdAt: iso(row?.createdAt) } };
    },
  }),
  defineRoute({
    method: 'patch',
    path: '/v1/admin/business-units/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'Rename or move a business unit',
    params: IdParamSchema,
    body: UpdateBusinessUnitRequestSchema,
    response: BusinessUnitSchema,
    async handler({ hub, auth, params, body }) {
      const id = idOf(params);
      const units = await loadUnits(hub.db, auth.orgId);
      const unit = units.find((u) => u.id === id);
      if (!unit) throw new HttpError(404, 'No business unit with this id.');
      if (body.parentId !== undefined) {
        if (unit.parentId === null) throw new HttpError(409, 'The root unit (the CoE) cannot move.');
        if (!units.some((u) => u.id === body.parentId) || subtreeOf(units, id).has(body.parentId)) {
          throw new HttpError(400, 'Not a valid parent.', [
            { path: 'body.parentId', message: 'Choose a unit of your organisation outside this unit’s own subtree.' },
          ]);
        }
      }
      const [row] = await hub.db.db
        .update(businessUnits)
        .set({
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
        })
        .where(and(eq(businessUnits.orgId, auth.orgId), eq(businessUnits.id, id)))
        .returning();
      return { body: { id: row?.id, name: row?.name, parentId: row?.parentId, createdAt: iso(row?.createdAt) } };
    },
  }),

  // ── invites ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/invites',
    access: 'coe',
    tag: 'admin',
    summary: 'Invites (codes are shown only at creation)',
    response: InviteListResponseSchema,
    async handler({ hub, auth }) {
      const rows = await hub.db.db
        .select()
        .from(invites)
        .where(eq(invites.orgId, auth.orgId))
        .orderBy(desc(invites.createdAt))
        .limit(1000);
      return { body: { invites: rows.map(inviteDto) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/invites',
    access: 'coe',
    tag: 'admin',
    summary: 'Create an invite code for a business unit and a role',
    body: CreateInviteRequestSchema,
    response: CreateInviteResponseSchema,
    status: 201,
    async handler({ hub, auth, body }) {
      await checkUnits(hub.db, auth.orgId, [body.businessUnitId], 'body.businessUnitId');
      const { code, row } = await createInvite(hub.db, {
        orgId: auth.orgId,
        businessUnitId: body.businessUnitId,
        role: body.role,
        maxUses: body.maxUses,
        expiresInHours: body.expiresInHours,
        createdBy: auth.memberId,
      });
      return { body: { ...inviteDto(row), code } };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/v1/admin/invites/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'Revoke an invite',
    params: IdParamSchema,
    response: InviteSchema,
    async handler({ hub, auth, params }) {
      const [row] = await hub.db.db
        .update(invites)
        .set({ revokedAt: sql`coalesce(${invites.revokedAt}, now())` })
        .where(and(eq(invites.orgId, auth.orgId), eq(invites.id, idOf(params))))
        .returning();
      if (!row) throw new HttpError(404, 'No invite with this id.');
      return { body: inviteDto(row) };
    },
  }),

  // ── members ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/members',
    access: 'coe',
    tag: 'admin',
    summary: 'Members of the organisation',
    response: MemberListResponseSchema,
    async handler({ hub, auth }) {
      const rows = await hub.db.db
        .select()
        .from(members)
        .where(eq(members.orgId, auth.orgId))
        .orderBy(members.displayName)
        .limit(10_000);
      return { body: { members: rows.map(memberDto) } };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/members/:id/deactivate',
    access: 'coe',
    tag: 'admin',
    summary: 'Deactivate a member: their device tokens stop working at once',
    params: IdParamSchema,
    body: EmptyBodySchema,
    response: MemberSchema,
    async handler({ hub, auth, params }) {
      const id = idOf(params);
      if (id === auth.memberId) throw new HttpError(409, 'You cannot deactivate yourself.');
      const row = await hub.db.db.transaction(async (tx) => {
        const [m] = await tx
          .update(members)
          .set({ status: 'deactivated' })
          .where(and(eq(members.orgId, auth.orgId), eq(members.id, id)))
          .returning();
        if (m) {
          await tx
            .update(devices)
            .set({ revokedAt: sql`coalesce(${devices.revokedAt}, now())` })
            .where(and(eq(devices.orgId, auth.orgId), eq(devices.memberId, id)));
        }
        return m;
      });
      if (!row) throw new HttpError(404, 'No member with this id.');
      hub.auth.invalidate();
      return { body: memberDto(row) };
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/v1/admin/members/:id',
    access: 'coe',
    tag: 'admin',
    summary: 'Change a member’s role or business unit',
    params: IdParamSchema,
    body: UpdateMemberRequestSchema,
    response: MemberSchema,
    async handler({ hub, auth, params, body }) {
      const id = idOf(params);
      if (id === auth.memberId && body.role !== undefined && body.role !== 'coe') {
        throw new HttpError(409, 'You cannot take the CoE role away from yourself; ask another CoE member.');
      }
      if (body.businessUnitId) await checkUnits(hub.db, auth.orgId, [body.businessUnitId], 'body.businessUnitId');
      const [row] = await hub.db.db
        .update(members)
        .set({
          ...(body.role !== undefined ? { role: body.role } : {}),
          ...(body.businessUnitId !== undefined ? { businessUnitId: body.businessUnitId } : {}),
        })
        .where(and(eq(members.orgId, auth.orgId), eq(members.id, id)))
        .returning();
      if (!row) throw new HttpError(404, 'No member with this id.');
      // A cached token still carries the old role and unit.
      hub.auth.invalidate();
      return { body: memberDto(row) };
    },
  }),

  // ── analytics ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/analytics',
    access: 'coe',
    tag: 'admin',
    summary: 'Participation, shares, clicks and views by business unit and network; top content, rules; idle members',
    query: AnalyticsQuerySchema,
    response: AnalyticsResponseSchema,
    async handler({ hub, auth, query }) {
      const { from, to } = period(query);
      return { body: await analytics(hub.db, auth.orgId, from, to, query.bucket) };
    },
  }),

  // ── policy ──
  defineRoute({
    method: 'get',
    path: '/v1/admin/policy/versions',
    access: 'coe',
    tag: 'admin',
    summary: 'Policy versions, newest first',
    response: PolicyVersionListResponseSchema,
    async handler({ hub, auth }) {
      const [org] = await hub.db.db.select().from(orgs).where(eq(orgs.id, auth.orgId));
      const rows = await hub.db.db
        .select({
          version: policyVersions.version,
          createdAt: policyVersions.createdAt,
          overlays: policyVersions.overlays,
        })
        .from(policyVersions)
        .where(eq(policyVersions.orgId, auth.orgId))
        .orderBy(desc(policyVersions.version))
        .limit(1000);
      return {
        body: {
          versions: rows.map((r) => ({
            version: r.version,
            createdAt: r.createdAt.toISOString(),
            current: r.version === org?.currentPolicyVersion,
            overlayBusinessUnitIds: Object.keys(r.overlays),
          })),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/v1/admin/policy/versions/:version',
    access: 'coe',
    tag: 'admin',
    summary: 'One policy version with its central pack and its business-unit overlays',
    params: PolicyVersionParamSchema,
    response: PolicyVersionSchema,
    async handler({ hub, auth, params }) {
      const [org] = await hub.db.db.select().from(orgs).where(eq(orgs.id, auth.orgId));
      const [row] = await hub.db.db
        .select()
        .from(policyVersions)
        .where(and(eq(policyVersions.orgId, auth.orgId), eq(policyVersions.version, Number(params.version))));
      if (!row) throw new HttpError(404, 'No policy version with this number.');
      return {
        body: {
          version: row.version,
          createdAt: row.createdAt.toISOString(),
          current: row.version === org?.currentPolicyVersion,
          overlayBusinessUnitIds: Object.keys(row.overlays),
          pack: row.pack as Record<string, unknown>,
          overlays: row.overlays as Record<string, Record<string, unknown>>,
        },
      };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/policy/versions',
    access: 'coe',
    tag: 'admin',
    summary: 'Add a policy version: refused (422, with the failing rule and test) unless it validates and passes',
    body: CreatePolicyVersionRequestSchema,
    response: PolicyVersionSchema,
    status: 201,
    bodyLimit: 1024 * 1024,
    errors: [422, 503],
    async handler({ hub, auth, body }) {
      await checkUnits(hub.db, auth.orgId, Object.keys(body.overlays), 'body.overlays');
      const version = await addPolicyVersion(hub.db, auth.orgId, body.pack, body.overlays, body.publish, auth.memberId);
      return { body: version };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/v1/admin/policy/versions/:version/publish',
    access: 'coe',
    tag: 'admin',
    summary: 'Make a policy version current (also to roll back)',
    params: PolicyVersionParamSchema,
    body: EmptyBodySchema,
    response: OkResponseSchema,
    async handler({ hub, auth, params }) {
      const [row] = await hub.db.db
        .select({ version: policyVersions.version })
        .from(policyVersions)
        .where(and(eq(policyVersions.orgId, auth.orgId), eq(policyVersions.version, Number(params.version))));
      if (!row) throw new HttpError(404, 'No policy version with this number.');
      await hub.db.db.update(orgs).set({ currentPolicyVersion: row.version }).where(eq(orgs.id, auth.orgId));
      return { body: { ok: true } };
    },
  }),
];

function inviteDto(row: typeof invites.$inferSelect) {
  return {
    id: row.id,
    businessUnitId: row.businessUnitId,
    role: row.role,
    maxUses: row.maxUses,
    uses: row.uses,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: iso(row.revokedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

function memberDto(row: typeof members.$inferSelect) {
  return {
    id: row.id,
    displayName: row.displayName,
    role: row.role,
    businessUnitId: row.businessUnitId,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: iso(row.lastSeenAt),
  };
}

export async function createInvite(
  db: Database,
  input: {
    orgId: string;
    businessUnitId: string;
    role: 'advocate' | 'coe';
    maxUses: number;
    expiresInHours: number;
    createdBy?: string;
  },
): Promise<{ code: string; row: typeof invites.$inferSelect }> {
  const code = newInviteCode();
  const [row] = await db.db
    .insert(invites)
    .values({
      id: randomUUID(),
      orgId: input.orgId,
      businessUnitId: input.businessUnitId,
      role: input.role,
      codeHash: inviteCodeHash(code),
      maxUses: input.maxUses,
      expiresAt: new Date(Date.now() + input.expiresInHours * 3_600_000),
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { code, row: row as typeof invites.$inferSelect };
}

/**
 * Validates a pack and its overlays with the guideline engine (schema, compilation, every rule's own tests; overlays
 * may not weaken the central pack) and stores them as the next immutable version.
 */
export async function addPolicyVersion(
  db: Database,
  orgId: string,
  pack: unknown,
  overlays: Record<string, unknown>,
  publish: boolean,
  createdBy?: string,
) {
  if (JSON.stringify({ pack, overlays }).includes('\\u0000')) {
    throw new HttpError(422, 'The policy contains a NUL character, which cannot be stored.', [
      { path: 'body', message: 'Remove the \\u0000 characters.' },
    ]);
  }
  const engine = await loadEngine();
  if (!engine) throw new HttpError(503, 'The guideline engine is not available on this hub; no policy can be checked.');
  const checked = engine.validatePack(pack);
  if (!checked.ok) {
    throw new HttpError(
      422,
      'The policy pack was refused: it does not validate, compile or pass its rules’ own tests.',
      checked.errors.slice(0, 50).map((e) => ({ ...e, path: `body.pack${e.path ? `.${e.path}` : ''}` })),
    );
  }
  const storedOverlays: Record<string, unknown> = {};
  for (const [unitId, overlay] of Object.entries(overlays)) {
    const result = engine.validateOverlay(checked.pack, overlay);
    if (!result.ok) {
      throw new HttpError(
        422,
        `The overlay for business unit ${unitId} was refused: it does not validate, or it weakens the central policy.`,
        result.errors.slice(0, 50).map((e) => ({ ...e, path: `body.overlays.${unitId}${e.path ? `.${e.path}` : ''}` })),
      );
    }
    storedOverlays[unitId] = result.overlay;
  }
  return db.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM orgs WHERE id = ${orgId} FOR UPDATE`);
    const res = await tx.execute(
      sql`SELECT coalesce(max(version), 0) + 1 AS v FROM policy_versions WHERE org_id = ${orgId}`,
    );
    const v = Number(rowsOf<{ v: number }>(res)[0]?.v ?? 1);
    const [row] = await tx
      .insert(policyVersions)
      .values({ orgId, version: v, pack: checked.pack, overlays: storedOverlays, createdBy: createdBy ?? null })
      .returning();
    if (publish) await tx.update(orgs).set({ currentPolicyVersion: v }).where(eq(orgs.id, orgId));
    return {
      version: v,
      createdAt: (row?.createdAt ?? new Date()).toISOString(),
      current: publish,
      overlayBusinessUnitIds: Object.keys(storedOverlays),
      pack: checked.pack as Record<string, unknown>,
      overlays: storedOverlays as Record<string, Record<string, unknown>>,
    };
  });
}

/** The report of the period, from the roll-ups kept at ingest (server/rollups.ts). */
export async function analytics(
  db: Database,
  orgId: string,
  from: string,
  to: string,
  bucket: 'day' | 'week' = 'week',
) {
  const q = <T>(text: string, params: unknown[] = [orgId, from, to]) => db.query<T>(text, params);
  const n = (v: unknown) => Number(v ?? 0);

  const units = await q<{ id: string; name: string; active: number; sharing: number; shares: number; clicks: number }>(
    `SELECT b.id, b.name,
            (SELECT count(*) FROM members m WHERE m.org_id = $1 AND m.business_unit_id = b.id AND m.status = 'active') AS active,
            (SELECT count(DISTINCT r.member_id) FROM daily_rollups r JOIN members m ON m.id = r.member_id AND m.status = 'active'
              WHERE r.org_id = $1 AND m.business_unit_id = b.id AND r.shares > 0 AND r.day BETWEEN $2::date AND $3::date) AS sharing,
            (SELECT coalesce(sum(r.shares), 0) FROM daily_rollups r
              WHERE r.org_id = $1 AND r.business_unit_id = b.id AND r.day BETWEEN $2::date AND $3::date) AS shares,
            (SELECT coalesce(sum(r.clicks), 0) FROM daily_rollups r
              WHERE r.org_id = $1 AND r.business_unit_id = b.id AND r.day BETWEEN $2::date AND $3::date) AS clicks
       FROM business_units b WHERE b.org_id = $1 ORDER BY b.created_at, b.id`,
  );
  // Views: the views gained in the period (per post and day, server/rollups.ts), attributed to the member's unit.
  const views = await q<{ bu: string; network: string; views: number }>(
    `SELECT m.business_unit_id AS bu, r.network, sum(r.views) AS views
       FROM daily_rollups r JOIN members m ON m.id = r.member_id AND m.org_id = $1
      WHERE r.org_id = $1 AND r.day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2`,
  );
  const networks = await q<{ network: string; shares: number; clicks: number }>(
    `SELECT network, sum(shares) AS shares, sum(clicks) AS clicks FROM daily_rollups
      WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY 1`,
  );
  const topContent = await q<{ id: string; title: string; shares: number; clicks: number }>(
    `WITH s AS (
       SELECT content_id, count(*) AS shares FROM shares
        WHERE org_id = $1 AND content_id IS NOT NULL AND occurred_at >= $2::date AND occurred_at < $3::date + 1
        GROUP BY 1
     ), k AS (
       SELECT l.content_id, count(*) AS clicks FROM clicks k JOIN links l ON l.code = k.code
        WHERE k.org_id = $1 AND l.org_id = $1 AND NOT k.bot AND k.day BETWEEN $2::date AND $3::date
        GROUP BY 1
     )
     SELECT c.id, c.title, coalesce(s.shares, 0) AS shares, coalesce(k.clicks, 0) AS clicks
       FROM content_items c LEFT JOIN s ON s.content_id = c.id LEFT JOIN k ON k.content_id = c.id
      WHERE c.org_id = $1 AND c.deleted_at IS NULL
      ORDER BY 3 DESC, 4 DESC, c.title LIMIT 10`,
  );
  // Rules: the per-rule roll-up kept at ingest, summed over the period and the units.
  const rules = await q<{ rule_id: string; triggered: number; dismissed: number; not_helpful: number }>(
    `SELECT rule_id, sum(triggered) AS triggered, sum(dismissed) AS dismissed, sum(not_helpful) AS not_helpful
       FROM rule_rollups WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1`,
  );
  const byRule = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const topRules = rules
    .filter((r) => n(r.triggered) > 0)
    .sort((a, b) => n(b.triggered) - n(a.triggered) || byRule(a.rule_id, b.rule_id))
    .slice(0, 10)
    .map((r) => ({ ruleId: r.rule_id, count: n(r.triggered) }));
  const noisyRules = rules
    .map((r) => {
      const triggered = n(r.triggered);
      const pushback = n(r.dismissed) + n(r.not_helpful);
      return {
        ruleId: r.rule_id,
        triggered,
        dismissed: n(r.dismissed),
        notHelpful: n(r.not_helpful),
        ratio: triggered > 0 ? pushback / triggered : null,
        pushback,
      };
    })
    .filter((r) => r.pushback > 0)
    .sort((a, b) => b.pushback - a.pushback || (b.ratio ?? 0) - (a.ratio ?? 0) || byRule(a.ruleId, b.ruleId))
    .slice(0, 10)
    .map(({ pushback: _, ...r }) => r);
  const idle = await q<{ id: string; display_name: string; business_unit_id: string }>(
    `SELECT m.id, m.display_name, m.business_unit_id FROM members m
      WHERE m.org_id = $1 AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM daily_rollups r WHERE r.org_id = $1 AND r.member_id = m.id AND r.events > 0
                          AND r.day BETWEEN $2::date AND $3::date)
      ORDER BY m.display_name LIMIT 500`,
  );

  const step = bucket === 'day' ? 1 : 7;
  // Bucket k covers the days from + k·step … from + (k+1)·step − 1 (the last one ends at `to`).
  const sharingByBucket = await q<{ b: number; sharing: number }>(
    `SELECT floor(((e.occurred_at AT TIME ZONE 'UTC')::date - $2::date) / $4::int) AS b,
            count(DISTINCT e.member_id) AS sharing
       FROM events e JOIN members m ON m.id = e.member_id AND m.org_id = $1 AND m.status = 'active'
      WHERE e.org_id = $1 AND e.type = 'post_published'
        AND e.occurred_at >= $2::date AND e.occurred_at < $3::date + 1
      GROUP BY 1`,
    [orgId, from, to, step],
  );
  const joined = await q<{ created_at: string | Date }>(
    `SELECT created_at FROM members WHERE org_id = $1 AND status = 'active'`,
    [orgId],
  );
  const joinedAt = joined.map((m) => new Date(m.created_at).getTime());
  const participationSeries: Array<{
    from: string;
    to: string;
    activeMembers: number;
    sharingMembers: number;
    participationRate: number;
  }> = [];
  const dayMs = 86_400_000;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let k = 0; start + k * step * dayMs <= end; k++) {
    const bucketFrom = start + k * step * dayMs;
    const bucketTo = Math.min(bucketFrom + (step - 1) * dayMs, end);
    const active = joinedAt.filter((t) => t < bucketTo + dayMs).length;
    const sharing = n(sharingByBucket.find((r) => n(r.b) === k)?.sharing);
    participationSeries.push({
      from: new Date(bucketFrom).toISOString().slice(0, 10),
      to: new Date(bucketTo).toISOString().slice(0, 10),
      activeMembers: active,
      sharingMembers: sharing,
      participationRate: active > 0 ? Math.min(1, sharing / active) : 0,
    });
  }
  const inactive = await q<{
    id: string;
    display_name: string;
    business_unit_id: string;
    created_at: string | Date;
    last: string | Date | null;
  }>(
    `SELECT m.id, m.display_name, m.business_unit_id, m.created_at, a.last
       FROM members m
       LEFT JOIN LATERAL (SELECT max(e.occurred_at) AS last FROM events e
                           WHERE e.org_id = $1 AND e.member_id = m.id) a ON true
      WHERE m.org_id = $1 AND m.status = 'active'
        AND coalesce(a.last, m.created_at) < now() - interval '30 days'
      ORDER BY a.last ASC NULLS FIRST, m.created_at, m.display_name`,
    [orgId],
  );
  const ninetyDaysAgo = Date.now() - 90 * dayMs;
  const instant = (v: string | Date) => new Date(v).toISOString();

  const viewsByUnit = new Map<string, number>();
  const viewsByNetwork = new Map<string, number>();
  for (const v of views) {
    viewsByUnit.set(v.bu, (viewsByUnit.get(v.bu) ?? 0) + n(v.views));
    viewsByNetwork.set(v.network, (viewsByNetwork.get(v.network) ?? 0) + n(v.views));
  }
  const byBusinessUnit = units.map((u) => ({
    businessUnitId: u.id,
    name: u.name,
    activeMembers: n(u.active),
    sharingMembers: n(u.sharing),
    participationRate: n(u.active) > 0 ? n(u.sharing) / n(u.active) : 0,
    shares: n(u.shares),
    clicks: n(u.clicks),
    views: viewsByUnit.get(u.id) ?? 0,
  }));
  const activeMembers = byBusinessUnit.reduce((s, u) => s + u.activeMembers, 0);
  const sharingMembers = byBusinessUnit.reduce((s, u) => s + u.sharingMembers, 0);
  const byNetwork = (['linkedin', 'x'] as const).map((network) => {
    const row = networks.find((r) => r.network === network);
    return { network, shares: n(row?.shares), clicks: n(row?.clicks), views: viewsByNetwork.get(network) ?? 0 };
  });
  return {
    from,
    to,
    activeMembers,
    sharingMembers,
    participationRate: activeMembers > 0 ? sharingMembers / activeMembers : 0,
    totals: {
      shares: byNetwork.reduce((s, r) => s + r.shares, 0),
      clicks: byNetwork.reduce((s, r) => s + r.clicks, 0),
      views: byNetwork.reduce((s, r) => s + r.views, 0),
    },
    byBusinessUnit,
    byNetwork,
    topContent: topContent.map((c) => ({ contentId: c.id, title: c.title, shares: n(c.shares), clicks: n(c.clicks) })),
    topRules,
    noisyRules,
    idleMembers: idle.map((m) => ({ id: m.id, displayName: m.display_name, businessUnitId: m.business_unit_id })),
    participationSeries,
    inactive: {
      over30Days: inactive.length,
      over90Days: inactive.filter((m) => new Date(m.last ?? m.created_at).getTime() < ninetyDaysAgo).length,
      members: inactive.slice(0, 500).map((m) => ({
        id: m.id,
        displayName: m.display_name,
        businessUnitId: m.business_unit_id,
        joinedAt: instant(m.created_at),
        lastActiveAt: m.last === null ? null : instant(m.last),
      })),
    },
  };
}
