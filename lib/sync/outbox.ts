import type { Event, EventBatchRequest, EventBatchResponse } from '@/lib/contract/hub-events';
import { type BatchRow, EMPTY_SYNC, type OutboxRow, type SpokeDatabase, type SyncState } from '@/lib/db';
import { type HubClient, HubError } from './hub-client';
import { syncErrorKind } from './status';

/** Limits of one request; the hub takes up to 500 events and 512 KB, we stay well inside. */
export const MAX_BATCH_EVENTS = 100;
const MAX_BATCH_BYTES = 256 * 1024;
/** Events that could not be delivered for this long are dropped (and counted for the member to see). */
export const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
const BACKOFF_BASE_MS = 1_000;
// Capped at a minute: a batch is small, and members expect their share to show up soon after the hub is back.
const BACKOFF_CAP_MS = 60 * 1000;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as code records it; the outbox adds its id, device sequence and time. */
export type NewEvent = DistributiveOmit<Event, 'id' | 'seq' | 'occurredAt'>;

/**
 * Writes an event to the outbox, or nothing at all before the member consented. The id is set once here and never
 * regenerated: it is what lets the hub drop duplicates, whatever happens to the requests.
 */
export async function recordEvent(db: SpokeDatabase, event: NewEvent, now = Date.now()): Promise<OutboxRow | null> {
  return db.transaction('rw', db.settings, db.outbox, async () => {
    if (!(await db.getSetting('consent'))) return null;
    const seq = ((await db.getSetting('seq')) ?? 0) + 1;
    await db.setSetting('seq', seq);
    const row: OutboxRow = {
      id: crypto.randomUUID(),
      seq,
      createdAt: now,
      event: { ...event, id: '', seq, occurredAt: new Date(now).toISOString() } as Event,
    };
    row.event.id = row.id;
    await db.outbox.add(row);
    return row;
  });
}

export interface FlushResult {
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  dropped: number;
  /** Set when the flush stopped on an error; the events stay for the next try. */
  error?: HubError;
  /** When to try again (epoch ms), after a transient error. */
  retryAt?: number;
}

/** Full jitter: a random wait up to an exponentially growing cap (or exactly what the hub asked for). */
export function backoffMs(failures: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const cap = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures, 20));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

async function updateSync(db: SpokeDatabase, change: (state: SyncState) => SyncState): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.setSetting('sync', change((await db.getSetting('sync')) ?? EMPTY_SYNC));
  });
}

async function dropExpired(db: SpokeDatabase, now: number): Promise<number> {
  return db.transaction('rw', db.outbox, db.batches, db.settings, async () => {
    const expired = await db.outbox
      .where('createdAt')
      .below(now - RETENTION_MS)
      .primaryKeys();
    if (expired.length === 0) return 0;
    await db.outbox.bulkDelete(expired);
    const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    await db.setSetting('sync', { ...sync, dropped: sync.dropped + expired.length });
    return expired.length;
  });
}

/** Batches in flight at once: the hub stores each in one statement, so a few overlap well. */
const CONCURRENT_BATCHES = 4;
/** Batches cut in one pass over the outbox. */
const CLAIM_AHEAD = 2 * CONCURRENT_BATCHES;
/** Longest an acknowledged batch waits to be deleted together with others. */
const ACK_DELAY_MS = 200;
/** Tries of one batch within a flush before the flush gives up and the scheduler backs off. */
const QUICK_RETRIES = 3;
/**
 * How long a post may go unanswered before it is abandoned and sent again under the same key (the hub answers a
 * repeat from what it stored). Estimated from the answers seen, as TCP does (RFC 6298): smoothed time plus four
 * deviations, at least a second, doubled per retry of the batch, at most the 15 s of other calls. A hung connection
 * then costs about a second instead of 15, and a slow hub stretches the wait instead of being asked twice.
 */
const POST_TIMEOUT_MIN_MS = 1_000;
const POST_TIMEOUT_FIRST_MS = 3_000;
const POST_TIMEOUT_MAX_MS = 15_000;
let answerTime: { smoothed: number; deviation: number } | undefined;

function postTimeoutMs(attempt: number): number {
  const base = answerTime
    ? Math.max(POST_TIMEOUT_MIN_MS, answerTime.smoothed + 4 * answerTime.deviation)
    : POST_TIMEOUT_FIRST_MS;
  return Math.min(POST_TIMEOUT_MAX_MS, base * 2 ** attempt);
}

