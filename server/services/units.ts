// The business-unit tree of an organisation (the root is the CoE).
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { CreateBusinessUnitRequest, UpdateBusinessUnitRequest } from '../../lib/contract/hub';
import type { Database } from '../db';
import { businessUnits } from '../db/schema';
import { HttpError } from '../problem';
import { iso, loadUnits, subtreeOf } from '../queries';

/** 400 unless every id names a unit of the organisation; `path` is the field the errors point at. */
export async function checkUnits(db: Database, orgId: string, ids: string[], path: string): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await loadUnits(db, orgId)).map((u) => u.id));
  const errors = ids
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !known.has(id))
    .map(({ i }) => ({ path: `${path}.${i}`, message: 'No business unit with this id in your organisation.' }));
  if (errors.length) throw new HttpError(400, 'Unknown business unit.', errors);
}

function unitDto(row: typeof businessUnits.$inferSelect | undefined) {
  return { id: row?.id, name: row?.name, parentId: row?.parentId, createdAt: iso(row?.createdAt) };
}

export async function listUnits(db: Database, orgId: string) {
  const units = await loadUnits(db, orgId);
  return units.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() }));
}

/** A new unit, under the root unless a parent is named. */
export async function createUnit(db: Database, orgId: string, body: CreateBusinessUnitRequest) {
  const units = await loadUnits(db, orgId);
  const root = units.find((u) => u.parentId === null);
  const parentId = body.parentId ?? root?.id;
  if (!parentId || !units.some((u) => u.id === parentId)) {
    throw new HttpError(400, 'Unknown parent unit.', [
      { path: 'body.parentId', message: 'No business unit with this id in your organisation.' },
    ]);
  }
  const [row] = await db.db
    .insert(businessUnits)
    .values({ id: randomUUID(), orgId, parentId, name: body.name })
    .returning();
  return unitDto(row);
}

/** Renames or moves a unit: the root stays where it is, and no unit moves into its own subtree. */
export async function updateUnit(db: Database, orgId: string, id: string, body: UpdateBusinessUnitRequest) {
  const units = await loadUnits(db, orgId);
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
  const [row] = await db.db
    .update(businessUnits)
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.parentId !== undefined ? { parentId: body.parentId } : {}),
    })
    .where(and(eq(businessUnits.orgId, orgId), eq(businessUnits.id, id)))
    .returning();
  return unitDto(row);
}
