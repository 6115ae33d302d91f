import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventBatchRequest, EventBatchResponse } from '@/lib/contract/hub-events';
import { SpokeDatabase } from '@/lib/db';
import { type HubClient, HubError } from '@/lib/sync/hub-client';
import { backoffMs, flushOutbox, MAX_BATCH_EVENTS, noteAnswerTime, RETENTION_MS, recordEvent } from '@/lib/sync/outbox';
import { giveConsent } from '@/lib/sync/sync';

const share = { type: 'share_started', network: 'linkedin', props: { via: 'sidepanel' } } as const;

/** A hub that stores events by id, can fail on demand, and answers per event like the real one. */
function fakeHub() {
  const stored = new Map<string, unknown>();
  const calls: Array<{ key: string; ids: string[] }> = [];
  let failNext: HubError[] = [];
  const client = {
    async postEvents(batch: EventBatchRequest, key: string): Promise<EventBatchResponse> {
      calls.push({ key, ids: batch.events.map((e) => e.id) });
      const failure = failNext.shift();
      if (failure) throw failure;
      const results = batch.events.map((e, index) => {
        const duplicate = stored.has(e.id);
        stored.set(e.id, e);
        return { index, id: e.id, status: duplicate ? ('duplicate' as const) : ('accepted' as const) };
      });
      const accepted = results.filter((r) => r.status === 'accepted').length;
      return { accepted, duplicate: results.length - accepted, rejected: 0, results };
    },
  } as unknown as HubClient;
  return { client, stored, calls, fail: (...errors: HubError[]) => (failNext = errors) };
}

