// Micro-timings of the parts of check() on the bench workload (µs per 3,000-character text):
//   npx tsx tests/bench/guidelines/parts.ts
import { check, compile, defaultPacks } from '../../../lib/guidelines';
import { buildAutomaton } from '../../../lib/guidelines/aho';
import { termsOf } from '../../../lib/guidelines/compile';
import { detect } from '../../../lib/guidelines/detectors';
import { baseView } from '../../../lib/guidelines/normalize';
import { benchPack, PATTERNS, post, rng, terms } from './corpus';

const r = rng(20261123);
const english = Array.from({ length: 64 }, () => post(r, 3000, false));
const mixed = Array.from({ length: 64 }, () => post(r, 3000, true));
const custom = terms(rng(7), 1000);
const policy = compile(benchPack(defaultPacks.core, custom, PATTERNS));
const ctx = { network: 'linkedin', postKind: 'post' } as const;
let sink = 0;
const time = (label: string, texts: string[], fn: (t: string) => number) => {
  for (let i = 0; i < 2000; i++) sink += fn(texts[i % texts.length] as string);
  const samples: number[] = [];
  for (let rep = 0; rep < 40; rep++) {
    const t0 = performance.now();
    for (const t of texts) sink += fn(t);
    samples.push(((performance.now() - t0) / texts.length) * 1000);
  }
  samples.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} min ${samples[0]?.toFixed(2)}  med ${samples[20]?.toFixed(2)} µs`);
};
const ac = buildAutomaton(termsOf(policy, 0));
for (const [name, texts] of [
  ['english', english],
  ['mixed', mixed],
] as const) {
  console.log(`-- ${name}`);
  const views = texts.map((t) => baseView(t).text);
  let k = 0;
  const view = () => views[k++ % views.length] as string;
  time('floor NFKC+lower', texts, (t) => t.normalize('NFKC').toLowerCase().length);
  time('baseView', texts, (t) => baseView(t).text.length);
  time('AC search (base terms)', texts, () => ac.search(view()).count);
  for (const d of ['url', 'email', 'mention', 'hashtag', 'money', 'phone', 'iban', 'payment_card'] as const)
    time(`detect ${d}`, texts, () => detect(d, view()).spans.length);
  time('check', texts, (t) => check(policy, t, ctx).length);
}
const f = check(policy, english[0] as string, ctx);
console.log(f.length, [...new Set(f.map((x) => x.ruleId))].join(' '));
const g = check(policy, mixed[0] as string, ctx);
console.log(g.length, [...new Set(g.map((x) => x.ruleId))].join(' '));
if (sink === -1) console.log('');
