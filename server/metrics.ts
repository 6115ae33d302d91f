// Prometheus metrics (prom-client) for `GET /metrics`: requests by route pattern and status, their latency, ingest
// batches and events, the database's connections and queries, and Node's own process metrics. Labels take only
// bounded values: a route's pattern (`/v1/r/:code`, never the code), a method, a status, an event's result.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { EventBatchResponse } from '../lib/contract/hub';
import type { Database } from './db';
import type { Lifecycle } from './lifecycle';

let processRegistry: Registry | undefined;

/** CPU, memory, event loop, GC, handles: one set per process, however many apps it runs (tests run several). */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const queryCounts = new WeakMap<Database, { inFlight: number }>();

/**
 * Counts a database's raw queries and transactions while they are out. In place, once per database: the hub keys
 * things by the database object (the rate limiter of `server/rate-limit.ts`), so a wrapper would be another database.
 * postgres-js does not tell how many of its connections are busy; this is the nearest the hub can see.
 */
function countQueries(db: Database): { inFlight: number } {
  let count = queryCounts.get(db);
  if (count) return count;
  const counter = { inFlight: 0 };
  const counted =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      counter.inFlight++;
      try {
        return await run(...args);
      } finally {
        counter.inFlight--;
      }
    };
  db.query = counted(db.query.bind(db)) as Database['query'];
  db.rows = counted(db.rows.bind(db)) as Database['rows'];
  db.batch = counted(db.batch.bind(db));
  count = counter;
  queryCounts.set(db, count);
  return count;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

export class HubMetrics {
  private readonly registry = new Registry();
  private readonly expected: Buffer;
  private readonly requests = new Counter({
    name: 'spoke_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern ("unmatched": no route) and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'spoke_http_request_duration_seconds',
    help: 'Time from a request to its answer (headers), by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly batches = new Counter({
    name: 'spoke_ingest_batches_total',
    help: 'Event batches answered 200 by POST /v1/events (a retried batch given its first answer again included).',
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: 'spoke_ingest_events_total',
    help: 'Events in the batches answered 200, by the result each was given: accepted, duplicate or rejected.',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly stored = new Counter({
    name: 'spoke_ingest_events_stored_total',
    help: 'Events written to the database (a retried batch given its first answer again writes none).',
    registers: [this.registry],
  });

  constructor(
    token: string,
    lifecycle: Lifecycle,
    inflightBatches: { batches: number },
    db: Database | undefined,
    poolSize: number,
  ) {
    this.expected = digest(token);
    new Gauge({
      name: 'spoke_http_requests_in_flight',
      help: 'HTTP requests being answered (this scrape included).',
      registers: [this.registry],
      collect() {
        this.set(lifecycle.inFlight);
      },
    });
    new Gauge({
      name: 'spoke_ingest_batches_in_flight',
      help: 'Event batches being written (POST /v1/events answers 429 beyond SPOKE_MAX_INFLIGHT_BATCHES).',
      registers: [this.registry],
      collect() {
        this.set(inflightBatches.batches);
      },
    });
    if (db) {
      new Gauge({
        name: 'spoke_db_pool_max_connections',
        help: 'Connections the hub may open to its database (SPOKE_DB_POOL on Postgres; PGlite has one).',
        registers: [this.registry],
      }).set(db.kind === 'postgres' ? poolSize : 1);
      const queries = countQueries(db);
      new Gauge({
        name: 'spoke_db_queries_in_flight',
        help: 'Queries and transactions of the hub waiting for a connection or running (the raw SQL paths: ingest, auth, rate limits, reports).',
        registers: [this.registry],
        collect() {
          this.set(queries.inFlight);
        },
      });
    }
  }

  /** Whether `authorization` is `Bearer <SPOKE_METRICS_TOKEN>` (compared in constant time). */
  authorised(authorization: string | undefined): boolean {
    const given = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
    return given !== undefined && timingSafeEqual(digest(given), this.expected);
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  ingested(result: { response: EventBatchResponse; stored: number }): void {
    this.batches.inc();
    this.events.inc({ result: 'accepted' }, result.response.accepted);
    this.events.inc({ result: 'duplicate' }, result.response.duplicate);
    this.events.inc({ result: 'rejected' }, result.response.rejected);
    this.stored.inc(result.stored);
  }

  readonly contentType = this.registry.contentType;

  /** The text exposition of the hub's metrics and the process's. */
  async scrape(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processMetrics().metrics()}`;
  }
}
