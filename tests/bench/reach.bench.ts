// `npm run bench:reach -- --events N`: fills one organisation with N events over the last year (tests/bench/org-fill.ts:
// the hub's own write path), then times member 1's (the heaviest sharer's) one-year `GET /v1/me/reach` through the
// Hono app (`app.request`, the real route: auth, validation, answer schema). Prints p50/p95 per bucket; ends with one
// JSON line {"events", "reach_p95_ms", …}. The reach page asks for the leaderboard of the same year beside it
// (lib/background/reach.ts): timed too, as `leaderboard_p95_ms` (--leaderboard-runs, default 60).
//
// PGlite (the default hub store) in a temporary data folder, like `npm start`; and Postgres when one answers:
// SPOKE_BENCH_DATABASE_URL, else SPOKE_TEST_DATABASE_URL, else the local cluster of .ci/run
// (postgres://spoke:spoke@127.0.0.1:5432/spoke_test); a fresh database is created and dropped. `--only pglite|postgres`
// runs one. Knobs: --members M (default N / 2000, at least 20), --runs R (timed requests, default 300),
// --concurrency C (members filled at once on Postgres, default 3), --data-dir D (PGlite: fill D and keep it),
// --database NAME (Postgres: fill that database and keep it). Run again with the same D or NAME to time without
// refilling; bench:analytics reads the same organisation ("Bench organisation"), so one fill serves both.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LeaderboardResponseSchema, ReachResponseSchema } from '../../lib/contract/hub';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import {
  BENCH_ORG,
  benchArg,
  benchPostgresUrl,
  DAY_MS,
  type FilledOrg,
  filledOrganisation,
  fillOrganisation,
  percentile,
  postgresAvailable,
  withPostgres,
} from './org-fill';

const arg = benchArg;
const EVENTS = Number(arg('events') ?? 100_000);
const MEMBERS = Number(arg('members') ?? Math.max(20, Math.round(EVENTS / 2_000)));
const RUNS = Number(arg('runs') ?? 300);
const LEADERBOARD_RUNS = Number(arg('leaderboard-runs') ?? 60);
const CONCURRENCY = Number(arg('concurrency') ?? 3);
const ONLY = arg('only');
const DATA_DIR = arg('data-dir');
const DATABASE = arg('database');
const UNITS = ['Engineering', 'Sales', 'Marketing', 'Operations', 'Finance', 'People', 'Legal', 'Support'];

async function run(db: Database, label: string, concurrency: number) {
  const config = testConfig({ authCacheSeconds: 5 }); // the hub's default token cache
  const app = createHubApp({ version: 'bench', db, config });
  const filled =
    (await filledOrganisation(db, BENCH_ORG)) ??
    (await fillOrganisation(db, app, {
      orgName: BENCH_ORG,
      events: EVENTS,
      members: MEMBERS,
      units: UNITS,
      concurrency,
      label,
    }));
  return { ...filled, ...(await time(app, label, filled, db)) };
}

