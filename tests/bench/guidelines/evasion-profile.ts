// Where the skeleton pass (lib/guidelines/evasion.ts) spends its time on the bench workload:
//   npx tsx tests/bench/guidelines/evasion-profile.ts
import { compile, defaultPacks } from '../../../lib/guidelines';
import { internalsOf } from '../../../lib/guidelines/compile';
import { evasionHits, skeletonWindows } from '../../../lib/guidelines/evasion';
import { baseView } from '../../../lib/guidelines/normalize';
import { benchPack, PATTERNS, post, rng, terms } from './corpus';

const r = rng(20261123);
const texts = Array.from({ length: 64 }, (_, i) => post(r, 3000, i % 2 === 1));
const p = internalsOf(compile(benchPack(defaultPacks.core, terms(rng(7), 1000), PATTERNS)));
const index = p?.evasion;
if (!index) throw new Error('no evasion index');
const views = texts.map(baseView);
/** The whole pass of one check: its windows, then the skeleton automaton over them. */
const hitsOf = (i: number) => {
  const view = views[i] as ReturnType<typeof baseView>;
  return evasionHits(index, skeletonWindows(view, index.reach), view, texts[i] as string);
};
const time = (label: string, fn: (i: number) => unknown) => {
  for (let i = 0; i < 2000; i++) fn(i % texts.length);
  const t0 = performance.now();
  const n = 20000;
  for (let i = 0; i < n; i++) fn(i % texts.length);
  console.log(`${label.padEnd(28)} ${(((performance.now() - t0) / n) * 1000).toFixed(1)} µs`);
};
time('base view', (i) => baseView(texts[i] as string));
time('base automaton search', (i) => index.automaton.search((views[i] as { text: string }).text));
time('evasion hits (all)', hitsOf);
let hits = 0;
for (let i = 0; i < texts.length; i++) for (const v of hitsOf(i).values()) hits += v.length / 2;
console.log(`evasive spellings found per post: ${(hits / texts.length).toFixed(2)}`);
if (process.argv.includes('--show')) {
  for (let i = 0; i < 6; i++) {
    const t = texts[i] as string;
    for (const [owner, sp] of hitsOf(i))
      for (let j = 0; j < sp.length; j += 2)
        console.log(
          owner,
          JSON.stringify(t.slice((sp[j] as number) - 10, (sp[j + 1] as number) + 10)),
          JSON.stringify(t.slice(sp[j], sp[j + 1])),
        );
  }
}
console.log(`reach ${index.reach} units; skeleton keys ${index.owners.filter(Boolean).length}`);
