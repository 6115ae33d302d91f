// Runs the hub on Node: `npm run hub` (or `npm start`, which also builds the extension and seeds a demo).
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createHubApp } from './app';
import { loadConfig } from './config';
import { openDatabase } from './db';
import { Lifecycle, stopServing } from './lifecycle';
import { log } from './log';
import { demoInvites, isEmpty, seedDemo } from './seed';

const DEFAULT_PORT = 8787;

function readPort(): number {
  const raw = process.env.PORT ?? process.env.SPOKE_HUB_PORT;
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${raw}".`);
  }
  return port;
}

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const hostname = process.env.HOST ?? '127.0.0.1';
const config = loadConfig();
log.level = config.logLevel;
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
const storage = db.kind === 'postgres' ? 'Postgres (DATABASE_URL)' : `PGlite in ${config.dataDir}`;

if (process.env.SPOKE_SEED_DEMO === 'true' || process.env.SPOKE_SEED_DEMO === '1') {
  const seeded = (await isEmpty(db)) ? await seedDemo(db) : await demoInvites(db);
  if (seeded) {
    // For the person who ran `npm start`, not a log line: the demo's codes are what it is for (never in production).
    process.stdout.write(`
  Demo organisation "Acme Demo"${'policy' in seeded && !seeded.policy ? ' (no policy: the guideline engine is missing)' : ''}
    advocate invite code (Engineering): ${seeded.advocateCode}
    CoE invite code:                    ${seeded.coeCode}
  Enter one in the extension's options page, with the hub address below.

`);
  }
}

const lifecycle = new Lifecycle();
const app = createHubApp({ version, db, config, lifecycle });

// Idempotency keys answer retries for a week, then go (events stay de-duplicated by their own ids).
const prune = setInterval(() => {
  void db.query("DELETE FROM idempotency_keys WHERE created_at < now() - interval '7 days'").catch(() => {});
}, 60 * 60_000);
prune.unref();
const server = serve({ fetch: app.fetch, port: readPort(), hostname }, (info) => {
  const url = `http://${hostname}:${info.port}`;
  log.info(
    { url, storage: db.kind, version },
    `Spoke hub listening on ${url} on ${storage} (health: /healthz, readiness: /readyz, API: /v1/openapi.json)`,
  );
  if (process.send) process.send({ ready: true, port: info.port });
}) as Server;

// SIGTERM (an orchestrator, `docker stop`) or Ctrl+C: finish what is in flight, close the database, exit 0. A second
// signal changes nothing (`npm start` passes on the Ctrl+C the hub also gets from the terminal).
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.shutdownGraceSeconds * 1000;
    // Should closing the database hang, the process still ends.
    setTimeout(() => {
      log.error('shutting down: the database did not close in time');
      process.exit(1);
    }, graceMs + 10_000).unref();
    clearInterval(prune);
    const { cut } = await stopServing(server, lifecycle, graceMs, log);
    await db.close().catch((error: unknown) => log.error({ err: error }, 'shutting down: closing the database failed'));
    log.info({ signal, cut }, 'stopped');
    process.exit(0);
  });
}
