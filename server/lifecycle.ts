// Starting and stopping in step with a load balancer or an orchestrator: readiness (`GET /readyz`) says whether this
// process should be sent requests, and a SIGTERM lets the requests in flight (ingest batches) finish before the
// database is closed, so that an answer a client got is never an answer the database lost.
import type { Server } from 'node:http';
import { type Database, isDatabaseUnavailable } from './db';
import type { Logger } from './log';

/** What the app and `server/main.ts` share about the process. */
export class Lifecycle {
  /** Set on SIGTERM: readiness answers 503 and every answer closes its connection. */
  stopping = false;
  /** HTTP requests being answered right now. */
  inFlight = 0;
}

export type Readiness = { ready: true } | { ready: false; detail: string };

/**
 * `GET /readyz`'s verdict: not while stopping, nor when the database does not answer a trivial query within
 * `timeoutMs`. At most one such query is out at a time, whatever the number of probes: the ones that come while it is
 * out wait for its answer (each up to its own deadline).
 */
export function readinessProbe(
  lifecycle: Lifecycle,
  db: Database | undefined,
  timeoutMs: number,
  logger: Logger,
): () => Promise<Readiness> {
  let out: Promise<unknown> | undefined;
  return async () => {
    if (lifecycle.stopping) return { ready: false, detail: 'The hub is shutting down.' };
    if (!db) return { ready: false, detail: 'The hub has no database.' };
    out ??= db.query('SELECT 1', [], { prepare: true }).finally(() => {
      out = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), timeoutMs);
    });
    try {
      if ((await Promise.race([out, late])) === 'late') {
        logger.warn({ timeoutMs }, 'readiness: the database did not answer in time');
        return { ready: false, detail: `The hub's database did not answer within ${timeoutMs} ms.` };
      }
      return { ready: true };
    } catch (error) {
      logger.warn({ err: error }, 'readiness: the database refused a query');
      return {
        ready: false,
        detail: isDatabaseUnavailable(error)
          ? 'The hub cannot reach its database right now.'
          : 'The hub could not query its database.',
      };
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Stops serving: readiness turns 503, the listening socket closes (new connections are refused), idle keep-alive
 * connections close, and each answer from now on closes its own (app.ts). Requests in flight get `graceMs` to
 * finish; then their connections are cut (a batch cut that way is not acknowledged, and the client retries it with
 * the same Idempotency-Key). Resolves once every connection is closed, with how many requests were cut.
 */
export async function stopServing(server: Server, lifecycle: Lifecycle, graceMs: number, logger: Logger) {
  lifecycle.stopping = true;
  logger.info({ inFlight: lifecycle.inFlight, graceMs }, 'shutting down: finishing the requests in flight');
  let cut = 0;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const deadline = setTimeout(() => {
    cut = lifecycle.inFlight;
    logger.warn({ cut }, 'shutting down: requests still in flight at the deadline are cut');
    server.closeAllConnections();
  }, graceMs);
  await closed;
  clearTimeout(deadline);
  return { cut };
}
