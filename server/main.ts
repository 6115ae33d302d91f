// Runs the hub on Node: `npm run hub` (or `npm start`, which also builds the extension).
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createHubApp } from './app';

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
const app = createHubApp({ version });

const server = serve({ fetch: app.fetch, port: readPort(), hostname }, (info) => {
  console.log(`Spoke hub listening on http://${hostname}:${info.port} (health: /healthz)`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
  });
}
