// kill -9 of the hub in the middle of ingesting, then a restart on the same storage: every acknowledged event is
// there, no batch is stored in part, and retrying the unacknowledged batches with their Idempotency-Key completes
// the set without duplicates.
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import {
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

describe.each(backends)('kill -9 while ingesting on %s', (backend) => {
  let storage: HubStorage | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await storage?.drop();
  });

  it('loses nothing acknowledged and stores no partial batch', { timeout: 120_000 }, async () => {
    storage = await hubStorage(backend, 'Crash');
    const { env } = storage;
    const first = await startHub(env);
    children.push(first.child);
    const token = await enrolOn(first.base, storage.code);

    // Four senders in a loop; kill -9 once enough batches are acknowledged, with requests in flight.
    const batches: Batch[] = [];
    let killed = false;
    const sender = async () => {
      while (!killed) {
        const batch = makeBatch(50);
        batches.push(batch);
        await sendBatch(first.base, token, batch).catch(() => 0);
      }
    };
    const senders = Array.from({ length: 4 }, sender);
    const deadline = Date.now() + 60_000;
    while (batches.filter((b) => b.acked).length < 15) {
      if (Date.now() > deadline)
        throw new Error(`only ${batches.filter((b) => b.acked).length} batches acknowledged in 60 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(senders);
    await new Promise((r) =>
      first.child.exitCode !== null || first.child.signalCode ? r(null) : first.child.once('exit', r),
    );
    const acked = batches.filter((b) => b.acked);
    expect(acked.length).toBeGreaterThanOrEqual(15);
    expect(batches.length).toBeGreaterThan(acked.length); // some were cut off

    const second = await startHub(env);
    children.push(second.child);
    await expectEachBatchOnce(second.base, token, batches);
    second.child.kill('SIGTERM');
  });
});
