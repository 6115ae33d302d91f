// Rate limits that hold for everything sharing the database: several hub instances on one Postgres enforce one limit
// between them, not one each. Every bucket is a GCRA (generic cell rate algorithm) token bucket: one timestamp, the
// moment it is full again, moved forward by each request it lets through; refused requests move nothing.
//
// On Postgres the buckets are rows of `rate_limits`, each request one atomic statement. PGlite belongs to a single
// process, so there the same buckets live in that process's memory: as shared as the database itself, without a
// statement per request queued behind ingest on PGlite's one connection.
//
// rate-limiter-flexible's Postgres store was the ready-made alternative; it drives node-postgres, Knex or Sequelize
// (the hub speaks postgres-js and PGlite), creates its own tables outside the migrations, and counts fixed windows
// (twice the limit across a window's edge).
import type { Database } from './db';
import { log } from './log';

export interface Verdict {
  ok: boolean;
  /** Seconds until a request would be allowed. */
  retryAfter: number;
}

export interface RateLimiter {
  /**
   * `cost` units from the bucket `key`, which holds `limit` and refills them evenly over `windowMs`: let through when
   * the bucket's full-again time, moved by `cost` intervals of `windowMs / limit`, stays within a window of now.
   */
  take(key: string, cost: number, limit: number, windowMs: number): Promise<Verdict>;
  /** Returns `cost` units taken from `key` that turned out not to be used (a replayed batch, refused events). */
  giveBack(key: string, cost: number, limit: number, windowMs: number): Promise<void>;
  /** Forgets these buckets (an erased member's): a full bucket and no bucket are the same thing. */
  forget(keys: string[]): Promise<void>;
}

/** The buckets of one member: requests per minute, events per hour. */
export const memberBuckets = {
  requests: (memberId: string) => `m:${memberId}`,
  events: (memberId: string) => `e:${memberId}`,
};

const limiters = new WeakMap<Database, RateLimiter>();

/** The buckets of a database, one set however many hub apps use it. */
export function rateLimiterFor(db: Database): RateLimiter {
  let limiter = limiters.get(db);
  if (!limiter) {
    limiter = db.kind === 'postgres' ? new DatabaseBuckets(db) : new MemoryBuckets();
    limiters.set(db, limiter);
  }
  return limiter;
}

/** Buckets in this process (PGlite). */
export class MemoryBuckets implements RateLimiter {
  private fullAt = new Map<string, number>();

  async take(key: string, cost: number, limit: number, windowMs: number): Promise<Verdict> {
    const now = Date.now();
    const next = Math.max(this.fullAt.get(key) ?? now, now) + cost * (windowMs / limit);
    if (next - now > windowMs) return refusal(next - now - windowMs);
    if (this.fullAt.size >= 100_000 && !this.fullAt.has(key)) {
      // A full bucket and no bucket are the same thing.
      for (const [old, at] of this.fullAt) if (at <= now) this.fullAt.delete(old);
      if (this.fullAt.size >= 100_000) this.fullAt.clear();
    }
    this.fullAt.set(key, next);
    return { ok: true, retryAfter: 0 };
  }

  async giveBack(key: string, cost: number, limit: number, windowMs: number): Promise<void> {
    const fullAt = this.fullAt.get(key);
    if (fullAt !== undefined) this.fullAt.set(key, Math.max(Date.now(), fullAt - cost * (windowMs / limit)));
  }

  async forget(keys: string[]): Promise<void> {
    for (const key of keys) this.fullAt.delete(key);
  }
}

/**
 * One request against one row of `rate_limits`: whether it went through and, either way, how far ahead of now the
 * full-again time was before it (ms, from the statement's snapshot), for the Retry-After of a refusal. Time is the
 * database's: one clock for every instance.
 */
const TAKE = `
WITH taken AS (
  INSERT INTO rate_limits AS b (key, full_at)
  SELECT $1::text, now() + $2::float8 * interval '1 millisecond' WHERE $2::float8 <= $3::float8
  ON CONFLICT (key) DO UPDATE SET full_at = greatest(b.full_at, now()) + $2::float8 * interval '1 millisecond'
    WHERE greatest(b.full_at, now()) + $2::float8 * interval '1 millisecond'
          <= now() + $3::float8 * interval '1 millisecond'
  RETURNING 1
)
SELECT EXISTS (SELECT 1 FROM taken) AS ok,
       (SELECT extract(epoch FROM greatest(full_at, now()) - now()) * 1000 FROM rate_limits WHERE key = $1::text)
         AS ahead_ms`;

/** Rows full again for longer than this are deleted now and then (a full bucket and no row are the same thing). */
const SWEEP_EVERY_MS = 5 * 60_000;

/** Buckets in the database (Postgres), shared by every hub instance on it. */
export class DatabaseBuckets implements RateLimiter {
  /**
   * Refusals remembered in this process: a bucket's full-again time only moves forward (but for units given back), so
   * a request the database refused stays refused until its retry time, for any cost as large under the same limit,
   * whichever instance asks; units given back on another instance are seen here at that time at the latest. A flood
   * from one client costs one statement per retry period instead of one per request.
   */
  private refused = new Map<string, { until: number; cost: number; limit: number; windowMs: number }>();
  private lastSweep = Date.now();

  constructor(private readonly db: Database) {}

  async take(key: string, cost: number, limit: number, windowMs: number): Promise<Verdict> {
    const now = Date.now();
    const known = this.refused.get(key);
    if (known && known.until > now && cost >= known.cost && limit === known.limit && windowMs === known.windowMs) {
      return refusal(known.until - now);
    }
    const interval = cost * (windowMs / limit);
    const [row] = await this.db.query<{ ok: boolean; ahead_ms: number | string | null }>(
      TAKE,
      [key, interval, windowMs],
      { prepare: true },
    );
    this.sweep(now);
    if (row?.ok) {
      if (known) this.refused.delete(key);
      return { ok: true, retryAfter: 0 };
    }
    const waitMs = Math.max(0, Number(row?.ahead_ms ?? 0) + interval - windowMs);
    if (this.refused.size >= 10_000) this.refused.clear();
    this.refused.set(key, { until: now + waitMs, cost, limit, windowMs });
    return refusal(waitMs);
  }

  async giveBack(key: string, cost: number, limit: number, windowMs: number): Promise<void> {
    await this.db.query(
      `UPDATE rate_limits SET full_at = greatest(now(), full_at - $2::float8 * interval '1 millisecond')
        WHERE key = $1::text`,
      [key, cost * (windowMs / limit)],
      { prepare: true },
    );
    this.refused.delete(key);
  }

  async forget(keys: string[]): Promise<void> {
    await this.db.query('DELETE FROM rate_limits WHERE key = ANY($1::text[])', [keys]);
    for (const key of keys) this.refused.delete(key);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, known] of this.refused) if (known.until <= now) this.refused.delete(key);
    this.db.query('DELETE FROM rate_limits WHERE full_at < now()').catch((error: unknown) => {
      log.error({ err: error }, 'sweeping rate_limits failed');
    });
  }
}

function refusal(waitMs: number): Verdict {
  return { ok: false, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) };
}
