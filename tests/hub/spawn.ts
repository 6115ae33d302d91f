// Starts server/main.ts as its own process (as `npm run hub` does) on a free port.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface SpawnedHub {
  child: ChildProcess;
  base: string;
  /** What the hub printed so far. */
  stdout(): string;
}

export function startHub(env: Record<string, string>): Promise<SpawnedHub> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(root, 'server/main.ts'), [], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        PORT: '0',
        SPOKE_RATE_MEMBER_PER_MIN: '1000000',
        SPOKE_RATE_IP_PER_MIN: '1000000',
        SPOKE_MEMBER_EVENTS_PER_HOUR: '1000000000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => {
      stdout += d;
    });
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => reject(new Error(`hub did not start in time: ${stderr}`)), 45_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}): ${stderr}`));
    });
    child.on('message', (m: { ready?: boolean; port?: number }) => {
      if (m.ready) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, base: `http://127.0.0.1:${m.port}`, stdout: () => stdout });
      }
    });
  });
}
