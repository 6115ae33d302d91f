import type { Event } from '@/lib/contract/hub-events';
import { type BatchRow, EMPTY_SYNC, type OutboxRow, type SpokeDatabase, type SyncState } from '@/lib/db';
import { type HubClient, HubError } from './hub-client';

/** Limits of one request; the hub takes up to 500 events and 512 KB, we stay well inside. */
export const MAX_BATCH_EVENTS = 100;
export const MAX_BATCH_BYTES = 256 * 1024;
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

/**
 * The batch to send next: an unfinished one first (same idempotency key, same events, same body), else the oldest
 * events up to the count and size limits, stored as a new batch before anything is sent. `claimed` holds the
 * batches other senders of this flush are sending.
 */
async function nextBatch(
  db: SpokeDatabase,
  now: number,
  claimed: ReadonlySet<string>,
): Promise<{ batch: BatchRow; events: OutboxRow[] } | null> {
  return db.transaction('rw', db.outbox, db.batches, async () => {
    const pending = await db.batches
      .orderBy('createdAt')
      .filter((b) => !claimed.has(b.key))
      .first();
    if (pending) {
      const events = (await db.outbox.bulkGet(pending.eventIds)).filter((e): e is OutboxRow => !!e);
      if (events.length > 0) return { batch: pending, events };
      await db.batches.delete(pending.key);
    }
    const events: OutboxRow[] = [];
    let bytes = 64;
    await db.outbox
      .orderBy('seq')
      .until(() => events.length >= MAX_BATCH_EVENTS)
      .each((row) => {
        if (row.batchKey) return;
        const size = JSON.stringify(row.event).length + 1;
        if (bytes + size > MAX_BATCH_BYTES && events.length > 0) return;
        bytes += size;
        events.push(row);
      });
    if (events.length === 0) return null;
    const batch: BatchRow = {
      key: crypto.randomUUID(),
      eventIds: events.map((e) => e.id),
      createdAt: now,
      sentAt: new Date().toISOString(),
    };
    await db.batches.add(batch);
    await db.outbox.bulkUpdate(events.map((e) => ({ key: e.id, changes: { batchKey: batch.key } })));
    return { batch, events };
  });
}

/** Batches in flight at once: the hub stores each in one statement, so a few overlap well. */
export const CONCURRENT_BATCHES = 4;
/** Tries of one batch within a flush before the flush gives up and the scheduler backs off. */
const QUICK_RETRIES = 3;

/**
 * Sends everything in the outbox, a few batches at a time, until it is empty or the hub can't take more now.
 * Per-event results are applied: accepted and duplicate events leave the outbox, rejected ones too (they never
 * will be accepted; the hub said why). On a transient error the batch stays, with its key and body, for the next
 * try; the other senders finish what they hold and stop.
 */
export async function flushOutbox(db: SpokeDatabase, client: HubClient, now = Date.now()): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, accepted: 0, duplicate: 0, rejected: 0, dropped: 0 };
  result.dropped = await dropExpired(db, now);
  const claimed = new Set<string>();
  let failed: HubError | undefined;

  const sender = async (): Promise<void> => {
    while (!failed) {
      const next = await nextBatch(db, now, claimed);
      if (!next) return;
      claimed.add(next.batch.key);
      const sentAt = next.batch.sentAt ?? new Date(next.batch.createdAt).toISOString();
      let answer: Awaited<ReturnType<HubClient['postEvents']>> | undefined;
      let hubError: HubError | undefined;
      for (let attempt = 0; attempt < QUICK_RETRIES && !answer; attempt++) {
        try {
          answer = await client.postEvents({ sentAt, events: next.events.map((e) => e.event) }, next.batch.key);
          hubError = undefined;
        } catch (error) {
          hubError = error instanceof HubError ? error : new HubError('Sending events failed.', 0);
          // A lost request or a 5xx now and then: retry this batch at once (same key, same body). A refusal to
          // be served (Retry-After) or a failure that keeps coming ends the flush; the scheduler backs off.
          if (!hubError.transient || hubError.retryAfterMs !== undefined || failed) break;
          await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt * (0.5 + Math.random() / 2)));
        }
      }
      if (hubError) {
        if (hubError.status === 422 && hubError.message.includes('Idempotency-Key')) {
          // The hub holds this key for another body: send the events again under a new key; the hub still drops
          // any it already stored, by event id.
          await db.transaction('rw', db.outbox, db.batches, async () => {
            await db.batches.delete(next.batch.key);
            await db.outbox.bulkUpdate(next.events.map((e) => ({ key: e.id, changes: { batchKey: undefined } })));
          });
          continue;
        }
        failed ??= hubError;
        return;
      }
      if (!answer) return;
      await db.transaction('rw', db.outbox, db.batches, db.settings, async () => {
        await db.outbox.bulkDelete(next.events.map((e) => e.id));
        await db.batches.delete(next.batch.key);
        // The hub answered: back off from scratch next time, whatever failed before.
        const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
        if (sync.failures > 0) await db.setSetting('sync', { ...sync, failures: 0 });
      });
      result.sent += next.events.length;
      result.accepted += answer.accepted;
      result.duplicate += answer.duplicate;
      result.rejected += answer.rejected;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_BATCHES }, sender));

  if (failed) {
    const hubError = failed;
    result.error = hubError;
    const sync = (await db.getSetting('sync')) ?? EMPTY_SYNC;
    const failures = sync.failures + 1;
    if (hubError.transient) result.retryAt = Date.now() + backoffMs(failures - 1, hubError.retryAfterMs);
    await updateSync(db, (s) => ({ ...s, failures, retryAt: result.retryAt, lastError: hubError.message }));
    return result;
  }
  await updateSync(db, (s) => ({ ...s, failures: 0, retryAt: undefined }));
  return result;
}
