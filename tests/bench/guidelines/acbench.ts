// The base Aho-Corasick search alone on the bench's base views (best µs per 3,000-character text), with the number of
// dense rows as a knob (DS, default 8,192):  DS=32768 npx tsx tests/bench/guidelines/acbench.ts
// Also: dependent loads over random rows, and a word-hash first pass, for comparison.
import { buildAutomaton, compile, defaultPacks } from '../../../lib/guidelines';
import { termsOf } from '../../../lib/guidelines/compile';
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

// The alternative a redesign would try first: no automaton, one pass that hashes each word and probes a table of the
// keys' first words (candidates would then be verified). It has no chain of dependent loads, yet costs about what the
// AC pass costs: the per-unit work of a JS loop (load, class test, hash step) is the floor, not the memory. The bare
// loop (one class load per unit) is shown for scale; native tokenisers (RegExp exec + Set) cost 2-5x more than both.
const WORD = 1;
const EVENT = 2;
const cls = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (/[\p{L}\p{N}\p{M}_]/u.test(String.fromCharCode(c))) cls[c] = WORD;
for (let c = 0xd800; c < 0xe000; c++) cls[c] = WORD;
for (let c = 48; c < 58; c++) cls[c] = WORD | EVENT;
for (const c of '#@$!') cls[c.charCodeAt(0)] = EVENT;
const SLOTS = 1 << 15;
const firstWords = new Int32Array(SLOTS);
const slotOf = (h: number) => (h ^ (h >>> 15)) & (SLOTS - 1);
for (const key of termsOf(policy, 0)) {
  let h = 0;
  let i = 0;
  for (; i < key.length && (cls[key.charCodeAt(i)] as number) & WORD; i++)
    h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  if (!i) continue;
  let p = slotOf(h);
  while (firstWords[p] !== 0 && firstWords[p] !== (h | 1)) p = (p + 1) & (SLOTS - 1);
  firstWords[p] = h | 1;
}
const events = new Int32Array(4096);
const wordHashPass = (s: string) => {
  let candidates = 0;
  let n = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = cls[c] as number;
    if (k & WORD) {
      h = inWord ? (Math.imul(h, 31) + c) | 0 : c;
      inWord = true;
    } else if (inWord) {
      for (
        let p = slotOf(h), e = firstWords[p] as number;
        e !== 0;
        p = (p + 1) & (SLOTS - 1), e = firstWords[p] as number
      )
        if (e === (h | 1)) {
          candidates++;
          break;
        }
      inWord = false;
    }
    if (k & EVENT) events[n++ & 4095] = i;
  }
  return candidates + n;
};
const bareLoop = (s: string) => {
  let x = 0;
  for (let i = 0; i < s.length; i++) x += cls[s.charCodeAt(i)] as number;
  return x;
};
for (const [name, views] of [
  ['english', english],
  ['mixed', mixed],
] as const) {
  for (const [label, fn] of [
    ['AC search', (v: string) => ac.search(v).count],
    ['word-hash pass', wordHashPass],
    ['bare loop', bareLoop],
  ] as const) {
    for (let i = 0; i < 3000; i++) sink += fn(views[i % 64] as string);
    let best = Infinity;
    for (let rep = 0; rep < 300; rep++) {
      const t0 = performance.now();
      for (const v of views) sink += fn(v);
      best = Math.min(best, ((performance.now() - t0) / 64) * 1000);
    }
    console.log(`${name} ${label}: best ${best.toFixed(2)} µs`);
  }
}
if (sink === -1) console.log('');
