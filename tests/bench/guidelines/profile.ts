// Profiling driver for the guideline engine on the bench workload (not part of `npm run bench`):
//   npx tsx tests/bench/guidelines/profile.ts            per-phase / per-rule time (µs per check)
//   node --cpu-prof --import tsx tests/bench/guidelines/profile.ts --loop   a CPU profile of check() only
import { check, compile, defaultPacks } from '../../../lib/guidelines';
import { ruleTimings } from '../../../lib/guidelines/check';
import { benchPack, PATTERNS, post, rng, terms } from './corpus';

const r = rng(20261123);
const english = Array.from({ length: 64 }, () => post(r, 3000, false));
const mixed = Array.from({ length: 64 }, () => post(r, 3000, true));
const only = process.argv.find((a) => a === 'english' || a === 'mixed');
const all =
  only === 'english' ? english : only === 'mixed' ? mixed : english.flatMap((e, i) => [e, mixed[i] as string]);
const custom = terms(rng(7), 1000);
for (let i = 0; i < all.length; i += 4) {
  const t = all[i] as string;
  const term = custom[i % custom.length] as string;
  all[i] = `${t.slice(0, 1500)} ${term} ${t.slice(1502 + term.length)}`.slice(0, 3000);
}
const policy = compile(benchPack(defaultPacks.core, custom, PATTERNS));
const ctx = { network: 'linkedin', postKind: 'post' } as const;

let sink = 0;
for (let i = 0; i < 5000; i++) sink += check(policy, all[i % all.length] as string, ctx).length;

if (process.argv.includes('--loop')) {
  const t0 = performance.now();
  for (let i = 0; i < 40000; i++) sink += check(policy, all[i % all.length] as string, ctx).length;
  console.log(`check mean ${(((performance.now() - t0) / 40000) * 1000).toFixed(1)} µs`);
} else {
  const reps = 30;
  const texts: string[] = [];
  for (let i = 0; i < reps; i++) texts.push(...all);
  for (let i = 0; i < 3; i++) ruleTimings(policy, all, ctx);
  const times = ruleTimings(policy, texts, ctx);
  const rows = [...times.entries()]
    .map(([k, v]) => [k, (v / texts.length) * 1000] as const)
    .sort((a, b) => b[1] - a[1]);
  let total = 0;
  for (const [, v] of rows) total += v;
  for (const [k, v] of rows.slice(0, 30)) console.log(`${k.padEnd(20)} ${v.toFixed(2)} µs`);
  console.log(`total ${total.toFixed(1)} µs`);
  let f = 0;
  const t0 = performance.now();
  for (const t of texts) f += t.normalize('NFKC').toLowerCase().length;
  console.log(`floor ${(((performance.now() - t0) / texts.length) * 1000).toFixed(2)} µs`);
  const t1 = performance.now();
  for (const t of texts) f += check(policy, t, ctx).length;
  console.log(`check ${(((performance.now() - t1) / texts.length) * 1000).toFixed(2)} µs`);
  sink += f;
}
if (sink === -1) console.log('');
