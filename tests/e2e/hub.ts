// A real hub process on loopback for E2E tests: PGlite in a fresh folder, the demo organisation seeded, CORS open
// to the extension's pinned id. Stopped (and its data removed) by the test that started it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const EXTENSION_ORIGIN = 'chrome-extension://dhdhjhogeaomelbceofajjicgiiaccpm';
const root = path.resolve(import.meta.dirname, '../..');

export interface RunningHub {
  url: string;
  advocateCode: string;
  coeCode: string;
  /** SIGKILL when `hard`, as a crash would; the data folder stays for a restart. */
  stop(hard?: boolean): Promise<void>;
  /** Starts the hub again on the same port and data. */
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

function launch(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: string; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve({ child, output, port: Number(listening[1]) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`hub exited with ${code}:\n${output}`)));
  });
}

/** A port free right now on loopback: the hub needs to know its own address for the tracked links it hands out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `env` adds hub settings (e.g. a higher event cap for the chaos run, or SPOKE_CORS_ORIGINS for an extension loaded
 * under another id than the pinned one).
 */
export async function startHub(env: Record<string, string> = {}): Promise<RunningHub> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'spoke-hub-e2e-'));
  const settings = {
    SPOKE_CORS_ORIGINS: EXTENSION_ORIGIN,
    ...env,
    SPOKE_DATA_DIR: dataDir,
    SPOKE_SEED_DEMO: '1',
    PORT: String(await freePort()),
  };
  let { child, output, port } = await launch(settings);
  const advocateCode = /advocate invite code[^:]*:\s*(\S+)/.exec(output)?.[1];
  const coeCode = /CoE invite code:\s*(\S+)/.exec(output)?.[1];
  if (!advocateCode || !coeCode) throw new Error(`no invite codes in the hub's output:\n${output}`);
  const stop = async (hard = false) => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    advocateCode,
    coeCode,
    stop,
    async restart() {
      ({ child, output, port } = await launch(settings));
    },
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
