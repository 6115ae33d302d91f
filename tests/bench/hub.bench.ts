// `npm run bench:hub`: the hub's ingest throughput over loopback HTTP (autocannon, batches of 100 events), on
// Postgres and on PGlite, against a raw batched INSERT of the same rows into the same database in the same run, plus
// the hub's peak RSS. Ends with one JSON line.
//
// Postgres: SPOKE_BENCH_DATABASE_URL, else DATABASE_URL, else SPOKE_TEST_DATABASE_URL, else the local cluster of
// .ci/run (postgres://spoke:spoke@127.0.0.1:5432/spoke_test); a fresh database is created and dropped.
// Knobs: SPOKE_BENCH_SECONDS (per phase, default 10), SPOKE_BENCH_CONNECTIONS (default 4), SPOKE_BENCH_NODE_FLAGS
// (V8 flags of the hub, default --max-semi-space-size=2).
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { openDatabase } from '../../server/db';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';
import { makeEvent } from './hub-batch';

const root = path.resolve(import.meta.dirname, '../..');
const SECONDS = Number(process.env.SPOKE_BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.SPOKE_BENCH_CONNECTIONS ?? 4);
const BATCH = 100;
/** V8 flags of the hub process: a small young generation keeps the RSS low (README: "Running it small"). */
const HUB_NODE_FLAGS = (process.env.SPOKE_BENCH_NODE_FLAGS ?? '--max-semi-space-size=2').split(' ').filter(Boolean);
const DEVICES = 32;
const baseUrl =
  process.env.SPOKE_BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  process.env.SPOKE_TEST_DATABASE_URL ||
  'postgres://spoke:spoke@127.0.0.1:5432/spoke_test';

interface Hub {
  child: ChildProcess;
  port: number;
}

function startHub(env: Record<string, string>): Promise<Hub> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'server/main.ts'), [], {
      cwd: root,
      execArgv: [...HUB_NODE_FLAGS, '--import', 'tsx'],
      env: {
        ...process.env,
        PORT: '0',
        SPOKE_RATE_MEMBER_PER_MIN: '10000000',
        SPOKE_RATE_IP_PER_MIN: '10000000',
        SPOKE_MEMBER_EVENTS_PER_HOUR: '1000000000',
        SPOKE_AUTH_CACHE_SECONDS: '30',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('exit', (code) => reject(new Error(`the hub exited (${code}) before it was ready`)));
    child.on('message', (message: { ready?: boolean; port?: number }) => {
      if (message.ready && message.port) resolve({ child, port: message.port });
    });
  });
}

/** Peak resident set of a process, in MB (VmHWM). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

async function stopHub(hub: Hub): Promise<void> {
  await new Promise<void>((resolve) => {
    hub.child.removeAllListeners('exit');
    hub.child.once('exit', () => resolve());
    hub.child.kill('SIGTERM');
  });
}

/** An organisation and invite codes, written before the hub starts (PGlite has one process at a time). */
async function prepare(options: { url?: string; dataDir?: string }): Promise<string> {
  const db = await openDatabase(options);
  const org = await createOrganisation(db, 'Bench', ['Unit']);
  const { code } = await createInvite(db, {
    orgId: org.orgId,
    businessUnitId: org.units.Unit as string,
    role: 'advocate',
    maxUses: 1_000,
    expiresInHours: 1,
  });
  await db.close();
  return code;
}

async function enrollDevices(port: number, code: string): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < DEVICES; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inviteCode: code, displayName: `Bench ${i}` }),
    });
    if (res.status !== 201) throw new Error(`enroll: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  return tokens;
}

function makeBodies(count: number): string[] {
  const now = new Date().toISOString();
  let seq = 0;
  return Array.from({ length: count }, () =>
    JSON.stringify({ sentAt: now, events: Array.from({ length: BATCH }, () => makeEvent(seq++, now)) }),
  );
}

interface Load {
  eventsPerS: number;
  p99: number;
  non2xx: number;
  bodies: string[];
}

async function load(port: number, tokens: string[], seconds: number, expectRate: number): Promise<Load> {
  const bodies = makeBodies(Math.ceil((expectRate * seconds) / BATCH) + 200);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/v1/events',
        setupRequest: (req) => {
          const i = next++;
          const body = bodies[i % bodies.length] as string;
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${tokens[i % tokens.length]}`,
              'idempotency-key': `bench-${i}-${randomBytes(4).toString('hex')}`,
            },
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  return {
    eventsPerS: Math.round((ok * BATCH) / result.duration),
    p99: result.latency.p99,
    non2xx: result.non2xx,
    bodies: bodies.slice(0, Math.min(next, bodies.length)),
  };
}

