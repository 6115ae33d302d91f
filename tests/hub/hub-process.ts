// For tests that run the hub as its own process (tests/hub/spawn.ts) and stop it while it ingests: storage the hub
// starts on (and restarts on), an outbox's batches with their Idempotency-Key, and the events the hub holds for a
// member, read through the member's own export.
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { MeExportPageSchema } from '../../lib/contract/hub';
import { openDatabase } from '../../server/db';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { type BackendName, openTestDb } from './support';

const root = path.resolve(import.meta.dirname, '../..');

export interface HubStorage {
  /** The environment of a hub process on this storage. */
  env: Record<string, string>;
  /** An advocate invite code (two uses). */
  code: string;
  drop(): Promise<void>;
}

/** A fresh database with one organisation: a Postgres test database, or a PGlite folder (one process at a time). */
export async function hubStorage(backend: BackendName, name: string): Promise<HubStorage> {
  const invite = async (db: Awaited<ReturnType<typeof openDatabase>>) => {
    const org = await createOrganisation(db, name, ['Unit']);
    const invited = await createInvite(db, {
      orgId: org.orgId,
      businessUnitId: org.rootId,
      role: 'advocate',
      maxUses: 2,
      expiresInHours: 1,
    });
    return invited.code;
  };
  if (backend === 'postgres') {
    const t = await openTestDb('postgres');
    return { env: { DATABASE_URL: t.url as string }, code: await invite(t.db), drop: () => t.drop() };
  }
  const dataDir = path.join(root, '.spoke', `${name.toLowerCase()}-${randomBytes(4).toString('hex')}`);
  const db = await openDatabase({ dataDir });
  const code = await invite(db);
  await db.close();
  return {
    env: { SPOKE_DATA_DIR: dataDir, DATABASE_URL: '' },
    code,
    async drop() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function enrolOn(base: string, inviteCode: string): Promise<string> {
  const enrolled = await fetch(`${base}/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode, displayName: 'Process test' }),
  });
  if (enrolled.status !== 201) throw new Error(`enrolment failed: ${enrolled.status} ${await enrolled.text()}`);
  return ((await enrolled.json()) as { token: string }).token;
}

export interface Batch {
  key: string;
  ids: string[];
  body: string;
  /** The hub answered 200 with every event accepted or duplicate. */
  acked: boolean;
}

export function makeBatch(size: number): Batch {
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

/** Whether an answer to a batch acknowledges it: the outbox then forgets its events. */
export function acknowledges(status: number, body: string): boolean {
  if (status !== 200) return false;
  const { results } = JSON.parse(body) as { results: Array<{ status: string }> };
  return results.every((r) => r.status === 'accepted' || r.status === 'duplicate');
}

/** Sends a batch as the outbox does (its key, its body as first sent); marks it acknowledged on such an answer. */
export async function sendBatch(base: string, token: string, batch: Batch): Promise<number> {
  const res = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': batch.key },
    body: batch.body,
  });
  if (acknowledges(res.status, await res.text())) batch.acked = true;
  return res.status;
}

/** The ids of the member's stored events, from every page of their export. */
async function storedEventIds(base: string, token: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?cursor=${cursor}` : '';
    const res = await fetch(`${base}/v1/me/export${query}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`export failed: ${res.status}`);
    const page = MeExportPageSchema.parse(await res.json());
    for (const { table, rows } of page.tables) {
      if (table === 'events') for (const row of rows) ids.add(String(row.clientEventId));
    }
    cursor = page.next;
  } while (cursor);
  return ids;
}

/**
 * After a hub stopped while batches were in flight and started again at `base`: every acknowledged batch is stored
 * whole, no batch in part, and the outbox's retries of the others (same keys) leave every event stored exactly once.
 */
export async function expectEachBatchOnce(base: string, token: string, batches: Batch[]): Promise<void> {
  const stored = await storedEventIds(base, token);
  for (const batch of batches) {
    const present = batch.ids.filter((id) => stored.has(id)).length;
    if (batch.acked) expect(present, 'an acknowledged batch is complete').toBe(batch.ids.length);
    else expect([0, batch.ids.length], 'no partial batch').toContain(present);
  }
  for (const batch of batches.filter((b) => !b.acked)) expect(await sendBatch(base, token, batch)).toBe(200);
  const after = await storedEventIds(base, token);
  const all = batches.flatMap((b) => b.ids);
  expect(all.every((id) => after.has(id))).toBe(true);
  expect(after.size).toBe(all.length);
}
