// `GET /v1/me/export`: everything the hub holds about the member, a page at a time, with no cap. The pages walk the
// tables of `MEMBER_TABLES` in the contract's order (`EXPORT_TABLES`), each by its key (keyset paging: a page costs
// the same at row 10 and at row 10 million); the cursor says which table and after which key to go on.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { EXPORT_TABLES, type ExportTableName, InstantSchema, type MeExportPage } from '../../lib/contract/hub';
import type { AuthContext } from '../auth';
import type { Database } from '../db';
import { HttpError } from '../problem';
import { loadMe } from '../queries';
import { type KeyType, MEMBER_TABLES, type MemberTable, memberRows } from './member-data';

/** Rows per page, all tables together: a page stays well under a megabyte. */
const EXPORT_PAGE_ROWS = 1000;

const KEY_VALUE: Record<KeyType, z.ZodType<string>> = {
  uuid: z.uuid(),
  text: z.string().max(1000),
  date: z.iso.date(),
  timestamptz: InstantSchema,
  boolean: z.enum(['true', 'false']),
  int: z.string().regex(/^-?\d{1,9}$/),
};

const CursorSchema = z.strictObject({
  table: z.enum(EXPORT_TABLES as [ExportTableName, ...ExportTableName[]]),
  /** The key of the last row sent; null: from the table's first row. */
  after: z.array(z.string()).nullable(),
});
type Cursor = z.infer<typeof CursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const refuse = () =>
    new HttpError(400, 'This cursor is not one the hub gave out.', [
      { path: 'query.cursor', message: 'Pass back the `next` of the previous page as it came, or none to start.' },
    ]);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  const parsed = CursorSchema.safeParse(json);
  if (!parsed.success) throw refuse();
  const { key } = MEMBER_TABLES[parsed.data.table] as MemberTable;
  const after = parsed.data.after;
  if (after && (after.length !== key.length || key.some(([, type], i) => !KEY_VALUE[type].safeParse(after[i]).success)))
    throw refuse();
  return parsed.data;
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** Up to `limit` of the member's rows of a table after `after`, in key order, as JSON objects with camelCase keys. */
async function readRows(
  db: Database,
  spec: MemberTable,
  auth: AuthContext,
  after: string[] | null,
  limit: number,
): Promise<Array<Record<string, unknown>>> {
  const columns = sql.raw(spec.key.map(([column]) => `r.${column}`).join(', '));
  const from = after
    ? sql`WHERE (${columns}) > (${sql.join(
        spec.key.map(([, type], i) => sql`${after[i]}::${sql.raw(type)}`),
        sql`, `,
      )})`
    : sql``;
  // UTC, so that every instant reads the same whichever the server's zone (and goes back into a cursor unchanged).
  const [, rows = []] = await db.batch([
    sql`SET LOCAL TIME ZONE 'UTC'`,
    sql`SELECT to_jsonb(r) AS row FROM (${memberRows(spec, auth.orgId, auth.memberId)}) r ${from}
         ORDER BY ${columns} LIMIT ${limit}`,
  ]);
  return rows.map(({ row }) =>
    Object.fromEntries(Object.entries(row as Record<string, unknown>).map(([k, v]) => [camel(k), v])),
  );
}

/** One page of the member's export, from `cursor` on (the first page without one). */
export async function exportPage(db: Database, auth: AuthContext, cursor?: string): Promise<MeExportPage> {
  const start = cursor ? decodeCursor(cursor) : { table: EXPORT_TABLES[0] as ExportTableName, after: null };
  const page: MeExportPage = {
    exportedAt: new Date().toISOString(),
    me: await loadMe(db, auth),
    tables: [],
    next: null,
  };
  let budget = EXPORT_PAGE_ROWS;
  let after = start.after;
  for (const table of EXPORT_TABLES.slice(EXPORT_TABLES.indexOf(start.table))) {
    const spec: MemberTable = MEMBER_TABLES[table];
    const rows = await readRows(db, spec, auth, after, budget);
    page.tables.push({ table, rows } as MeExportPage['tables'][number]);
    budget -= rows.length;
    const last = rows.at(-1);
    if (budget === 0 && last) {
      // The table may go on: the next page starts after this row.
      page.next = encodeCursor({ table, after: spec.key.map(([column]) => String(last[camel(column)])) });
      break;
    }
    after = null;
  }
  return page;
}