let db: SpokeDatabase;
beforeEach(() => {
  db = new SpokeDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('outbox', () => {
  it('records nothing before consent', async () => {
    expect(await recordEvent(db, share)).toBeNull();
    expect(await db.outbox.count()).toBe(0);
  });

  it('gives every event a fixed id and an increasing device sequence', async () => {
    await giveConsent(db, false);
    const a = await recordEvent(db, share, 1_000);
    const b = await recordEvent(db, share, 2_000);
    expect(a?.event).toMatchObject({ id: a?.id, seq: 1, occurredAt: new Date(1_000).toISOString() });
    expect(b?.event.seq).toBe(2);
    expect(a?.id).not.toBe(b?.id);
  });

  it('sends in batches of at most 100 and empties the outbox', async () => {
    await giveConsent(db, false);
    for (let i = 0; i < 250; i++) await recordEvent(db, share);
    const hub = fakeHub();
    const result = await flushOutbox(db, hub.client);
    expect(result).toMatchObject({ sent: 250, accepted: 250, duplicate: 0 });
    expect(hub.calls.map((c) => c.ids.length)).toEqual([MAX_BATCH_EVENTS, MAX_BATCH_EVENTS, 50]);
    expect(await db.outbox.count()).toBe(0);
    expect(hub.stored.size).toBe(250);
  });

  it('retries a lost request at once with the same key and events', async () => {
    await giveConsent(db, false);
    for (let i = 0; i < 3; i++) await recordEvent(db, share);
    const hub = fakeHub();
    hub.fail(new HubError('timeout', 0));
    const result = await flushOutbox(db, hub.client);
    expect(result).toMatchObject({ sent: 3, accepted: 3 });
    expect(hub.calls[1]).toEqual(hub.calls[0]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps a batch that keeps failing, with its key, and resends it later so nothing is lost or doubled', async () => {
    await giveConsent(db, false);
    for (let i = 0; i < 3; i++) await recordEvent(db, share);
    const hub = fakeHub();
    hub.fail(new HubError('down', 0), new HubError('down', 0), new HubError('down', 0));
    const first = await flushOutbox(db, hub.client);
    expect(first.error?.transient).toBe(true);
    expect(first.retryAt).toBeGreaterThan(Date.now());
    expect(await db.outbox.count()).toBe(3);
    // Meanwhile another event arrives; it goes in a later batch, the failed one is resent as it was.
    await recordEvent(db, share);
    const second = await flushOutbox(db, hub.client);
    expect(second.sent).toBe(4);
    expect(hub.calls.slice(0, 4).every((call) => JSON.stringify(call) === JSON.stringify(hub.calls[0]))).toBe(true);
    expect(hub.stored.size).toBe(4);
    expect(await db.outbox.count()).toBe(0);
  });

  it.each([
    ['its code', { code: 'idempotency-key-reused' }],
    ['the field it names (a hub without codes)', { errors: [{ path: 'header.Idempotency-Key', message: 'm' }] }],
  ])('sends the events again under a new key when the hub says the key was reused, by %s', async (_, extra) => {
    await giveConsent(db, false);
    await recordEvent(db, share);
    const hub = fakeHub();
    const problem = { type: 'about:blank', title: 'Unprocessable', status: 422, ...extra };
    hub.fail(new HubError('Key used for another batch.', 422, undefined, problem));
    const result = await flushOutbox(db, hub.client);
    expect(result.error).toBeUndefined();
    expect(hub.calls).toHaveLength(2);
    expect(hub.calls[1]?.key).not.toBe(hub.calls[0]?.key);
    expect(hub.calls[1]?.ids).toEqual(hub.calls[0]?.ids);
    expect(hub.stored.size).toBe(1);
  });

  it('does not take another 422 for a reused key, whatever its sentence says', async () => {
    await giveConsent(db, false);
    await recordEvent(db, share);
    const hub = fakeHub();
    const problem = { type: 'about:blank', title: 'Unprocessable', status: 422, code: 'invalid-request' };
    hub.fail(new HubError('Idempotency-Key: something else is wrong.', 422, undefined, problem));
    const result = await flushOutbox(db, hub.client);
    expect(result.error?.status).toBe(422);
    expect(hub.calls).toHaveLength(1);
  });

  it('honours Retry-After', async () => {
    await giveConsent(db, false);
    await recordEvent(db, share);
    const hub = fakeHub();
    hub.fail(new HubError('busy', 429, 7_000));
    const before = Date.now();
    const result = await flushOutbox(db, hub.client);
    expect(result.retryAt).toBeGreaterThanOrEqual(before + 7_000);
    expect((await db.getSetting('sync'))?.lastError).toBe('busy');
  });

  it('drops events older than 30 days and counts them for the member', async () => {
    await giveConsent(db, false);
    const now = Date.now();
    await recordEvent(db, share, now - RETENTION_MS - 1);
    await recordEvent(db, share, now);
    const hub = fakeHub();
    const result = await flushOutbox(db, hub.client, now);
    expect(result).toMatchObject({ dropped: 1, sent: 1 });
    expect((await db.getSetting('sync'))?.dropped).toBe(1);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(0, undefined, () => 0)).toBe(500);
    expect(backoffMs(3, undefined, () => 1)).toBe(8_000);
    expect(backoffMs(40, undefined, () => 1)).toBe(60_000);
    expect(backoffMs(5, 1_234)).toBe(1_234);
  });
});

describe('outbox retries', () => {
  it('resends exactly the same body under the same key', async () => {
    await giveConsent(db, false);
    await recordEvent(db, share);
    const bodies: string[] = [];
    let fail = true;
    const client = {
      async postEvents(batch: EventBatchRequest, key: string): Promise<EventBatchResponse> {
        bodies.push(`${key} ${JSON.stringify(batch)}`);
        if (fail) {
          fail = false;
          throw new HubError('timeout', 0);
        }
        return { accepted: 1, duplicate: 0, rejected: 0, results: [{ index: 0, status: 'accepted' }] };
      },
    } as unknown as HubClient;
    await flushOutbox(db, client);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later clock must not change the body
    await flushOutbox(db, client);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('outbox under a hub that stops answering', () => {
  it('sends a batch whose answer never comes again under the same key, and counts it once', async () => {
    await giveConsent(db, false);
    for (let i = 0; i < 3; i++) await recordEvent(db, share);
    // The hub usually answers in 50 ms: a request out for much longer is presumed lost.
    for (let i = 0; i < 8; i++) noteAnswerTime(50);
    const calls: Array<{ key: string; body: string; timeoutMs?: number }> = [];
    const client = {
      postEvents(batch: EventBatchRequest, key: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}) {
        calls.push({ key, body: JSON.stringify(batch), timeoutMs: options.timeoutMs });
        if (calls.length === 1) {
          // The first request hangs: only its timeout or its abandonment ends it.
          return new Promise<EventBatchResponse>((_, reject) => {
            const timer = setTimeout(() => reject(new HubError('timed out', 0)), options.timeoutMs);
            options.signal?.addEventListener('abort', () => {
              clearTimeout(timer);
              reject(new HubError('abandoned', 0));
            });
          });
        }
        const results = batch.events.map((e, index) => ({ index, id: e.id, status: 'accepted' as const }));
        return Promise.resolve({ accepted: results.length, duplicate: 0, rejected: 0, results });
      },
    } as unknown as HubClient;
    const started = Date.now();
    const result = await flushOutbox(db, client);
    expect(result).toMatchObject({ sent: 3, accepted: 3 });
    expect(result.error).toBeUndefined();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.key).toBe(calls[0]?.key);
    expect(calls[1]?.body).toBe(calls[0]?.body);
    // Far sooner than the 15 s other calls wait for an answer.
    expect(calls[0]?.timeoutMs).toBeLessThanOrEqual(3_000);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.batches.count()).toBe(0);
  });

  it('leaves no batch cut but never sent when the hub is unreachable, and keeps the one it tried', async () => {
    await giveConsent(db, false);
    for (let i = 0; i < 2 * MAX_BATCH_EVENTS + 5; i++) await recordEvent(db, share);
    const hub = fakeHub();
    const down = () => new HubError('down', 0);
    hub.fail(...Array.from({ length: 30 }, down));
    const result = await flushOutbox(db, hub.client);
    expect(result.error?.transient).toBe(true);
    const tried = new Set(hub.calls.map((c) => c.key));
    const kept = await db.batches.toArray();
    expect(kept.length).toBeGreaterThan(0);
    for (const batch of kept) expect(tried.has(batch.key)).toBe(true);
    expect(await db.outbox.count()).toBe(2 * MAX_BATCH_EVENTS + 5);
  });
});