async function time(app: ReturnType<typeof createHubApp>, label: string, filled: FilledOrg, db: Database) {
  const [timedEvents] = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM events WHERE member_id = $1',
    [filled.timed.memberId],
  );
  console.log(`[${label}] the timed member has ${Number(timedEvents?.n)} events`);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 364 * DAY_MS).toISOString().slice(0, 10);
  const results: Record<string, { p50: number; p95: number; bytes: number; cpuMs: number }> = {};
  for (const bucket of ['day', 'week'] as const) {
    const url = `/v1/me/reach?from=${from}&to=${today}&bucket=${bucket}`;
    const request = () => app.request(url, { headers: { authorization: `Bearer ${filled.timed.token}` } });
    const first = await request();
    if (first.status !== 200) throw new Error(`reach failed: ${first.status} ${await first.text()}`);
    const body = ReachResponseSchema.parse(await first.json());
    for (let i = 0; i < 20; i++) await (await request()).arrayBuffer();
    const times: number[] = [];
    let bytes = 0;
    // CPU time of this process per request: the machine may be shared, and then wall time includes waiting for a core.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const res = await request();
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - s);
    }
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
    times.sort((a, b) => a - b);
    results[bucket] = { p50: percentile(times, 50), p95: percentile(times, 95), bytes, cpuMs };
    console.log(
      `[${label}] reach bucket=${bucket}: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
        `CPU ${cpuMs.toFixed(2)} ms per request, ` +
        `${bytes} bytes; totals ${JSON.stringify(body.totals)}, ${body.series.length} series rows, ${body.posts.length} posts, ` +
        `streak ${JSON.stringify(body.streak)}`,
    );
  }
  // The leaderboard of the same year, as the member's reach page asks for it.
  const board = () =>
    app.request(`/v1/leaderboard?from=${from}&to=${today}`, {
      headers: { authorization: `Bearer ${filled.timed.token}` },
    });
  const firstBoard = await board();
  if (firstBoard.status !== 200) throw new Error(`leaderboard failed: ${firstBoard.status} ${await firstBoard.text()}`);
  const boardBody = LeaderboardResponseSchema.parse(await firstBoard.json());
  for (let i = 0; i < 3; i++) await (await board()).arrayBuffer();
  const boardTimes: number[] = [];
  for (let i = 0; i < LEADERBOARD_RUNS; i++) {
    const s = performance.now();
    await (await board()).arrayBuffer();
    boardTimes.push(performance.now() - s);
  }
  boardTimes.sort((a, b) => a - b);
  const leaderboard = { p50: percentile(boardTimes, 50), p95: percentile(boardTimes, 95) };
  console.log(
    `[${label}] leaderboard: p50 ${leaderboard.p50.toFixed(2)} ms, p95 ${leaderboard.p95.toFixed(2)} ms; ` +
      `${boardBody.members.length} members listed, top ${boardBody.members[0]?.shares ?? 0} shares`,
  );
  return {
    leaderboard,
    timedMemberEvents: Number(timedEvents?.n),
    p95: Math.max(results.day?.p95 ?? 0, results.week?.p95 ?? 0),
    results,
  };
}

const summary: Record<string, unknown> = { events: EVENTS, members: MEMBERS };
if (ONLY !== 'postgres') {
  const dir = DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'spoke-reach-bench-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    const r = await run(db, 'pglite', 1);
    Object.assign(summary, {
      events: r.events,
      members: r.members,
      reach_p95_ms: Number(r.p95.toFixed(2)),
      pglite_day_p50_ms: Number(r.results.day?.p50.toFixed(2)),
      pglite_week_p95_ms: Number(r.results.week?.p95.toFixed(2)),
      pglite_cpu_ms_per_request: Number(r.results.day?.cpuMs.toFixed(2)),
      pglite_fill_s: Math.round(r.fillSeconds),
      leaderboard_p95_ms: Number(r.leaderboard.p95.toFixed(2)),
      timed_member_events: r.timedMemberEvents,
    });
  } finally {
    await db.close();
    if (!DATA_DIR) rmSync(dir, { recursive: true, force: true });
  }
}
if (ONLY !== 'pglite') {
  if (await postgresAvailable()) {
    const r = await withPostgres(DATABASE, 4, (db) => run(db, 'postgres', CONCURRENCY));
    Object.assign(summary, {
      postgres_events: r.events,
      postgres_clicks: r.clicks,
      postgres_reach_p95_ms: Number(r.p95.toFixed(2)),
      postgres_reach_p50_ms: Number(r.results.day?.p50.toFixed(2)),
      postgres_fill_s: Math.round(r.fillSeconds),
      postgres_leaderboard_p50_ms: Number(r.leaderboard.p50.toFixed(2)),
      postgres_leaderboard_p95_ms: Number(r.leaderboard.p95.toFixed(2)),
    });
    if (ONLY === 'postgres') {
      summary.reach_p95_ms = Number(r.p95.toFixed(2));
      summary.events = r.events;
      summary.members = r.members;
      summary.timed_member_events = r.timedMemberEvents;
      summary.leaderboard_p95_ms = Number(r.leaderboard.p95.toFixed(2));
    }
  } else {
    console.log(`[postgres] skipped: nothing answers at ${benchPostgresUrl.replace(/:[^:@/]+@/, ':***@')}`);
    summary.postgres = 'unavailable';
  }
}
console.log(JSON.stringify(summary));