/** When a batch still out is sent again by an idle sender: twice the usual answer time, at least 250 ms. */
function hedgeAfterMs(): number {
  return Math.max(250, 2 * (answerTime?.smoothed ?? POST_TIMEOUT_FIRST_MS));
}

export function noteAnswerTime(ms: number): void {
  answerTime = answerTime
    ? {
        deviation: 0.75 * answerTime.deviation + 0.25 * Math.abs(answerTime.smoothed - ms),
        smoothed: 0.875 * answerTime.smoothed + 0.125 * ms,
      }
    : { smoothed: ms, deviation: ms / 2 };
}

/** A batch ready to send: its stored row (the idempotency key) and the exact body every try sends. */
interface Claim {
  batch: BatchRow;
  events: OutboxRow[];
  body: EventBatchRequest;
  /** Cut by this flush and never sent yet: released, not kept, when the flush stops. */
  fresh: boolean;
}

/**
 * The hub holds the batch's Idempotency-Key for another body (422): recognised by the problem's `code`, or, from a
 * hub that sends no code yet, by the field the problem names (`header.Idempotency-Key`); never by its wording.
 */
function isReusedKey(error: HubError): boolean {
  if (error.problem?.code) return error.problem.code === 'idempotency-key-reused';
  return error.status === 422 && !!error.problem?.errors?.some((e) => e.path === 'header.Idempotency-Key');
}

function claimOf(batch: BatchRow, events: OutboxRow[], fresh: boolean): Claim {
  const sentAt = batch.sentAt ?? new Date(batch.createdAt).toISOString();
  return { batch, events, body: { sentAt, events: events.map((e) => e.event) }, fresh };
}

function newBatch(events: OutboxRow[], now: number): BatchRow {
  return {
    key: crypto.randomUUID(),
    eventIds: events.map((e) => e.id),
    createdAt: now,
    sentAt: new Date().toISOString(),
  };
}

/**
 * The batches an earlier flush left unfinished, oldest first, each to be resent as it was (same key, same events,
 * same body). A batch that lost events meanwhile (expired) can't keep its key: the rest go under a new one.
 */
async function resumeBatches(db: SpokeDatabase, now: number): Promise<{ claims: Claim[]; claimedIds: Set<string> }> {
  return db.transaction('rw', db.outbox, db.batches, async () => {
    const pending = await db.batches.orderBy('createdAt').toArray();
    const claimedIds = new Set(pending.flatMap((b) => b.eventIds));
    if (pending.length === 0) return { claims: [], claimedIds };
    const rows = new Map<string, OutboxRow>();
    for (const row of await db.outbox.bulkGet([...claimedIds])) if (row) rows.set(row.id, row);
    const claims: Claim[] = [];
    const gone: string[] = [];
    const rekeyed: BatchRow[] = [];
    for (const batch of pending) {
      const events = batch.eventIds.flatMap((id) => rows.get(id) ?? []);
      if (events.length === batch.eventIds.length) {
        claims.push(claimOf(batch, events, false));
        continue;
      }
      gone.push(batch.key);
      if (events.length === 0) continue;
      const replacement = newBatch(events, now);
      rekeyed.push(replacement);
      claims.push(claimOf(replacement, events, true));
    }
    await db.batches.bulkDelete(gone);
    await db.batches.bulkAdd(rekeyed);
    return { claims, claimedIds };
  });
}

/**
 * Cuts up to `count` new batches from the oldest events after `after` (by device sequence) that no batch holds,
 * within the count and size limits, and stores them before anything is sent. The outbox is only read, in a
 * read-only transaction that doesn't hold up the pages reading it; events are not rewritten. Only this flush cuts
 * batches (one sync at a time), so nothing claims the same events between the read and the write.
 */
