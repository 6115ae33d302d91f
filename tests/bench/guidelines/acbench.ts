// The base Aho-Corasick search alone on the bench's base views (best µs per 3,000-character text), with the number of
// dense rows as a knob (DS, default 8,192):  DS=32768 npx tsx tests/bench/guidelines/acbench.ts
import { buildAutomaton, compile, defaultPacks } from '../../../lib/guidelines';
import { termsOf } from '../../../lib/guidelines/engine';
import { baseView } from '../../../lib/guidelines/normalize';
import { benchPack, PATTERNS, post, rng, terms } from './corpus';

const r = rng(20261123);
const english = Array.from({ length: 64 }, () => baseView(post(r, 3000, false)).text);
const mixed = Array.from({ length: 64 }, () => baseView(post(r, 3000, true)).text);
const policy = compile(benchPack(defaultPacks.core, terms(rng(7), 1000), PATTERNS));
const ac = buildAutomaton(termsOf(policy, 0), { denseStates: Number(process.env.DS ?? 8192) });
let sink = 0;
for (const [name, views] of [
  ['english', english],
  ['mixed', mixed],
] as const) {
  for (let i = 0; i < 3000; i++) sink += ac.search(views[i % 64] as string).count;
  let best = Infinity;
  for (let rep = 0; rep < 300; rep++) {
    const t0 = performance.now();
    for (const v of views) sink += ac.search(v).count;
    best = Math.min(best, ((performance.now() - t0) / 64) * 1000);
  }
  console.log(`${name} AC search best ${best.toFixed(2)} µs, hits/text ${ac.search(views[0] as string).count}`);
}

// Why the search costs what it costs: the same loop shape (one dependent table load per code unit) over R random
// rows of 64 Int32 classes. It is memory-latency bound: the real automaton (12.8k states) visits as many rows as R≈8k.
const classes = new Uint8Array(65536);
for (let c = 97; c < 123; c++) classes[c] = c - 95;
classes[32] = 1;
for (const rows of [64, 512, 2048, 8192]) {
  const table = new Int32Array(8192 * 64);
  for (let i = 0; i < table.length; i++) table[i] = ((Math.imul(i, 0x9e3779b1) >>> 0) % rows) << 6;
  const chain = (t: string) => {
    let s = 0;
    for (let i = 0; i < t.length; i++) s = table[s + (classes[t.charCodeAt(i)] as number)] as number;
    return s;
  };
  for (let i = 0; i < 2000; i++) sink += chain(english[i % 64] as string);
  let best = Infinity;
  for (let rep = 0; rep < 200; rep++) {
    const t0 = performance.now();
    for (const v of english) sink += chain(v);
    best = Math.min(best, ((performance.now() - t0) / 64) * 1000);
  }
  console.log(`dependent loads over ${rows} random rows: ${best.toFixed(2)} µs`);
}
if (sink === -1) console.log('');
