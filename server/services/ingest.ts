// Ingest of participation events: each event validated on its own, the valid ones stored with their roll-ups in one
// transaction (server/rollups.ts), idempotent by batch key and by event id.
import { createHash } from 'node:crypto';
import { type EventBatchResponse, type EventResult, EventSchema } from '../../lib/contract/hub';
import { tokenNoLongerWorks } from '../auth';
import type { Database } from '../db';
import { fieldErrors, HttpError, pathOf } from '../problem';
import { CLOCK_SLACK_MS, type StoredEvent, storeEvents, type Verdict } from '../rollups';

/** Events older than this (after clock correction) are refused. */
const MAX_EVENT_AGE_MS = 90 * 86_400_000;
/** How far in the future an event may claim to be (after correction). */
const MAX_EVENT_FUTURE_MS = CLOCK_SLACK_MS;
/**
 * The most `sentAt` may correct a device's clock by. A batch whose `sentAt` is further off the hub's clock is stored
 * at the hub's receive time, and flagged (`events.clock_skew`): a device clock a day off is broken or set on purpose,
 * and correcting by any amount would let a member move a batch to any day they like.
 */
const MAX_CLOCK_CORRECTION_MS = 24 * 3_600_000;
/**
 * The most views the hub counts on one post. The event contract takes up to 10⁹ (whatever a site could display); past
 * ten million, a post is news a CoE hears of without Spoke, and one such reading would outweigh the reach of the whole
 * programme in its report: it is more likely a misread figure or a forgery than reach, and is refused. A bound per
 * hour was not chosen: every time the hub has for a post but its own receive time comes from the device.
 */
const MAX_POST_VIEWS = 10_000_000;

/** What a member is told about an event that does not count, by verdict (server/rollups.ts). */
const VERDICTS: Record<Verdict, { status: 'rejected' | 'duplicate'; reason: string; path?: string }> = {
  not_in_library: {
    status: 'rejected',
    reason:
      'contentId is not an item of your library at that time (published, offered to your unit, started, not expired or archived).',
    path: 'contentId',
  },
  not_your_link: {
    status: 'rejected',
    reason: 'props.linkCode is not your tracked link for this item and network.',
    path: 'props.linkCode',
  },
  share_counted: {
    status: 'duplicate',
    reason: 'A share of this item on this network is already counted for that UTC day: one a day counts.',
  },
  off_curve: {
    status: 'duplicate',
    reason: "These views would make the post's count go down (below a reading before it, or above one after it).",
  },
};

/** Whether a batch under this Idempotency-Key was stored already (a retry, whose first answer is given again). */
export async function batchStored(
  db: Database,
  auth: { orgId: string; memberId: string },
  key: string | undefined,
): Promise<boolean> {
  if (key === undefined) return false;
  const rows = await db.query(
    'SELECT 1 FROM idempotency_keys WHERE org_id = $1 AND member_id = $2 AND key = $3',
    [auth.orgId, auth.memberId, key],
    { prepare: true },
  );
  return rows.length > 0;
}

/**
 * Validates each event on its own, then writes the batch in ONE transaction: the idempotency key, if any, every valid
 * event with `ON CONFLICT DO NOTHING`, and the roll-ups of the events inserted. Either the whole batch is stored or
 * none of it. What only the stored data can tell (an item of the member's library, their own link, a share already
 * counted that day, a reading off the post's curve) is decided in that transaction: such events are refused, or
 * answered `duplicate` with the reason and not stored.
 */
export async function ingest(
  db: Database,
  auth: { orgId: string; memberId: string; deviceId: string; businessUnitId: string },
  batch: { sentAt: string; events: unknown[] },
  key: string | undefined,
  /** The request body as sent: the idempotency fingerprint. */
  rawText?: string,
): Promise<{
  response: EventBatchResponse /** Events this request stored (0 for a replayed batch). */;
  stored: number;
}> {
  const now = Date.now();
  const skew = now - Date.parse(batch.sentAt);
  /** Beyond the correction allowed, every event of the batch takes the hub's time. */
  const clockSkew = !(Math.abs(skew) <= MAX_CLOCK_CORRECTION_MS);
  const results: EventResult[] = new Array(batch.events.length);
  const rows: StoredEvent[] = [];
  const rowIndex: number[] = [];
  const seen = new Map<string, number>();
  const refuse = (index: number, id: string | undefined, reason: string, path: string) => {
    results[index] = { index, id, status: 'rejected', reason, path: `events.${index}.${path}` };
  };
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
    const occurred = clockSkew ? now : Date.parse(event.occurredAt) + skew;
    if (occurred > now + MAX_EVENT_FUTURE_MS || occurred < now - MAX_EVENT_AGE_MS) {
      refuse(
        index,
        event.id,
        'occurredAt is more than 90 days old or in the future, even after clock correction.',
        'occurredAt',
      );
      continue;
    }
    if (
      (event.type === 'post_published' || event.type === 'reach_snapshot') &&
      event.props.linkCode &&
      !event.contentId
    ) {
      refuse(index, event.id, 'props.linkCode needs the contentId of the item it tracks.', 'contentId');
      continue;
    }
    if (event.type === 'reach_snapshot' && event.props.views > MAX_POST_VIEWS) {
      refuse(
        index,
        event.id,
        `props.views is more than the ${MAX_POST_VIEWS.toLocaleString('en')} the hub counts on one post.`,
        'props.views',
      );
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
      ...(clockSkew ? { clock_skew: true } : {}),
    });
  }

  let inserted = new Set<string>();
  let storedNow = 0;
  let verdicts = new Map<string, Verdict>();
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
    verdicts = stored.verdicts;
    if (stored.fresh) {
      inserted = new Set(stored.ids);
      storedNow = inserted.size;
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
    const verdict = verdicts.get(row.id);
    if (inserted.has(row.id)) {
      results[index] = { index, id, status: 'accepted' };
    } else if (verdict) {
      const { status, reason, path } = VERDICTS[verdict];
      results[index] =
        status === 'rejected'
          ? { index, id, status, reason, path: `events.${index}.${path}` }
          : { index, id, status, reason };
    } else {
      results[index] = { index, id, status: 'duplicate' };
    }
  }
  let accepted = 0;
  let duplicate = 0;
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'accepted') accepted++;
    else if (r.status === 'duplicate') duplicate++;
    else rejected++;
  }
  return { response: { accepted, duplicate, rejected, results }, stored: storedNow };
}
