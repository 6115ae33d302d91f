// `npm run bench:analytics -- --members 20000 --events 10000000`: fills an organisation (tests/bench/org-fill.ts: units
// of uneven size, skewed activity, a year of events through the hub's own write path), then times every report the
// CoE's Analytics screen asks for — `GET /v1/admin/analytics` for each period it offers (7, 30, 90 days, 12 months)
// by week and by day — through the Hono app (`app.request`: auth, validation, answer schema), as a CoE member.
//
// It also runs each of the report's statements under EXPLAIN and counts the plans that read the `events` table (the
// report must read only roll-ups: its cost must not grow with every event ever stored). Ends with one JSON line:
// p50/p95 per request, `max_p95_ms`, `plans_reading_events`, `members`, `events`.
//
// Postgres by default (SPOKE_BENCH_DATABASE_URL, else SPOKE_TEST_DATABASE_URL, else the local cluster of .ci/run); a
// fresh database, dropped afterwards, unless --database NAME (filled once and kept; bench:reach fills the same
// organisation, so one fill serves both). `--pglite` times PGlite instead (--data-dir D keeps its folder). Knobs:
// --runs R (timed requests per report, default 60: the p95 is the 3rd slowest), --concurrency C (members filled at once, default 3).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalyticsResponseSchema } from '../../lib/contract/hub';
import { REPORT_PERIODS } from '../../lib/format';
import { createHubApp } from '../../server/app';
import { testConfig } from '../../server/config';
import { type Database, openDatabase } from '../../server/db';
import { analytics } from '../../server/services/analytics';
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
const EVENTS = Number(arg('events') ?? 1_000_000);
const MEMBERS = Number(arg('members') ?? 2_000);
const RUNS = Number(arg('runs') ?? 60);
const CONCURRENCY = Number(arg('concurrency') ?? 3);
const DATABASE = arg('database');
const PGLITE = process.argv.includes('--pglite');
const DATA_DIR = arg('data-dir');
const UNITS = [
  'Engineering',
  'Sales',
  'Marketing',
  'Operations',
  'Finance',
  'People',
  'Legal',
  'Support',
  'Product',
  'Research',
  'Customer Success',
  'Partnerships',
];

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every statement the report runs, with its parameters, as the service sends them. */
async function reportStatements(db: Database, orgId: string, from: string, to: string, bucket: 'day' | 'week') {
  const seen: Array<{ text: string; params: unknown[] }> = [];
  const recording: Database = {
    ...db,
    query: async <T>(text: string, params: unknown[] = []) => {
      seen.push({ text, params });
      return db.query<T>(text, params);
    },
  };
  await analytics(recording, orgId, from, to, bucket);
  return seen;
}

async function run(db: Database, label: string) {
  const app = createHubApp({ version: 'bench', db, config: testConfig({ authCacheSeconds: 5 }) });
  const filled: FilledOrg =
    (await filledOrganisation(db, BENCH_ORG)) ??
    (await fillOrganisation(db, app, {
      orgName: BENCH_ORG,
      events: EVENTS,
      members: MEMBERS,
      units: UNITS,
      concurrency: db.kind === 'postgres' ? CONCURRENCY : 1,
      label,
    }));
  const to = dayOf(Date.now());
  const requests: Record<string, { p50: number; p95: number; bytes: number }> = {};
  for (const days of REPORT_PERIODS) {
    for (const bucket of ['week', 'day'] as const) {
      const from = dayOf(Date.now() - (days - 1) * DAY_MS);
      const url = `/v1/admin/analytics?from=${from}&to=${to}&bucket=${bucket}`;
      const request = () => app.request(url, { headers: { authorization: `Bearer ${filled.coeToken}` } });
      const first = await request();
      if (first.status !== 200) throw new Error(`analytics failed: ${first.status} ${await first.text()}`);
      const body = AnalyticsResponseSchema.parse(await first.json());
      for (let i = 0; i < 3; i++) await (await request()).arrayBuffer();
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        bytes = (await (await request()).arrayBuffer()).byteLength;
        times.push(performance.now() - s);
      }
      times.sort((a, b) => a - b);
      const key = `${days}d_${bucket}`;
      requests[key] = { p50: percentile(times, 50), p95: percentile(times, 95), bytes };
      console.log(
        `[${label}] analytics ${key}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, ` +
          `${bytes} bytes; ${body.activeMembers} active, ${body.sharingMembers} sharing, totals ${JSON.stringify(body.totals)}, ` +
          `${body.topRules.length} top rules, ${body.idleMembers.length} idle listed, ${body.inactive.over30Days} inactive 30 d+`,
      );
    }
  }
  // The plans: no statement of the report may read `events` (a scan or an index of it).
  const statements = await reportStatements(db, filled.orgId, dayOf(Date.now() - 364 * DAY_MS), to, 'week');
  let readingEvents = 0;
  for (const s of statements) {
    const [row] = await db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.params);
    const plan = JSON.stringify(Object.values(row ?? {})[0]);
    const relations = [...plan.matchAll(/"Relation Name":"([a-z_]+)"/g)].map((m) => m[1]);
    if (relations.includes('events')) readingEvents++;
    console.log(`[${label}] plan reads ${[...new Set(relations)].sort().join(', ')}: ${s.text.trim().split('\n')[0]}`);
  }
  return { filled, members: filled.members, requests, readingEvents };
}

const summary: Record<string, unknown> = {};
const report = (r: Awaited<ReturnType<typeof run>>, store: string) => {
  const p95s = Object.values(r.requests).map((x) => x.p95);
  Object.assign(summary, {
    store,
    members: r.members,
    events: r.filled.events,
    clicks: r.filled.clicks,
    max_p95_ms: Number(Math.max(...p95s).toFixed(1)),
    plans_reading_events: r.readingEvents,
    ...Object.fromEntries(
      Object.entries(r.requests).flatMap(([k, v]) => [
        [`${k}_p50_ms`, Number(v.p50.toFixed(1))],
        [`${k}_p95_ms`, Number(v.p95.toFixed(1))],
      ]),
    ),
    fill_s: Math.round(r.filled.fillSeconds),
  });
};
if (PGLITE) {
  const dir = DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), 'spoke-analytics-bench-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    report(await run(db, 'pglite'), 'pglite');
  } finally {
    await db.close();
    if (!DATA_DIR) rmSync(dir, { recursive: true, force: true });
  }
} else {
  if (!(await postgresAvailable())) {
    console.error(
      `nothing answers at ${benchPostgresUrl.replace(/:[^:@/]+@/, ':***@')}; start Postgres or pass --pglite`,
    );
    process.exit(1);
  }
  // The hub's default pool (SPOKE_DB_POOL, server/config.ts): the report's statements run at once.
  report(await withPostgres(DATABASE, 10, (db) => run(db, 'postgres')), 'postgres');
}
console.log(JSON.stringify(summary));
