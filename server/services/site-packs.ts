// Site packs: the composer definitions an organisation's members run (lib/contract/site-pack.ts). One current pack
// per organisation, replaced whole; none means the pack built into the extension.
import { eq, sql } from 'drizzle-orm';
import type { SitePack } from '../../lib/contract/site-pack';
import type { Database } from '../db';
import { sitePacks } from '../db/schema';

export interface StoredSitePack {
  version: string;
  pack: SitePack;
  publishedAt: string;
}

export async function currentSitePack(db: Database, orgId: string): Promise<StoredSitePack | null> {
  const [row] = await db.db.select().from(sitePacks).where(eq(sitePacks.orgId, orgId)).limit(1);
  return row ? { version: row.version, pack: row.pack as SitePack, publishedAt: row.publishedAt.toISOString() } : null;
}

/** Publishes `pack` (validated by the route) as the organisation's current site pack. */
export async function publishSitePack(db: Database, orgId: string, pack: SitePack): Promise<StoredSitePack> {
  const [row] = await db.db
    .insert(sitePacks)
    .values({ orgId, version: pack.version, pack })
    .onConflictDoUpdate({
      target: sitePacks.orgId,
      set: { version: pack.version, pack, publishedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error('site pack not stored');
  return { version: row.version, pack: row.pack as SitePack, publishedAt: row.publishedAt.toISOString() };
}

/** Withdraws the organisation's site pack: members go back to the one built into their extension. */
export async function withdrawSitePack(db: Database, orgId: string): Promise<boolean> {
  const removed = await db.db.delete(sitePacks).where(eq(sitePacks.orgId, orgId)).returning({ orgId: sitePacks.orgId });
  return removed.length > 0;
}
