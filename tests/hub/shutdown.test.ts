// SIGTERM (a deploy, `docker stop`, a scale-down) while members' outboxes send batches: the hub stops taking new
// connections, lets the batch in flight finish and answers it, closes its database and exits 0. Restarted on the same
// storage, every batch it acknowledged is there exactly once, none in part, and the unacknowledged ones, retried
// with their Idempotency-Key, land once.
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acknowledges,
  type Batch,
  enrolOn,
  expectEachBatchOnce,
  type HubStorage,
  hubStorage,
  makeBatch,
  sendBatch,
} from './hub-process';
import { startHub } from './spawn';
import { backends } from './support';

const METRICS_TOKEN = 'shutdown-test-metrics-token-8d1e0f3a7c2b';

/** A batch sent over a connection of its own, its body held back after the first half until `finish()`. */
function heldBatch(base: string, token: string, batch: Batch) {
  const req = request(`${base}/v1/events`, {
    method: 'POST',
    agent: false,
    headers: {
      // As an outbox's pooled connection would: the hub, stopping, is the one to close it.
      connection: 'keep-alive',
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(batch.body),
      authorization: `Bearer ${token}`,
      'idempotency-key': batch.key,
    },
  });
  const half = Math.floor(batch.body.length / 2);
  const answer = new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
  });
  req.write(batch.body.slice(0, half));
  return { answer, finish: () => req.end(batch.body.slice(half)) };
}

/** Whether a new connection to the hub is refused (`agent: false`: never a kept-alive one). */
function refused(base: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${base}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(false);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(backends)('SIGTERM while ingesting on %s', (backend) => {
  let storage: HubStorage | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await storage?.drop();
  });

  it('finishes the batch in flight, exits 0, and loses or doubles nothing', { timeout: 180_000 }, async () => {
    storage = await hubStorage(backend, 'Shutdown');
    const env = { ...storage.env, SPOKE_METRICS_TOKEN: METRICS_TOKEN, SPOKE_SHUTDOWN_GRACE_SECONDS: '120' };
    const first = await startHub(env);
    children.push(first.child);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      first.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const token = await enrolOn(first.base, storage.code);

    // One batch is surely in flight when the signal comes: the hub is reading its body.
    const held = makeBatch(50);
    const inFlight = heldBatch(first.base, token, held);
    const requestsInFlight = async () => {
      const res = await fetch(`${first.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      return Number(/^spoke_http_requests_in_flight (\d+)$/m.exec(await res.text())?.[1]);
    };
    while ((await requestsInFlight()) < 2) await sleep(20); // the held batch and this scrape

    // Four outboxes sending in a loop; SIGTERM once enough batches are acknowledged.
    const batches: Batch[] = [held];
    let stopped = false;
    const sender = async () => {
      while (!stopped) {
        const batch = makeBatch(50);
        batches.push(batch);
        const status = await sendBatch(first.base, token, batch).catch(() => 0);
        if (status !== 200) await sleep(20);
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    while (batches.filter((b) => b.acked).length < 15) await sleep(20);
    first.child.kill('SIGTERM');

    // New connections are refused while the held batch is still being read; then it is answered, and closes.
    while (!(await refused(first.base))) await sleep(20);
    expect(first.child.exitCode).toBeNull();
    inFlight.finish();
    const answer = await inFlight.answer;
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe('close');
    expect(acknowledges(answer.status, answer.body)).toBe(true);
    held.acked = true;

    expect(await exited).toEqual({ code: 0, signal: null });
    stopped = true;
    await Promise.all(senders);
    const log = first.stdout();
    expect(log).toContain('"msg":"shutting down: finishing the requests in flight"');
    expect(log).toMatch(/"msg":"stopped"/);
    expect(log).not.toContain(token);
    expect(log).not.toContain(storage.code);
    const acked = batches.filter((b) => b.acked);
    expect(acked.length).toBeGreaterThanOrEqual(16);

    const second = await startHub(env);
    children.push(second.child);
    await expectEachBatchOnce(second.base, token, batches);
    second.child.kill('SIGTERM');
  });
});