/** The same rows, batched the same way, straight into a copy of the events table: the database's own ceiling. */
async function rawInsert(url: string, bodies: string[], seconds: number): Promise<number> {
  const sql = postgres(url, { max: CONNECTIONS, onnotice: () => {} });
  await sql`CREATE TABLE events_raw (LIKE events INCLUDING ALL)`;
  const orgId = randomUUID();
  const memberId = randomUUID();
  const batches = bodies.map((body) =>
    (JSON.parse(body) as { events: Array<ReturnType<typeof makeEvent>> }).events.map((e) => ({
      org_id: orgId,
      client_event_id: e.id,
      member_id: memberId,
      device_id: memberId,
      business_unit_id: memberId,
      seq: e.seq,
      type: e.type,
      network: e.network,
      content_id: null,
      occurred_at: new Date(e.occurredAt),
      received_at: new Date(),
      props: e.props,
      batch_key: null,
    })),
  );
  let done = 0;
  let next = 0;
  const until = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until && next < batches.length) {
        const rows = batches[next++] as Array<Record<string, unknown>>;
        await sql`INSERT INTO events_raw ${sql(rows as never)} ON CONFLICT DO NOTHING`;
        done += rows.length;
      }
    }),
  );
  const rate = done / ((Date.now() - started) / 1000);
  await sql`DROP TABLE events_raw`;
  await sql.end();
  return Math.round(rate);
}

async function benchPostgres(): Promise<{ eventsPerS: number; p99: number; raw: number; rss: number }> {
  const name = `spoke_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  try {
    const code = await prepare({ url: url.toString() });
    const hub = await startHub({ DATABASE_URL: url.toString(), SPOKE_DB_POOL: String(CONNECTIONS) });
    try {
      const tokens = await enrollDevices(hub.port, code);
      await load(hub.port, tokens, 2, 10_000); // warm-up
      const run = await load(hub.port, tokens, SECONDS, 30_000);
      const rss = peakRssMb(hub.child.pid as number);
      console.error(`postgres: ${run.eventsPerS} events/s, p99 ${run.p99} ms, non-2xx ${run.non2xx}`);
      const raw = await rawInsert(url.toString(), run.bodies, SECONDS);
      console.error(`postgres raw INSERT: ${raw} rows/s`);
      return { eventsPerS: run.eventsPerS, p99: run.p99, raw, rss };
    } finally {
      await stopHub(hub);
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

async function benchPglite(): Promise<{ eventsPerS: number; p99: number; rss: number }> {
  const dataDir = path.join(root, '.spoke', `bench-pglite-${randomBytes(4).toString('hex')}`);
  try {
    const code = await prepare({ dataDir });
    const hub = await startHub({ SPOKE_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const tokens = await enrollDevices(hub.port, code);
      await load(hub.port, tokens, 2, 5_000);
      const run = await load(hub.port, tokens, SECONDS, 15_000);
      const rss = peakRssMb(hub.child.pid as number);
      console.error(`pglite: ${run.eventsPerS} events/s, p99 ${run.p99} ms, non-2xx ${run.non2xx}, peak RSS ${rss} MB`);
      return { eventsPerS: run.eventsPerS, p99: run.p99, rss };
    } finally {
      await stopHub(hub);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pg = await benchPostgres();
const lite = await benchPglite();
console.error(`hub peak RSS: Postgres ${pg.rss} MB, PGlite ${lite.rss} MB`);
console.log(
  JSON.stringify({
    pg_events_per_s: pg.eventsPerS,
    pg_p99_ms: pg.p99,
    pg_raw_ratio: Math.round((pg.eventsPerS / pg.raw) * 100) / 100,
    pglite_events_per_s: lite.eventsPerS,
    hub_rss_mb: Math.max(pg.rss, lite.rss),
  }),
);
