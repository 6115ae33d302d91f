// Marginal cost of each rule of the bench pack, in pack order (µs per check, low percentile of short windows so a
// busy machine disturbs it less):  npx tsx tests/bench/guidelines/ablate.ts [english|mixed]
import { check, compile, defaultPacks } from '../../../lib/guidelines';
import { benchPack, PATTERNS, post, rng, terms } from './corpus';

const which = process.argv[2] ?? 'both';
const r = rng(20261123);
const english = Array.from({ length: 64 }, () => post(r, 3000, false));
const mixed = Array.from({ length: 64 }, () => post(r, 3000, true));
const texts =
  which === 'english' ? english : which === 'mixed' ? mixed : english.flatMap((e, i) => [e, mixed[i] as string]);
const full = benchPack(defaultPacks.core, terms(rng(7), 1000), PATTERNS);
const ctx = { network: 'linkedin', postKind: 'post' } as const;
let sink = 0;
// Minimum over many short windows: on a shared, busy machine the fastest windows are the undisturbed ones.
export function timeIt(fn: (t: string) => number, list: string[] = texts): number {
  for (let i = 0; i < 1000; i++) sink += fn(list[i % list.length] as string);
  let best = Number.POSITIVE_INFINITY;
  for (let rep = 0; rep < 400; rep++) {
    const t0 = performance.now();
    for (let j = 0; j < 8; j++) sink += fn(list[(rep * 8 + j) % list.length] as string);
    best = Math.min(best, ((performance.now() - t0) / 8) * 1000);
  }
  return best;
}
const floor = timeIt((t) => t.normalize('NFKC').toLowerCase().length);
console.log(`floor ${floor.toFixed(2)} µs`);
let prev = 0;
const rows: Array<[string, number]> = [];
for (let k = 0; k <= full.rules.length; k++) {
  if (k > 0 && k < full.rules.length - 21 && k % 1 !== 0) continue;
  const pack = { ...full, version: `${full.version}.${k}`, rules: full.rules.slice(0, k) };
  const policy = compile(pack, { cache: false });
  const t = timeIt((x) => check(policy, x, ctx).length);
  rows.push([k === 0 ? '(none)' : (full.rules[k - 1]?.id as string), t - prev]);
  prev = t;
}
for (const [id, d] of rows) console.log(`${id.padEnd(10)} ${d >= 0 ? '+' : ''}${d.toFixed(2)}`);
console.log(`total ${prev.toFixed(2)} µs = ${(prev / floor).toFixed(2)} x floor`);
if (sink === -1) console.log('');
