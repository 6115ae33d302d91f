// Storage: PGlite in a local folder by default (or in memory), Postgres through postgres-js with DATABASE_URL.
// Same schema, same SQL migrations (server/migrations, from drizzle-kit), applied at open.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import * as schema from './schema';

// Each driver is loaded only when used: PGlite's bundle alone is ~50 MB of a Postgres hub's memory.

type Schema = typeof schema;
type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Drizzle, for typed queries. */
  db: Db;
  /**
   * Raw parameterised SQL (`$1`, `$2`…), for the hot paths and reports. `prepare`: Postgres keeps the statement's plan
   * per connection (for a fixed text run on every request; it halves the time of a small one).
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: { prepare?: boolean }): Promise<T[]>;
  /** A Drizzle `sql` template, rows normalised across drivers. */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Runs the statements in order in one transaction and returns the rows of each; any failure rolls back all of them.
   * Postgres gets them at once (pipelined, prepared): one round trip for a hot path, however many statements.
   */
  batch(statements: SQL[]): Promise<Array<Array<Record<string, unknown>>>>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tarball (a template for fast test databases). */
  dump?(): Promise<Blob>;
}

export interface OpenOptions {
  /** `postgres://…`: use Postgres. Otherwise PGlite. */
  url?: string;
  /** PGlite data folder; in memory when absent. */
  dataDir?: string;
  /** Postgres pool size. */
  poolSize?: number;
  /** Postgres: a batch not answered within this many ms fails as the database being away (503). */
  batchDeadlineMs?: number;
  /** PGlite in memory: start from this tarball of a data folder (see `dump`) instead of running initdb. */
  template?: Blob;
}

const dialect = new PgDialect();

/**
 * How long a batch may go unanswered, from asking for a connection to the last answer. A connection cut in the middle
 * of a write can still, rarely, leave the driver's promises unsettled (patches/postgres+3.4.9.patch settles the cases
 * found); the request then answers 503 and the outbox retries it under the same Idempotency-Key. Statements already
 * sent may still commit later (a lock let go): the key, stored in the same transaction, makes the retry a replay, so
 * the batch is stored once either way. Longer than the outbox's own wait (15 s).
 */
const BATCH_DEADLINE_MS = 30_000;

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Opens the database and applies pending migrations. */
export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    return openPostgres(options.url, options.poolSize ?? 10, options.batchDeadlineMs ?? BATCH_DEADLINE_MS);
  }
  return openPglite(options.dataDir, options.template);
}

async function openPglite(dataDir: string | undefined, template?: Blob): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle: drizzlePglite } = await import('drizzle-orm/pglite');
  const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A small buffer pool: PGlite serves one organisation on one machine, and every MB counts in the hub's RSS.
  const settings = ['-c', `shared_buffers=${process.env.SPOKE_PGLITE_SHARED_BUFFERS ?? '8MB'}`];
  const options = {
    startParams: [...PGlite.defaultStartParams, ...settings],
    ...(template && !dataDir ? { loadDataDir: template } : {}),
  };
  const client = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  let closed = false;
  return {
    kind: 'pglite',
    db,
    async query<T>(text: string, params: unknown[] = []) {
      return (await client.query(text, params)).rows as T[];
    },
    async rows<T>(query: SQL) {
      return (await db.execute(query)).rows as T[];
    },
    async batch(statements: SQL[]) {
      return client.transaction(async (tx) => {
        const results: Array<Array<Record<string, unknown>>> = [];
        for (const statement of statements) {
          const query = dialect.sqlToQuery(statement);
          results.push((await tx.query<Record<string, unknown>>(query.sql, query.params)).rows);
        }
        return results;
      });
    },
    async dump() {
      return (await client.dumpDataDir('none')) as Blob;
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.close();
    },
  };
}

async function openPostgres(url: string, max: number, batchDeadlineMs: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle: drizzlePostgres } = await import('drizzle-orm/postgres-js');
  const { migrate: migratePostgres } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max, onnotice: () => {}, connection: { application_name: 'spoke-hub' } });
  const db = drizzlePostgres(client, { schema });
  // One migrator at a time across hub instances.
  const lock = await client.reserve();
  try {
    await lock`SELECT pg_advisory_lock(727245)`;
    await migratePostgres(db, { migrationsFolder });
  } finally {
    await lock`SELECT pg_advisory_unlock(727245)`.catch(() => {});
    lock.release();
  }
  return {
    kind: 'postgres',
    db,
    async query<T>(text: string, params: unknown[] = [], options: { prepare?: boolean } = {}) {
      return (await client.unsafe(text, params as postgres.ParameterOrJSON<never>[], options)) as T[];
    },
    async rows<T>(query: SQL) {
      return (await db.execute(query)) as T[];
    },
    async batch(statements: SQL[]) {
      let timer: NodeJS.Timeout | undefined;
      let late = false;
      const deadline = new Promise<'deadline'>((resolve) => {
        timer = setTimeout(() => {
          late = true;
          resolve('deadline');
        }, batchDeadlineMs);
      });
      const answered = client.reserve().then((connection) => {
        // A connection that came after the request was answered 503 writes nothing: the retry will.
        if (late) {
          connection.release();
          return [];
        }
        // All written before the first answer. Should a statement fail, the COMMIT after it ends the aborted
        // transaction as a ROLLBACK, and the statement's error is what this throws. (BEGIN does not fail on a working
        // connection; on a broken one, everything after it fails too.)
        const sent = [
          connection.unsafe('BEGIN'),
          ...statements.map((statement) => {
            const query = dialect.sqlToQuery(statement);
            return connection.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[], { prepare: true });
          }),
          connection.unsafe('COMMIT'),
        ].map((query) => query.execute());
        const settled = Promise.allSettled(sent);
        // The connection goes back to the pool once its statements are settled, never with some still on it.
        void settled.then(() => connection.release());
        return settled;
      });
      const settled = await Promise.race([answered, deadline]).finally(() => clearTimeout(timer));
      if (settled === 'deadline') {
        throw Object.assign(new Error(`The database did not answer a batch within ${batchDeadlineMs} ms.`), {
          code: 'BATCH_DEADLINE',
        });
      }
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      return settled
        .slice(1, -1)
        .map((result) => (result as PromiseFulfilledResult<Array<Record<string, unknown>>>).value);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** SQLSTATE classes and codes that say the database is away, not that the request was wrong. */
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53300)/;
/** The drivers' own codes for a connection that failed, closed or timed out. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'BATCH_DEADLINE',
]);

/**
 * Whether `error` (or what it wraps) says the database cannot be reached right now: a restart, a failover, a
 * database that refuses connections for a while. The hub then answers 503 with Retry-After instead of 500, and
 * postgres-js opens new connections by itself once the database is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at && typeof at === 'object' && depth < 5; depth++) {
    const { code, message } = at as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    // 55000 is broad; only its "does not allow connections" (ALTER DATABASE … ALLOW_CONNECTIONS false) is the database away.
    if (code === '55000' && typeof message === 'string' && /does not allow connections/.test(message)) return true;
    at = (at as { cause?: unknown }).cause;
  }
  return false;
}