async function claimBatches(
  db: SpokeDatabase,
  after: number,
  claimedIds: ReadonlySet<string>,
  count: number,
  now: number,
): Promise<{ claims: Claim[]; cursor: number }> {
  const claims: Claim[] = [];
  let cursor = after;
  let events: OutboxRow[] = [];
  let bytes = 64;
  const cut = () => {
    if (events.length > 0) claims.push(claimOf(newBatch(events, now), events, true));
    events = [];
    bytes = 64;
  };
  await db.transaction('r', db.outbox, async () => {
    for (;;) {
      const rows = await db.outbox
        .where('seq')
        .above(cursor)
        .limit(count * MAX_BATCH_EVENTS)
        .toArray();
      for (const row of rows) {
        if (!claimedIds.has(row.id)) {
          const size = JSON.stringify(row.event).length + 1;
          if (events.length >= MAX_BATCH_EVENTS || (bytes + size > MAX_BATCH_BYTES && events.length > 0)) {
            cut();
            if (claims.length === count) return;
          }
          bytes += size;
          events.push(row);
        }
        cursor = row.seq;
      }
      if (rows.length < count * MAX_BATCH_EVENTS) return;
    }
  });
  cut();
  if (claims.length > 0) await db.batches.bulkAdd(claims.map((c) => c.batch));
  return { claims, cursor };
}

/**
 * Sends everything in the outbox, a few batches at a time, until it is empty or the hub can't take more now.
 * Per-event results are applied: accepted and duplicate events leave the outbox, rejected ones too (they never
 * will be accepted; the hub said why); an event the answer doesn't mention stays for a later batch. On a transient
 * error the batch stays, with its key and body, for the next try; the other senders finish what they hold and stop.
 *
 * Speed without losing safety: new batches are cut several at a time in one read-only pass over the outbox (a
 * batch row lists its events; events are not rewritten), acknowledged batches are deleted together in one
 * transaction while the senders go on, and a sender takes its next batch as soon as its answer arrives.
 */
