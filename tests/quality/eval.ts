// npm run eval:guidance [-- --misses] [--company id] [--json]
// Per-label precision and recall of the shipped default pack (set up per company as its CoE would) on the labelled
// corpus, for the dev and the test half. Misses are printed for the dev half only: the test half is measured, never
// looked into. Tips (severity info) are counted apart and are not findings. Ends with one JSON line for the test half.
import { check, compile, type Finding } from '../../lib/guidelines';
import { loadSemanticModel, type SemanticModel, type SemanticModelFile } from '../../lib/guidelines/semantic';
import shipped from '../../lib/guidelines/semantic-model.json';
import {
  type Company,
  LABEL_OF_CATEGORY,
  LABELS,
  type Label,
  loadCompanies,
  loadPosts,
  type Post,
  packFor,
  postTime,
} from './corpus';
import { foldModels, loadSentences } from './train';

const args = process.argv.slice(2);
const showMisses = args.includes('--misses');
const onlyCompany = args.includes('--company') ? args[args.indexOf('--company') + 1] : undefined;

interface Outcome {
  post: Post;
  predicted: Set<Label>;
  findings: Finding[];
  tips: number;
}

/** `modelFor(post)`: the semantic model that scores a post (default: the shipped one). */
function evaluate(posts: Post[], companies: Map<string, Company>, modelFor?: (post: Post) => SemanticModel): Outcome[] {
  const policies = new Map<string, ReturnType<typeof compile>>();
  return posts.map((post) => {
    const company = companies.get(post.company);
    if (!company) throw new Error(`${post.id}: unknown company ${post.company}`);
    const model = modelFor?.(post);
    const key = `${company.id}\u0000${model?.version ?? ''}`;
    let policy = policies.get(key);
    if (!policy) {
      policy = compile(packFor(company), { cache: false, ...(model ? { semanticModel: model } : {}) });
      policies.set(key, policy);
    }
    const all = check(policy, post.text, { network: post.network, postKind: post.kind, now: postTime(post, company) });
    const findings = all.filter((f) => f.severity !== 'info');
    const predicted = new Set<Label>();
    for (const f of findings) {
      const label = LABEL_OF_CATEGORY[f.category];
      if (label) predicted.add(label);
    }
    return { post, predicted, findings, tips: all.length - findings.length };
  });
}

interface Scores {
  perLabel: Record<Label, { tp: number; fp: number; fn: number; precision: number; recall: number }>;
  precision: number;
  recall: number;
  minRecall: number;
  protectedHits: number;
  cleanFlaggedRate: number;
  posts: number;
  clean: number;
  protectedPosts: number;
  postsWithTips: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const round = (x: number): number => Math.round(x * 1000) / 1000;

function score(outcomes: Outcome[]): Scores {
  const perLabel = {} as Scores['perLabel'];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const label of LABELS) {
    let t = 0;
    let p = 0;
    let n = 0;
    for (const o of outcomes) {
      const gold = o.post.labels.includes(label);
      const hit = o.predicted.has(label);
      if (gold && hit) t++;
      else if (hit) p++;
      else if (gold) n++;
    }
    perLabel[label] = { tp: t, fp: p, fn: n, precision: round(ratio(t, t + p)), recall: round(ratio(t, t + n)) };
    tp += t;
    fp += p;
    fn += n;
  }
  const clean = outcomes.filter((o) => o.post.labels.length === 0);
  const prot = outcomes.filter((o) => o.post.protected);
  return {
    perLabel,
    precision: round(ratio(tp, tp + fp)),
    recall: round(ratio(tp, tp + fn)),
    minRecall: Math.min(...LABELS.map((l) => perLabel[l].recall)),
    protectedHits: prot.filter((o) => o.findings.length > 0).length,
    cleanFlaggedRate: round(ratio(clean.filter((o) => o.findings.length > 0).length, clean.length)),
    posts: outcomes.length,
    clean: clean.length,
    protectedPosts: prot.length,
    postsWithTips: outcomes.filter((o) => o.tips > 0).length,
  };
}

