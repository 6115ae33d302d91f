// The semantic rules' own examples (SEM-001…) in the core pack: after retraining, the examples must still hold
// (every shipped rule passes its tests). This picks, per category, a training sentence the shipped model flags with
// a margin and a hard negative it leaves alone, with the demo company's names; `--write` puts them into core.json.
//   npx tsx tests/quality/rule-examples.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, compile, defaultPacks } from '../../lib/guidelines';
import { SEMANTIC_CATEGORIES } from '../../lib/guidelines/semantic';
import { loadSentences } from './train';

const CORE = join(process.cwd(), 'lib', 'guidelines', 'packs', 'core.json');
const NAMES: Record<string, string> = {
  companyname: 'Acme',
  productname: 'Acme Cloud',
  competitorname: 'Globex',
  customername: 'Wayne Enterprises',
  codenamename: 'Nightjar',
};
// A miss that shares the category's vocabulary shows what the rule leaves alone.
const NEAR_MISS: Record<string, RegExp> = {
  spokesperson: /\b(statement|announce\w*|official|press release)\b/i,
  securities: /\b(results|quarter|earnings|stock|revenue)\b/i,
  confidential: /\b(roadmap|internal|launch\w*)\b/i,
  legal: /\b(lawsuit|court|law|trial|bar exam)\b/i,
  security: /\b(security|password|breach|patch\w*|phishing)\b/i,
  competitors: /\b(Globex|competitor\w*|rival\w*)\b/i,
  claims: /\b(best|fastest|better|only)\b/i,
  privacy: /\b(health|surgery|recovery|baby|family)\b/i,
  conduct: /\b(idiot|stupid|killing|hell|crazy|brutal)\b/i,
};
const ctx = { network: 'linkedin', postKind: 'post', now: Date.parse('2026-06-01T12:00:00Z') } as const;
const policy = compile(defaultPacks.core);
const sentences = loadSentences().map((ex) => ({
  ...ex,
  text: ex.text.replace(
    /\b(companyname|productname|competitorname|customername|codenamename)\b/g,
    (m) => NAMES[m] ?? m,
  ),
}));

const raw = JSON.parse(readFileSync(CORE, 'utf8')) as { rules: Array<Record<string, unknown>> };
const picked: Record<string, Array<{ text: string; expect: 'hit' | 'miss' }>> = {};
for (const rule of defaultPacks.core.rules) {
  const m = Object.values(rule.matchers).find((x) => x.kind === 'semantic');
  if (m?.kind !== 'semantic') continue;
  const k = SEMANTIC_CATEGORIES.indexOf(m.category);
  const fires = (text: string) => check(policy, text, ctx).some((f) => f.ruleId === rule.id);
  const quiet = (text: string) => check(policy, text, ctx).length === 0;
  // Hits: sentences of the category that this rule flags and that stay flagged inside a longer post.
  const hits = sentences
    .filter((s) => s.target[k] === 1 && s.text.length >= 50 && s.text.length <= 160 && fires(s.text))
    .filter((s) => fires(`Long week. ${s.text}`) && fires(`Lovely sunset on the drive home. ${s.text}`));
  const misses = sentences.filter(
    (s) => s.target.every((t) => t !== 1) && s.text.length >= 40 && s.text.length <= 140 && quiet(s.text),
  );
  const hit = hits[Math.floor(hits.length / 2)];
  const miss = misses.find((s) => NEAR_MISS[m.category]?.test(s.text)) ?? misses[0];
  if (!hit || !miss) throw new Error(`${rule.id}: no example found (hits ${hits.length}, misses ${misses.length})`);
  picked[rule.id] = [
    { text: hit.text, expect: 'hit' },
    { text: miss.text, expect: 'miss' },
  ];
  console.log(`${rule.id}\n  hit:  ${hit.text}\n  miss: ${miss.text}`);
}
if (process.argv.includes('--write')) {
  for (const r of raw.rules) {
    const tests = picked[r.id as string];
    if (tests) r.tests = tests;
  }
  writeFileSync(CORE, `${JSON.stringify(raw, null, 2)}\n`);
  console.log('written; run `npx biome format --write lib/guidelines/packs/core.json` and bump the pack version');
}