export async function flushOutbox(db: SpokeDatabase, client: HubClient, now = Date.now()): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, dropped: 0 };
  result.dropped = await dropExpired(db, now);
  const { claims: queue, claimedIds } = await resumeBatches(db, now);
  let cursor = 0;
  let exhausted = false;
  let claiming = null as Promise<void> | null;
  let failed: HubError | undefined;
  let answered = false;

  // New batches are cut ahead, CLAIM_AHEAD at a time, while the senders still have work: no sender waits for it.
  const claimMore = () => {
    claiming ??= claimBatches(db, cursor, claimedIds, CLAIM_AHEAD, now)
      .then((next) => {
        cursor = next.cursor;
        exhausted = next.claims.length === 0;
        queue.push(...next.claims);
      })
      .finally(() => {
        claiming = null;
      });
    return claiming;
  };
  const take = async (): Promise<Claim | undefined> => {
    while (queue.length === 0 && !exhausted && !failed) await claimMore();
    if (failed) return undefined;
    const claim = queue.shift();
    if (queue.length < CONCURRENT_BATCHES && !exhausted) claimMore().catch(() => undefined);
    return claim;
  };

  // Acknowledged batches are deleted with their events a few at a time, in one transaction per group: each write
  // to the outbox makes every open Spoke page count it again. A worker stopped before the delete resends them later
  // under their key, and the hub answers "duplicate".
  const acks: Array<{ key: string; done: string[] }> = [];
  let acking: Promise<void> = Promise.resolve();
  let ackTimer: ReturnType<typeof setTimeout> | undefined;
  const writeAcks = () => {
    clearTimeout(ackTimer);
    ackTimer = undefined;
    const group = acks.splice(0);
    if (group.length === 0) return;
    acking = acking.then(() =>
      db.transaction('rw', db.outbox, db.batches, async () => {
        await db.outbox.bulkDelete(group.flatMap((a) => a.done));
        await db.batches.bulkDelete(group.map((a) => a.key));
      }),
    );
  };
  const acknowledge = (key: string, done: string[]) => {
    acks.push({ key, done });
    if (acks.length >= CONCURRENT_BATCHES) writeAcks();
    else ackTimer ??= setTimeout(writeAcks, ACK_DELAY_MS);
  };

  // Batches on their way: when nothing is left to cut, idle senders send the slowest again (a hedged request, same
  // key and body) so that one lost answer doesn't hold up the end of the drain; the first answer counts.
  interface Flight {
    claim: Claim;
    /** When its current request went out; undefined between tries. */
    since?: number;
    hedged: boolean;
    done: boolean;
    stop: AbortController;
  }
  const flights = new Set<Flight>();

  const settle = (flight: Flight, answer: EventBatchResponse) => {
    if (flight.done) return;
    flight.done = true;
    flight.stop.abort();
    flights.delete(flight);
    answered = true;
    const done = new Set<number>(answer.results.map((r) => r.index));
    acknowledge(
      flight.claim.batch.key,
      flight.claim.events.filter((_, index) => done.has(index)).map((e) => e.id),
    );
    result.sent += flight.claim.events.length;
    result.accepted += answer.accepted;
    result.duplicate += answer.duplicate;
    result.rejected += answer.rejected;
  };

  /** Sends a batch up to `tries` times; undefined once it is answered (by this or a hedged request). */
  const deliver = async (flight: Flight, tries: number): Promise<HubError | undefined> => {
    let hubError: HubError | undefined;
    for (let attempt = 0; attempt < tries && !flight.done; attempt++) {
      try {
        const started = Date.now();
        flight.since = started;
        const answer = await client
          .postEvents(flight.claim.body, flight.claim.batch.key, {
            timeoutMs: postTimeoutMs(attempt),
            signal: flight.stop.signal,
          })
          .finally(() => {
            flight.since = undefined;
          });
        noteAnswerTime(Date.now() - started);
        settle(flight, answer);
        return undefined;
      } catch (error) {
        if (flight.done) return undefined;
        hubError = error instanceof HubError ? error : new HubError('Sending events failed.', 0);
        // A lost request or a 5xx now and then: retry this batch at once (same key, same body). A refusal to
        // be served (Retry-After) or a failure that keeps coming ends the flush; the scheduler backs off.
        if (!hubError.transient || hubError.retryAfterMs !== undefined || failed) break;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * (0.5 + Math.random() / 2)));
      }
    }
    return flight.done ? undefined : hubError;
  };

  /** The batch out for longest, once it has waited twice the usual answer time and nobody sent it again yet. */
  const slowFlight = async (): Promise<Flight | undefined> => {
    for (;;) {
      if (failed) return undefined;
      let oldest: Flight | undefined;
      if (![...flights].some((f) => !f.hedged)) return undefined;
      for (const flight of flights) {
        if (flight.hedged || flight.since === undefined) continue;
        if (!oldest || flight.since < (oldest.since ?? 0)) oldest = flight;
      }
      const wait = oldest?.since === undefined ? 100 : oldest.since + hedgeAfterMs() - Date.now();
      if (oldest && wait <= 0) return oldest;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 100)));
    }
  };

  const sender = async (): Promise<void> => {
    for (;;) {
      const claim = await take();
      if (!claim) {
        const slow = await slowFlight();
        if (!slow) return;
        slow.hedged = true;
        await deliver(slow, 1); // a failure here changes nothing: the batch's own sender still retries it
        continue;
      }
      claim.fresh = false;
      const flight: Flight = { claim, hedged: false, done: false, stop: new AbortController() };
      flights.add(flight);
      const hubError = await deliver(flight, QUICK_RETRIES);
      if (!hubError) continue;
      flights.delete(flight);
      if (isReusedKey(hubError)) {
        // The hub holds this key for another body: send the events again under a new key; the hub still drops
        // any it already stored, by event id.
        const replacement = newBatch(claim.events, now);
        await db.transaction('rw', db.batches, async () => {
          await db.batches.delete(claim.batch.key);
          await db.batches.add(replacement);
        });
        queue.unshift(claimOf(replacement, claim.events, true));
        continue;
      }
      failed ??= hubError;
      return;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, sender));
  await claiming?.catch(() => undefined);
  writeAcks();
  await acking;

  if (failed) {
    const hubError = failed;
    result.error = hubError;
    // Batches cut by this flush but never sent go back to the outbox: cut again later, with a fresh sentAt.
    const unsent = queue.filter((c) => c.fresh).map((c) => c.batch.key);
    if (unsent.length > 0) await db.batches.bulkDelete(unsent);
    const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    // The hub answered in this flush: back off from scratch, whatever failed before.
    const failures = (answered ? 0 : sync.failures) + 1;
    if (hubError.transient) result.retryAt = Date.now() + backoffMs(failures - 1, hubError.retryAfterMs);
    await updateSync(db, (s) => ({
      ...s,
      failures,
      retryAt: result.retryAt,
      lastError: hubError.message,
      lastErrorKind: syncErrorKind(hubError),
    }));
    return result;
  }
  await updateSync(db, (s) => ({ ...s, failures: 0, retryAt: undefined }));
  return result;
}
