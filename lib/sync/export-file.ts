import type { MeExportPage } from '@/lib/contract/hub-member';

/**
 * "Download my data": the pages of `GET /v1/me/export` written as one JSON file, `{ exportedAt, me, <table>: [rows…],
 * … }`, one row a line. Each page becomes a Blob of its own as it arrives, so the page holding the file never keeps
 * the whole export as objects (the browser may keep large Blobs on disk). A table's rows continue where the previous
 * page left them (the hub sends each table's rows in one run, tables in order).
 */
export async function collectExport(nextPage: (cursor?: string) => Promise<MeExportPage>): Promise<Blob> {
  const parts: BlobPart[] = [];
  const written = new Set<string>();
  let open: string | null = null;
  let firstRow = true;
  let cursor: string | undefined;
  do {
    const page = await nextPage(cursor);
    const text: string[] = [];
    if (parts.length === 0) {
      text.push(`{"exportedAt":${JSON.stringify(page.exportedAt)},\n"me":${JSON.stringify(page.me)}`);
    }
    for (const { table, rows } of page.tables) {
      if (table !== open) {
        if (written.has(table)) throw new Error(`The hub sent the rows of ${table} in two runs; try again.`);
        if (open !== null) text.push('\n]');
        text.push(`,\n${JSON.stringify(table)}:[`);
        written.add(table);
        open = table;
        firstRow = true;
      }
      for (const row of rows) {
        text.push(firstRow ? '\n' : ',\n', JSON.stringify(row));
        firstRow = false;
      }
    }
    parts.push(new Blob([text.join('')]));
    cursor = page.next ?? undefined;
  } while (cursor);
  parts.push(open === null ? '\n}\n' : '\n]\n}\n');
  return new Blob(parts, { type: 'application/json' });
}
