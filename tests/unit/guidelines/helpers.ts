import type { PolicyPack, Rule } from '../../../lib/guidelines';
import { PolicyPackSchema, RuleSchema } from '../../../lib/guidelines';

/** A small pack built from partial rules (zod fills the defaults). */
export function pack(rules: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): PolicyPack {
  return PolicyPackSchema.parse({
    id: 'test',
    version: `t${Math.random().toString(36).slice(2)}`,
    name: 'Test',
    dictionaries: {
      companyNames: { entries: ['Acme'] },
      codenames: { secret: true, entries: ['Nightjar', 'Project Kestrel'] },
    },
    ...extra,
    rules,
  });
}

export function rule(partial: Record<string, unknown>): Rule {
  return RuleSchema.parse({
    id: 'TEST-001',
    title: 'Test rule',
    category: 'conduct',
    severity: 'warning',
    message: 'Found {match}.',
    rationale: 'Because.',
    source: { label: 'test' },
    tests: [
      { text: 'x', expect: 'hit' },
      { text: 'y', expect: 'miss' },
    ],
    ...partial,
  });
}

export const LI = { network: 'linkedin', postKind: 'post' } as const;

/** Apply a fix's edits (non-overlapping, ascending) to the text. */
export function applyEdits(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
