// Approved content: the CoE's items (drafts, published, archived, deleted as tombstones) and the library an
// advocate syncs, full or as the delta since a cursor.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type {
  ContentItem,
  ContentStatus,
  CreateContentRequest,
  LibraryResponse,
  UpdateContentRequest,
} from '../../lib/contract/hub';
import type { Database } from '../db';
import { contentItems } from '../db/schema';
import { HttpError } from '../problem';
import { chainOf, iso, loadUnits } from '../queries';
import { checkUnits } from './units';

type ContentRow = typeof contentItems.$inferSelect;

function contentDto(row: ContentRow): ContentItem {
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

async function contentOr404(db: Database, orgId: string, id: string): Promise<ContentRow> {
  const [row] = await db.db
    .select()
    .from(contentItems)
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id), isNull(contentItems.deletedAt)));
  if (!row) throw new HttpError(404, 'No content item with this id.');
  return row;
}

function checkWindow(startsAt: string | null | undefined, expiresAt: string | null | undefined): void {
  if (startsAt && expiresAt && Date.parse(expiresAt) <= Date.parse(startsAt)) {
    throw new HttpError(400, 'The item must expire after it starts.', [
      { path: 'body.expiresAt', message: '"expiresAt" must come after "startsAt".' },
    ]);
  }
}

const nextRev = sql`nextval('content_rev_seq')`;
/** The item leaves the library now, unless it already had (archived, then deleted). */
const withdrawnNow = sql`coalesce(${contentItems.withdrawnAt}, now())`;

export async function listContent(db: Database, orgId: string, status?: ContentStatus): Promise<ContentItem[]> {
  const rows = await db.db
    .select()
    .from(contentItems)
    .where(
      and(
        eq(contentItems.orgId, orgId),
        isNull(contentItems.deletedAt),
        status ? eq(contentItems.status, status) : undefined,
      ),
    )
    .orderBy(desc(contentItems.updatedAt))
    .limit(1000);
  return rows.map(contentDto);
}

export async function getContent(db: Database, orgId: string, id: string): Promise<ContentItem> {
  return contentDto(await contentOr404(db, orgId, id));
}

/** A new item, a draft. */
export async function createContent(db: Database, orgId: string, body: CreateContentRequest): Promise<ContentItem> {
  await checkUnits(db, orgId, body.businessUnitIds, 'body.businessUnitIds');
  checkWindow(body.startsAt, body.expiresAt);
  const [row] = await db.db
    .insert(contentItems)
    .values({
      id: randomUUID(),
      orgId,
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
  return contentDto(row as ContentRow);
}

/** Edits an item; 409 when `expectedVersion` is stale or another edit won meanwhile. */
export async function updateContent(
  db: Database,
  orgId: string,
  id: string,
  body: UpdateContentRequest,
): Promise<ContentItem> {
  const current = await contentOr404(db, orgId, id);
  if (body.expectedVersion !== undefined && body.expectedVersion !== current.version) {
    throw new HttpError(409, `The item changed meanwhile (now version ${current.version}); reload and retry.`);
  }
  if (body.businessUnitIds) await checkUnits(db, orgId, body.businessUnitIds, 'body.businessUnitIds');
  const startsAt = body.startsAt === undefined ? iso(current.startsAt) : body.startsAt;
  const expiresAt = body.expiresAt === undefined ? iso(current.expiresAt) : body.expiresAt;
  checkWindow(startsAt, expiresAt);
  const [row] = await db.db
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
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id), eq(contentItems.version, current.version)))
    .returning();
  if (!row) throw new HttpError(409, 'The item changed meanwhile; reload and retry.');
  return contentDto(row);
}

/** Publishes (advocates receive it with their next sync) or archives (a tombstone for them) an item. */
export async function setContentStatus(
  db: Database,
  orgId: string,
  id: string,
  status: 'published' | 'archived',
): Promise<ContentItem> {
  const current = await contentOr404(db, orgId, id);
  const [row] = await db.db
    .update(contentItems)
    .set({
      status,
      rev: nextRev,
      updatedAt: new Date(),
      // Shares made while it was in the library still count after it leaves (server/rollups.ts): keep when it left.
      ...(status === 'published'
        ? { publishedAt: current.publishedAt ?? new Date(), withdrawnAt: null }
        : { withdrawnAt: withdrawnNow }),
    })
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id)))
    .returning();
  return contentDto(row as ContentRow);
}

/** Deletes an item, kept as a tombstone for sync. */
export async function deleteContent(db: Database, orgId: string, id: string): Promise<void> {
  await contentOr404(db, orgId, id);
  await db.db
    .update(contentItems)
    .set({ deletedAt: new Date(), status: 'archived', withdrawnAt: withdrawnNow, rev: nextRev, updatedAt: new Date() })
    .where(and(eq(contentItems.orgId, orgId), eq(contentItems.id, id)));
}

interface LibraryRow {
  id: string;
  title: string;
  url: string | null;
  variants: Record<string, { text: string }>;
  hashtags: string[];
  tags: string[];
  business_unit_ids: string[];
  locale: string;
  starts_at: Date | null;
  expires_at: Date | null;
  status: string;
  version: number;
  rev: string | number;
  deleted_at: Date | null;
  updated_at: Date;
  published_at: Date | null;
}

/** The head of the organisation's content and the member's unit chain: what the library's ETag is made of. */
export async function libraryHead(
  db: Database,
  orgId: string,
  businessUnitId: string,
): Promise<{ cursor: string; chain: string[] }> {
  const [head] = await db.query<{ rev: string | number | null }>(
    'SELECT max(rev) AS rev FROM content_items WHERE org_id = $1',
    [orgId],
  );
  return { cursor: String(head?.rev ?? 0), chain: chainOf(await loadUnits(db, orgId), businessUnitId) };
}

/** Published, live items targeted at the chain changed after `since`; with a cursor, tombstones for the others. */
export async function library(
  db: Database,
  orgId: string,
  chain: string[],
  since: number,
  cursor: string,
): Promise<LibraryResponse> {
  const visibleTo = new Set(chain);
  const now = Date.now();
  const rows = await db.query<LibraryRow>(
    `SELECT id, title, url, variants, hashtags, tags, business_unit_ids, locale, starts_at, expires_at, status,
            version, rev, deleted_at, updated_at, published_at
       FROM content_items WHERE org_id = $1 AND rev > $2 ORDER BY rev`,
    [orgId, since],
  );
  const items: LibraryResponse['items'] = [];
  const tombstones: LibraryResponse['tombstones'] = [];
  for (const row of rows) {
    const targeted = row.business_unit_ids.length === 0 || row.business_unit_ids.some((id) => visibleTo.has(id));
    const live = !row.expires_at || new Date(row.expires_at).getTime() > now;
    if (row.status === 'published' && !row.deleted_at && targeted && live) {
      items.push({
        id: row.id,
        title: row.title,
        url: row.url,
        variants: row.variants,
        hashtags: row.hashtags,
        tags: row.tags,
        businessUnitIds: row.business_unit_ids,
        locale: row.locale,
        startsAt: iso(row.starts_at),
        expiresAt: iso(row.expires_at),
        version: row.version,
        updatedAt: iso(row.updated_at) ?? '',
        publishedAt: iso(row.published_at),
      });
    } else if (since > 0) {
      tombstones.push({ id: row.id });
    }
  }
  return { items, tombstones, cursor, full: since === 0 };
}