function table(name: string, s: Scores): void {
  console.log(
    `\n${name}: ${s.posts} posts, ${s.clean} clean (${s.protectedPosts} protected), ${s.postsWithTips} with tips`,
  );
  console.log('label            tp   fp   fn  precision  recall');
  for (const l of LABELS) {
    const r = s.perLabel[l];
    console.log(
      `${l.padEnd(15)} ${String(r.tp).padStart(3)}  ${String(r.fp).padStart(3)}  ${String(r.fn).padStart(3)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}`,
    );
  }
  console.log(
    `all labels: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, min recall ${s.minRecall.toFixed(3)}; protected posts flagged ${s.protectedHits}; clean posts flagged ${(s.cleanFlaggedRate * 100).toFixed(1)}%`,
  );
}

function printMisses(outcomes: Outcome[]): void {
  for (const o of outcomes) {
    const gold = new Set(o.post.labels);
    const missed = [...gold].filter((l) => !o.predicted.has(l));
    const extra = [...o.predicted].filter((l) => !gold.has(l));
    if (!missed.length && !extra.length) continue;
    console.log(
      `\n— ${o.post.id} (${o.post.network} ${o.post.kind}${o.post.protected ? ', protected' : ''}) ${o.post.note ?? ''}`,
    );
    if (missed.length) console.log(`  missed: ${missed.join(', ')}`);
    if (extra.length) {
      const why = o.findings
        .filter((f) => extra.includes(LABEL_OF_CATEGORY[f.category] as Label))
        .map((f) => `${f.ruleId} "${o.post.text.slice(f.start, f.end)}"`);
      console.log(`  false: ${extra.join(', ')}  ← ${why.join('; ')}`);
    }
    console.log(`  ${o.post.text.replace(/\n/g, ' ⏎ ')}`);
  }
}

const companies = new Map(loadCompanies().map((c) => [c.id, c]));
const posts = loadPosts().filter((p) => !onlyCompany || p.company === onlyCompany);
const unsplit = posts.filter((p) => !p.split);
if (unsplit.length) throw new Error(`${unsplit.length} posts have no split (run tests/quality/split.ts once)`);
// The shipped model trained on the dev half: dev posts are scored by models that left their fold out (with the
// shipped thresholds), so the dev figures say what the layer does on posts it has not seen.
const devPosts = posts.filter((p) => p.split === 'dev');
const allDev = loadPosts().filter((p) => p.split === 'dev');
const thresholds = (shipped as SemanticModelFile).thresholds;
const folds = foldModels(allDev, loadSentences(), companies).map(({ held, file }, i) => ({
  held,
  model: loadSemanticModel({ ...file, version: `fold-${i}`, thresholds, modes: (shipped as SemanticModelFile).modes }),
}));
const dev = evaluate(devPosts, companies, (post) => {
  const fold = folds.find((f) => f.held.has(post.id));
  if (!fold) throw new Error(`${post.id}: in no fold`);
  return fold.model;
});
const test = evaluate(
  posts.filter((p) => p.split === 'test'),
  companies,
);
if (showMisses) printMisses(dev);
const devScores = score(dev);
const testScores = score(test);
table('dev half', devScores);
for (const id of companies.keys()) {
  if (onlyCompany && id !== onlyCompany) continue;
  const s = score(dev.filter((o) => o.post.company === id));
  console.log(
    `  dev ${id}: precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, clean flagged ${(s.cleanFlaggedRate * 100).toFixed(1)}%`,
  );
}
table('test half', testScores);
console.log(
  JSON.stringify({
    label_precision: testScores.precision,
    label_recall: testScores.recall,
    min_label_recall: testScores.minRecall,
    protected_hits: testScores.protectedHits,
    clean_flagged_rate: testScores.cleanFlaggedRate,
    dev_label_recall: devScores.recall,
  }),
);
