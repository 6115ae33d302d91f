// The labelled guidance corpus (see README.md): companies, posts, and how the eval configures the shipped pack for a
// company the way its CoE would.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultPacks, type PolicyPack } from '../../lib/guidelines';

export const LABELS = [
  'disclosure',
  'spokesperson',
  'mnpi',
  'confidential',
  'legal_security',
  'competitor',
  'pii',
  'conduct',
  'links',
  'length',
] as const;
export type Label = (typeof LABELS)[number];

/** A pack rule category → the corpus label it answers to (tone and brand tips answer to none). */
export const LABEL_OF_CATEGORY: Record<string, Label | undefined> = {
  disclosure: 'disclosure',
  spokesperson: 'spokesperson',
  securities: 'mnpi',
  confidential: 'confidential',
  legal: 'legal_security',
  security: 'legal_security',
  competitors: 'competitor',
  claims: 'competitor',
  privacy: 'pii',
  conduct: 'conduct',
  links: 'links',
  format: 'length',
};

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const CompanySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string(),
    industry: z.string(),
    timeZone: z.string(),
    countries: z.array(z.string().length(2)),
    disclosureTag: z.string(),
    date: Day,
    dictionaries: z.record(z.string(), z.array(z.string())),
    quietPeriods: z.array(z.object({ start: Day, end: Day, label: z.string() })),
  })
  .passthrough();
export type Company = z.infer<typeof CompanySchema>;

export const PostSchema = z
  .object({
    id: z.string(),
    company: z.string(),
    network: z.enum(['linkedin', 'x']),
    kind: z.enum(['post', 'comment', 'reply']),
    date: Day.optional(),
    text: z.string().min(1),
    labels: z.array(z.enum(LABELS)),
    protected: z.boolean().optional(),
    note: z.string().optional(),
    split: z.enum(['dev', 'test']).optional(),
  })
  .strict()
  .refine((p) => !p.protected || p.labels.length === 0, 'a protected post has no labels')
  .refine((p) => (p.network === 'x' ? p.kind !== 'comment' : p.kind !== 'reply'), 'kind does not fit the network');
export type Post = z.infer<typeof PostSchema>;

/** tests/quality, from the repository root (scripts and tests run there; vitest rewrites import.meta.url). */
export const QUALITY_DIR = join(process.cwd(), 'tests', 'quality');
const HERE = QUALITY_DIR;

export function loadCompanies(dir = join(HERE, 'companies')): Company[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => CompanySchema.parse(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
}

export function loadPosts(dir = join(HERE, 'corpus')): Post[] {
  const posts: Post[] = [];
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(join(dir, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const parsed = PostSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${f}:${i + 1}: ${parsed.error.message}`);
      posts.push(parsed.data);
    });
  }
  return posts;
}

// Dictionaries a CoE replaces with its own entries, and the ones where it adds to the pack's generic entries.
const REPLACED = ['companyNames', 'products', 'competitors', 'codenames', 'customers', 'approvedCustomers', 'tickers'];
const ADDED = ['brandHashtags', 'disclosureTokens', 'companyDomains', 'approvedDomains', 'deniedDomains'];
// The demo company's own entries in the shipped pack, which a real CoE removes.
const DEMO_ONLY: Record<string, RegExp> = {
  brandHashtags: /acme|rocketdb/i,
  disclosureTokens: /acme/i,
  companyDomains: /acme/i,
  approvedDomains: /acme/i,
};

/** The shipped core pack set up for one company: its dictionaries, quiet periods, time zone, countries, tag. */
export function packFor(company: Company, base: PolicyPack = defaultPacks.core): PolicyPack {
  const pack: PolicyPack = structuredClone(base);
  pack.id = `${base.id}-${company.id}`;
  for (const name of [...REPLACED, ...ADDED]) {
    const own = company.dictionaries[name] ?? [];
    const dict = pack.dictionaries[name] ?? { secret: name === 'codenames', entries: [] };
    const demo = DEMO_ONLY[name];
    const kept = REPLACED.includes(name)
      ? []
      : dict.entries.filter((e) => !demo?.test(typeof e === 'string' ? e : e.text));
    pack.dictionaries[name] = { ...dict, entries: [...kept, ...own] };
  }
  pack.calendars = { ...pack.calendars, quietPeriods: company.quietPeriods };
  pack.settings = {
    ...pack.settings,
    timeZone: company.timeZone,
    disclosureTag: company.disclosureTag,
    countries: company.countries,
  };
  return pack;
}

/** The moment a post is checked: noon UTC of its date (or the company's default date). */
export function postTime(post: Post, company: Company): number {
  return Date.parse(`${post.date ?? company.date}T12:00:00Z`);
}
