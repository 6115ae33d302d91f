// Run once, when a company's posts are written: assigns each post without a split to `dev` or `test`, stratified by
// company and label set (so both halves hold every label and the clean and protected posts in like measure), in an
// order fixed by a hash of the post id. Posts that already have a split keep it: the split is never redone.
//   npx tsx tests/quality/split.ts
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PostSchema, QUALITY_DIR } from './corpus';

const dir = join(QUALITY_DIR, 'corpus');
const hash = (s: string): string => createHash('sha256').update(`spoke-guidance-split:${s}`).digest('hex');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
  const path = join(dir, file);
  const posts = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => PostSchema.parse(JSON.parse(l)));
  const groups = new Map<string, typeof posts>();
  for (const p of posts) {
    if (p.split) continue;
    const key = p.protected ? 'protected' : [...p.labels].sort().join('+') || 'clean';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  // Alternate within each group; the group's first post goes to whichever half that group has fewer of so far.
  let assigned = 0;
  for (const group of groups.values()) {
    group.sort((a, b) => (hash(a.id) < hash(b.id) ? -1 : 1));
    const first = hash(group.map((p) => p.id).join()).charCodeAt(0) % 2 === 0 ? 'dev' : 'test';
    group.forEach((p, i) => {
      p.split = (i % 2 === 0) === (first === 'dev') ? 'dev' : 'test';
      assigned++;
    });
  }
  writeFileSync(path, `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`);
  console.log(`${file}: ${assigned} posts assigned`);
}
