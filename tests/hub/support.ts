// Shared by the hub tests: the backends (PGlite always; Postgres with SPOKE_TEST_DATABASE_URL, required when
// CI=true), an isolated database per test file, and a world of two organisations with enrolled members.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { expect } from 'vitest';
import { createHubApp } from '../../server/app';
import { type HubConfig, testConfig } from '../../server/config';
import { type Database, migrationsFolder, openDatabase } from '../../server/db';
import { createOrganisation } from '../../server/seed';
import { createInvite } from '../../server/services/invites';

export type BackendName = 'pglite' | 'postgres';

const root = path.resolve(import.meta.dirname, '../..');

const isCi = process.env.CI === 'true' || process.env.CI === '1';
export const postgresUrl = process.env.SPOKE_TEST_DATABASE_URL || undefined;

/** The backends every hub suite runs against. */
export const backends: BackendName[] = postgresUrl || isCi ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDb {
  db: Database;
  /** Postgres only: the URL of the fresh database. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A migrated PGlite data folder as a tarball, made once and shared by the test files (initdb takes seconds; loading
 * the tarball a fraction of that). Keyed by the migrations, so a schema change makes a new one.
 */
async function pgliteTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (statSync(full).isFile()) hash.update(file).update(readFileSync(full));
  }
  const file = path.join(root, '.spoke', `test-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const db = await openDatabase();
  const blob = (await db.dump?.()) as Blob;
  await db.close();
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, file);
  return blob;
}
let template: Promise<Blob> | undefined;

/** A fresh, migrated database: PGlite in memory, or a new Postgres database (dropped afterwards). */
export async function openTestDb(backend: BackendName): Promise<TestDb> {
  if (backend === 'pglite') {
    template ??= pgliteTemplate();
    const db = await openDatabase({ template: await template });
    return { db, drop: () => db.close() };
  }
  if (!postgresUrl) {
    throw new Error('CI=true but SPOKE_TEST_DATABASE_URL is not set: the hub suite must also run against Postgres.');
  }
  const name = `spoke_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 5 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const again = postgres(postgresUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await again.end();
    },
  };
}

export interface Member {
  token: string;
  id: string;
  businessUnitId: string;
}

interface Tenant {
  orgId: string;
  rootId: string;
  units: Record<string, string>;
  coe: Member;
  alice: Member;
  bob: Member;
}

export interface World {
  app: ReturnType<typeof createHubApp>;
  db: Database;
  config: HubConfig;
  a: Tenant;
  b: Tenant;
}

