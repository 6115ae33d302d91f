// `npm run bench:ingest-plan`: where the time of the hub's ingest statement goes inside Postgres, for the batches
// bench:hub sends (100 events: five types in turn, own posts, a new post per reading). After 200 batches through
// `POST /v1/events` (the real route, in process), 30 more are each run again with fresh event ids and key under
// `EXPLAIN (ANALYZE)` in a transaction rolled back: the statement's time, the time spent writing rows per table (the
// insert itself: rows, indexes, conflicts) and the rest, computing what to write (the batch's JSON, the checks of
// what counts, the curves and the day deltas). Against bench:hub's raw INSERT, which only writes `events` rows, this
// is what a fair floor would have to include. Ends with one JSON line. Postgres as in bench:hub.
import { randomBytes, randomUUID } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { makeEvent } from './hub-batch';

const base =
  process.env.SPOKE_BENCH_DATABASE_URL ||
  process.env.SPOKE_TEST_DATABASE_URL ||
  'postgres://spoke:spoke@127.0.0.1:5432/spoke_test';
const name = `spoke_probe_${randomBytes(4).toString('hex')}`;
const withName = (url: string, db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const hubDb = await openDatabase({ url: withName(base, name), poolSize: 4 });
let captured: { sql: string; params: unknown[] } | null = null;
const dialect = new PgDialect();
const db: Database = {
  ...hubDb,
  batch: async (statements) => {
    const q = dialect.sqlToQuery(statements[statements.length - 1] as never);
    captured = { sql: q.sql, params: q.params };
    return hubDb.batch(statements);
  },
};
const app = createHubApp({
  version: 'probe',
  db,
  config: testConfig({ authCacheSeconds: 30, memberEventsPerHour: 1e9 }),
});
const org = await createOrganisation(db, 'P', ['Unit']);
const { code } = await createInvite(db, {
  orgId: org.orgId,
  businessUnitId: org.units.Unit as string,
  role: 'advocate',
  maxUses: 100,
  expiresInHours: 1,
});
const tokens: string[] = [];
for (let i = 0; i < 8; i++) {
  const r = await app.request('/v1/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode: code, displayName: `B${i}` }),
  });
  tokens.push(((await r.json()) as { token: string }).token);
}
let seq = 0;
const body = () => {
  const now = new Date().toISOString();
  return JSON.stringify({ sentAt: now, events: Array.from({ length: 100 }, () => makeEvent(seq++, now)) });
};
const send = async (i: number) => {
  const key = randomUUID();
  const r = await app.request('/v1/events', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${tokens[i % tokens.length]}`,
      'idempotency-key': key,
    },
    body: body(),
  });
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  return key;
};
for (let i = 0; i < 200; i++) await send(i);
const probe = postgres(withName(base, name), { max: 1, onnotice: () => {} });
const totals = new Map<string, number>();
let statementMs = 0;
const RUNS = 30;
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Total Time': number;
  Plans?: PlanNode[];
}
const walk = (node: PlanNode, out: PlanNode[]) => {
  out.push(node);
  for (const c of node.Plans ?? []) walk(c, out);
  return out;
};
for (let run = 0; run < RUNS; run++) {
  const key = await send(run);
  const { sql: text, params } = captured as unknown as { sql: string; params: unknown[] };
  // The same statement with fresh event ids and key, explained (so executed) in a transaction that is rolled back.
  const fresh = params.map((p) =>
    typeof p === 'string' && p.startsWith('[{')
      ? JSON.stringify((JSON.parse(p) as Array<Record<string, unknown>>).map((e) => ({ ...e, id: randomUUID() })))
      : p === key
        ? randomUUID()
        : p,
  );
  await probe
    .begin(async (tx) => {
      const [row] = await tx.unsafe(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, fresh as never[]);
      const plan = (Object.values(row as object)[0] as Array<{ Plan: PlanNode; 'Execution Time': number }>)[0];
      statementMs += plan?.['Execution Time'] ?? 0;
      for (const n of walk(plan?.Plan as PlanNode, [])) {
        if (n['Node Type'] !== 'ModifyTable' || !n['Relation Name']) continue;
        // Exclusive: the write itself (rows, indexes, conflicts), not the input it reads (a CTE is computed by the
        // first node that reads it, so inclusive times would blame whichever table came first).
        const own = n['Actual Total Time'] - (n.Plans ?? []).reduce((sum, c) => sum + c['Actual Total Time'], 0);
        totals.set(n['Relation Name'], (totals.get(n['Relation Name']) ?? 0) + own);
      }
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
}
const writes = [...totals.values()].reduce((a, b) => a + b, 0) / RUNS;
console.log(`statement ${(statementMs / RUNS).toFixed(2)} ms per batch of 100 events; writing rows, per table (ms):`);
for (const [t, ms] of [...totals].sort((x, y) => y[1] - x[1])) console.log(`  ${t}: ${(ms / RUNS).toFixed(2)}`);
console.log(`  (computing what to write: ${(statementMs / RUNS - writes).toFixed(2)})`);
console.log(
  JSON.stringify({
    statement_ms: Number((statementMs / RUNS).toFixed(2)),
    events_write_ms: Number(((totals.get('events') ?? 0) / RUNS).toFixed(2)),
    rollup_writes_ms: Number((writes - (totals.get('events') ?? 0) / RUNS).toFixed(2)),
    compute_ms: Number((statementMs / RUNS - writes).toFixed(2)),
  }),
);
await probe.end();
await hubDb.close();
await admin.unsafe(`DROP DATABASE ${name} WITH (FORCE)`);
await admin.end();
