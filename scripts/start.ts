// `npm start`: builds the extension for Chrome and Firefox, then runs the hub in the foreground on PGlite (in
// .spoke/hub-data) with a demo organisation, and prints an advocate and a CoE invite code.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

for (const args of [
  ['wxt', 'build'],
  ['wxt', 'build', '-b', 'firefox'],
]) {
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✘ "npx ${args.join(' ')}" failed; the hub was not started.`);
    process.exit(result.status ?? 1);
  }
}

console.log(`
✔ Spoke is built.

  Chrome / Edge / Chromium
    1. Open chrome://extensions and switch on "Developer mode" (top right).
    2. Click "Load unpacked" and choose ${path.join(root, '.output/chrome-mv3')}

  Firefox
    1. Open about:debugging#/runtime/this-firefox
    2. Click "Load Temporary Add-on…" and choose ${path.join(root, '.output/firefox-mv2/manifest.json')}

  Then open Spoke's settings (right-click the toolbar icon → Options), enter the hub address
  http://127.0.0.1:8787 and one of the invite codes printed below, and agree to what Spoke records.
  (Firefox gives the extension a random origin: add it to SPOKE_CORS_ORIGINS, see the README.)

  Starting the hub on PGlite with the demo organisation "Acme Demo" (Ctrl+C stops it)…
`);

// A small V8 young generation keeps the hub's memory low (README, "Running it small").
const hub = spawn(process.execPath, ['--max-semi-space-size=2', '--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    SPOKE_SEED_DEMO: process.env.SPOKE_SEED_DEMO ?? 'true',
    // The unpacked Chrome build has a pinned id (wxt.config.ts), so the local hub can let it in out of the box.
    SPOKE_CORS_ORIGINS: process.env.SPOKE_CORS_ORIGINS ?? 'chrome-extension://dhdhjhogeaomelbceofajjicgiiaccpm',
  },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => hub.kill(signal));
hub.on('exit', (code) => process.exit(code ?? 0));