export async function enroll(app: ReturnType<typeof createHubApp>, code: string, displayName: string): Promise<Member> {
  const response = await app.request('/v1/enroll', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ inviteCode: code, displayName }),
  });
  if (response.status !== 201) throw new Error(`enroll failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { token: string; me: { id: string; businessUnit: { id: string } } };
  return { token: body.token, id: body.me.id, businessUnitId: body.me.businessUnit.id };
}

async function tenant(app: World['app'], db: Database, name: string): Promise<Tenant> {
  const org = await createOrganisation(db, name, ['Engineering', 'Sales']);
  const invite = async (unit: string, role: 'advocate' | 'coe') =>
    (await createInvite(db, { orgId: org.orgId, businessUnitId: unit, role, maxUses: 5, expiresInHours: 24 })).code;
  const coe = await enroll(app, await invite(org.rootId, 'coe'), `${name} CoE`);
  const alice = await enroll(app, await invite(org.units.Engineering as string, 'advocate'), `${name} Alice`);
  const bob = await enroll(app, await invite(org.units.Sales as string, 'advocate'), `${name} Bob`);
  return { ...org, coe, alice, bob };
}

/** Two organisations, each with a CoE member and two advocates in different units. */
export async function makeWorld(db: Database, overrides: Partial<HubConfig> = {}): Promise<World> {
  const config = testConfig(overrides);
  const app = createHubApp({ version: 'test', db, config });
  const a = await tenant(app, db, 'Org A');
  const b = await tenant(app, db, 'Org B');
  return { app, db, config, a, b };
}

/** `app.request` with a token and a JSON body. */
export async function call(
  app: World['app'],
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return app.request(path, { method, headers, body });
}

/**
 * `GET /v1/r/:code` from a visitor at a client address: the socket's, as the Node server hands it to the hub (a
 * browser's user agent unless told otherwise).
 */
export async function follow(
  app: World['app'],
  code: string,
  options: { ip: string; headers?: Record<string, string>; method?: string },
): Promise<Response> {
  const headers = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0', ...options.headers };
  return app.request(
    `/v1/r/${code}`,
    { method: options.method ?? 'GET', headers },
    {
      incoming: { socket: { remoteAddress: options.ip } },
    },
  );
}

/**
 * Follows a link as two human visitors (one of them twice: one visitor, two hits) and a bot (not counted): two human
 * clicks on the link.
 */
export async function followAsVisitors(app: World['app'], code: string): Promise<void> {
  for (const [ua, ip] of [
    ['Mozilla/5.0 Firefox/130', '203.0.113.5'],
    ['Mozilla/5.0 Chrome/130', '198.51.100.7'],
    ['Mozilla/5.0 Chrome/130', '198.51.100.7'],
    ['Twitterbot/1.0', '192.0.2.1'],
  ] as const) {
    await follow(app, code, { ip, headers: { 'user-agent': ua } });
  }
}

let counter = 0;
/** A valid event of the given type. */
export function makeEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    id: crypto.randomUUID(),
    seq: counter,
    type: 'post_published',
    network: 'linkedin',
    occurredAt: new Date().toISOString(),
    props: { postKind: 'post' },
    ...overrides,
  };
}

/** The roll-up tables ingest keeps, each in a stable order, plus `links` (its human clicks are a roll-up too). */
const ROLLUP_TABLES: Array<[string, string]> = [
  ['daily_rollups', 'org_id, day, member_id, network'],
  ['member_months', 'org_id, member_id, network, month'],
  ['shares', 'org_id, client_event_id'],
  ['reach_snapshots', 'org_id, member_id, network, post_ref, day'],
  ['reach_posts', 'org_id, member_id, network, post_ref'],
  ['links', 'code'],
  ['rule_rollups', 'org_id, day, business_unit_id, rule_id'],
  ['member_activity', 'org_id, member_id'],
  ['coverage_rollups', 'org_id, day, network, surface, kind, site_pack'],
  ['rule_totals', 'org_id, day, rule_id'],
  ['unit_rollups', 'org_id, day, business_unit_id, network'],
  ['content_rollups', 'org_id, day, content_id'],
  ['member_days', 'org_id, year, member_id'],
];

/**
 * Columns only ingest can know: when a post's views started or stopped counting (a backfill finds whether they count,
 * not since when).
 */
const INGEST_ONLY: Record<string, string[]> = { reach_posts: ['counting_changed_at'] };

/**
 * Rows that count nothing, which ingest may leave behind (views gained, then taken back when a post stops counting)
 * and a backfill does not make: the same as no row to every report.
 */
const COUNTS_NOTHING: Record<string, string> = { unit_rollups: 'NOT (shares = 0 AND clicks = 0 AND views = 0)' };

/** Every roll-up row, as plain JSON, for comparing what ingest kept with what the backfill rebuilds. */
export async function dumpRollups(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of ROLLUP_TABLES) {
    const rows = await db.query<Record<string, unknown>>(
      `SELECT * FROM ${table} WHERE ${COUNTS_NOTHING[table] ?? 'true'} ORDER BY ${order}`,
    );
    for (const row of rows) for (const column of INGEST_ONLY[table] ?? []) delete row[column];
    out[table] = rows;
  }
  return JSON.parse(JSON.stringify(out));
}

/** Roll-ups rebuilt equal to those kept, table by table (a failure names the table). */
export function expectSameRollups(rebuilt: Record<string, unknown[]>, kept: Record<string, unknown[]>): void {
  expect(Object.keys(rebuilt)).toEqual(Object.keys(kept));
  for (const table of Object.keys(kept)) expect(rebuilt[table], table).toEqual(kept[table]);
}

/** The hand-written backfill statements of a migration (from its `-- Backfill` comment on). */
function backfillOf(file: string): string[] {
  const migration = readFileSync(path.join(migrationsFolder, file), 'utf8');
  return migration.slice(migration.indexOf('-- Backfill')).split('--> statement-breakpoint');
}

/** Empties the roll-ups the migrations' backfills rebuild, then runs those backfills. */
export async function rebuildRollupsFromBackfill(db: Database): Promise<void> {
  for (const table of [
    'shares',
    'reach_posts',
    'member_months',
    'rule_rollups',
    'coverage_rollups',
    'rule_totals',
    'unit_rollups',
    'content_rollups',
    'member_days',
  ])
    await db.query(`DELETE FROM ${table}`);
  await db.query('UPDATE links SET human_clicks = 0');
  for (const statement of [
    ...backfillOf('0001_reach_rollups.sql'),
    ...backfillOf('0002_rule_rollups.sql'),
    ...backfillOf('0003_member_activity.sql'),
    ...backfillOf('0004_coverage_rollups.sql'),
    ...backfillOf('0008_earned_participation.sql'),
    ...backfillOf('0011_analytics_rollups.sql'),
  ]) {
    await db.query(statement);
  }
}

/** Rebuilds `member_activity` as its migration's backfill does: for events a test writes to the table directly. */
export async function backfillMemberActivity(db: Database): Promise<void> {
  for (const statement of backfillOf('0003_member_activity.sql')) await db.query(statement);
}
