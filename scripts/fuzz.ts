// `npm run fuzz [-- --cases 100000]`: the hub's fuzz suite (tests/hub/fuzz.test.ts) at a size no CI run could
// afford, spread evenly over every route and backend (PGlite, and Postgres when SPOKE_TEST_DATABASE_URL is set).
// Any 5xx, or a refusal that is not problem+json, fails it. Ends with one JSON line: the cases that ran.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routeTable } from '../server/app';

const argument = process.argv.indexOf('--cases');
const target = argument > 0 ? Number(process.argv[argument + 1]) : 100_000;
if (!Number.isInteger(target) || target < 1)
  throw new Error('--cases takes a whole number of cases, 100000 by default.');
const backends = process.env.SPOKE_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
const runs = Math.ceil(target / (routeTable.length * backends.length));
const folder = mkdtempSync(join(tmpdir(), 'spoke-fuzz-'));
const report = join(folder, 'cases.jsonl');
const started = performance.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'hub', 'tests/hub/fuzz.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, SPOKE_FUZZ_RUNS: String(runs), SPOKE_FUZZ_REPORT: report },
});
let lines: Array<{ backend: string; route: string; cases: number }> = [];
try {
  lines = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No route finished: reported as 0 cases below.
}
rmSync(folder, { recursive: true, force: true });
const cases = lines.reduce((sum, line) => sum + line.cases, 0);
console.log(
  JSON.stringify({
    cases,
    routes: new Set(lines.map((line) => line.route)).size,
    backends,
    runs_per_route: runs,
    passed: run.status === 0,
    seconds: Math.round((performance.now() - started) / 1000),
  }),
);
process.exit(run.status === 0 && cases >= target ? 0 : 1);
