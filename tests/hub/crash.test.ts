// kill -9 of the hub in the middle of ingesting, then a restart on the same storage: every acknowledged event is
// there, no batch is stored in part, and retrying the unacknowledged batches with their Idempotency-Key completes
// the set without duplicates.
import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MeExportPageSchema } from '../../lib/contract/hub';
import { openDatabase } from '../../server/db';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { startHub } from './spawn';
import { backends, openTestDb, type TestDb } from './support';

const root = path.resolve(import.meta.dirname, '../..');

interface Batch {
  key: string;
  ids: string[];
  body: string;
  acked: boolean;
}

function makeBatch(size: number): Batch {
  const now = new Date().toISOString();
  const events = Array.from({ length: size }, (_, i) => ({
    id: randomUUID(),
    seq: i,
    type: 'post_published',
    network: 'x',
    occurredAt: now,
    props: { postKind: 'post' },
  }));
  return {
    key: randomUUID(),
    ids: events.map((e) => e.id),
    body: JSON.stringify({ sentAt: now, events }),
    acked: false,
  };
}

async function send(base: string, token: string, batch: Batch): Promise<number> {
  const res = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': batch.key },
    body: batch.body,
  });
  if (res.status === 200) {
    const body = (await res.json()) as { results: Array<{ status: string }> };
    if (body.results.every((r) => r.status === 'accepted' || r.status === 'duplicate')) batch.acked = true;
  }
  return res.status;
}

describe.each(backends)('kill -9 while ingesting on %s', (backend) => {
  let t: TestDb | undefined;
  let dataDir: string | undefined;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await t?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and stores no partial batch', { timeout: 120_000 }, async () => {
    let env: Record<string, string>;
    let code: string;
    if (backend === 'postgres') {
      t = await openTestDb('postgres');
      const org = await createOrganisation(t.db, 'Crash', ['Unit']);
      code = (
        await createInvite(t.db, {
          orgId: org.orgId,
          businessUnitId: org.rootId,
          role: 'advocate',
          maxUses: 2,
          expiresInHours: 1,
        })
      ).code;
      env = { DATABASE_URL: t.url as string };
    } else {
      dataDir = path.join(root, '.spoke', `crash-${randomBytes(4).toString('hex')}`);
      const db = await openDatabase({ dataDir });
      const org = await createOrganisation(db, 'Crash', ['Unit']);
      code = (
        await createInvite(db, {
          orgId: org.orgId,
          businessUnitId: org.rootId,
          role: 'advocate',
          maxUses: 2,
          expiresInHours: 1,
        })
      ).code;
      await db.close();
      env = { SPOKE_DATA_DIR: dataDir, DATABASE_URL: '' };
    }

    const first = await startHub(env);
    children.push(first.child);
    const enrolled = await fetch(`${first.base}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: code, displayName: 'Crash test' }),
    });
    const { token } = (await enrolled.json()) as { token: string };

    // Four senders in a loop; kill -9 once enough batches are acknowledged, with requests in flight.
    const batches: Batch[] = [];
    let killed = false;
    const sender = async () => {
      while (!killed) {
        const batch = makeBatch(50);
        batches.push(batch);
        await send(first.base, token, batch).catch(() => 0);
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
    /** The ids of the member's stored events, from every page of their export. */
    const exported = async () => {
      const ids = new Set<string>();
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?cursor=${cursor}` : '';
        const res = await fetch(`${second.base}/v1/me/export${query}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(res.status).toBe(200);
        const page = MeExportPageSchema.parse(await res.json());
        for (const { table, rows } of page.tables) {
          if (table === 'events') for (const row of rows) ids.add(String(row.clientEventId));
        }
        cursor = page.next;
      } while (cursor);
      return ids;
    };
    const stored = await exported();
    for (const batch of batches) {
      const present = batch.ids.filter((id) => stored.has(id)).length;
      if (batch.acked) expect(present, 'an acknowledged batch is complete').toBe(batch.ids.length);
      else expect([0, batch.ids.length], 'no partial batch').toContain(present);
    }
    // The client retries what was not acknowledged, with the same keys: everything ends up stored once.
    for (const batch of batches.filter((b) => !b.acked)) expect(await send(second.base, token, batch)).toBe(200);
    const after = await exported();
    const all = batches.flatMap((b) => b.ids);
    expect(all.every((id) => after.has(id))).toBe(true);
    expect(after.size).toBe(all.length);
    second.child.kill('SIGTERM');
  });
});
