// Ingest of participation events: each event validated on its own, the valid ones stored with their roll-ups in one
// transaction (server/rollups.ts), idempotent by batch key and by event id.
import { createHash } from 'node:crypto';
import { type EventBatchResponse, type EventResult, EventSchema } from '../../lib/contract/hub';
import { tokenNoLongerWorks } from '../auth';
import type { Database } from '../db';
import { fieldErrors, HttpError, pathOf } from '../problem';
import { type StoredEvent, storeEvents } from '../rollups';

/** Events older than this (after clock correction) are refused. */
const MAX_EVENT_AGE_MS = 90 * 86_400_000;
/** How far in the future an event may claim to be (after correction). */
const MAX_EVENT_FUTURE_MS = 5 * 60_000;

/**
 * Validates each event on its own, then writes the batch in ONE transaction: the idempotency key, if any, every valid
 * event with `ON CONFLICT DO NOTHING`, and the roll-ups of the events inserted. Either the whole batch is stored or
 * none of it.
 */
export async function ingest(
  db: Database,
  auth: { orgId: string; memberId: string; deviceId: string; businessUnitId: string },
  batch: { sentAt: string; events: unknown[] },
  key: string | undefined,
  /** The request body as sent: the idempotency fingerprint. */
  rawText?: string,
): Promise<EventBatchResponse> {
  const now = Date.now();
  const skew = now - Date.parse(batch.sentAt);
  const results: EventResult[] = new Array(batch.events.length);
  const rows: StoredEvent[] = [];
  const rowIndex: number[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < batch.events.length; index++) {
    const parsed = EventSchema.safeParse(batch.events[index]);
    const rawId = (batch.events[index] as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' && rawId.length <= 64 ? rawId : undefined;
    if (!parsed.success) {
      const [first] = fieldErrors(parsed.error, `events.${index}`);
      const issuePath = parsed.error.issues[0]?.path ?? [];
      results[index] = {
        index,
        id,
        status: 'rejected',
        reason: first?.message ?? 'Not a valid event.',
        path: pathOf(issuePath, `events.${index}`),
      };
      continue;
    }
    const event = parsed.data;
    const occurred = Date.parse(event.occurredAt) + (Number.isFinite(skew) ? skew : 0);
    if (occurred > now + MAX_EVENT_FUTURE_MS || occurred < now - MAX_EVENT_AGE_MS) {
      results[index] = {
        index,
        id: event.id,
        status: 'rejected',
        reason: 'occurredAt is more than 90 days old or in the future, even after clock correction.',
        path: `events.${index}.occurredAt`,
      };
      continue;
    }
    const lowered = event.id.toLowerCase();
    if (seen.has(lowered)) {
      results[index] = { index, id: event.id, status: 'duplicate' };
      continue;
    }
    seen.set(lowered, index);
    rowIndex.push(index);
    rows.push({
      id: lowered,
      seq: event.seq,
      type: event.type,
      network: event.network,
      content_id: event.contentId ?? null,
      occurred_at: new Date(occurred).toISOString(),
      props: event.props,
    });
  }

  let inserted = new Set<string>();
  if (rows.length > 0) {
    const fingerprint =
      key === undefined
        ? undefined
        : createHash('sha256')
            .update(rawText ?? JSON.stringify(batch))
            .digest('hex');
    const stored = await storeEvents(
      db,
      auth,
      rows,
      key !== undefined && fingerprint !== undefined ? { key, fingerprint } : undefined,
    );
    // Erased, deactivated or revoked since the token was checked (or cached): the batch is refused whole.
    if (stored.refused) throw tokenNoLongerWorks();
    if (stored.fresh) {
      inserted = new Set(stored.ids);
    } else {
      // A retry: same key. Same body → rebuild the first answer from what that batch stored.
      const [prior] = await db.query<{ fingerprint: string }>(
        'SELECT fingerprint FROM idempotency_keys WHERE org_id = $1 AND member_id = $2 AND key = $3',
        [auth.orgId, auth.memberId, key],
      );
      if (prior && prior.fingerprint !== fingerprint) {
        throw new HttpError(
          422,
          'This Idempotency-Key was already used with a different batch.',
          [{ path: 'header.Idempotency-Key', message: 'Use a new key for a new batch.' }],
          {},
          'idempotency-key-reused',
        );
      }
      const again = await db.query<{ id: string }>(
        `SELECT client_event_id::text AS id FROM events
          WHERE org_id = $1 AND member_id = $2 AND batch_key = $3
            AND client_event_id IN (SELECT (jsonb_array_elements(($4::text)::jsonb)->>'id')::uuid)`,
        [auth.orgId, auth.memberId, key, JSON.stringify(rows)],
      );
      inserted = new Set(again.map((r) => r.id));
    }
  }
  for (let i = 0; i < rows.length; i++) {
    const index = rowIndex[i] as number;
    const row = rows[i] as StoredEvent;
    const id = (batch.events[index] as { id: string }).id;
    results[index] = { index, id, status: inserted.has(row.id) ? 'accepted' : 'duplicate' };
  }
  let accepted = 0;
  let duplicate = 0;
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'accepted') accepted++;
    else if (r.status === 'duplicate') duplicate++;
    else rejected++;
  }
  return { accepted, duplicate, rejected, results };
}
