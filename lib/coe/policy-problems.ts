import { type Rule, validateOverlay, validatePack } from '@/lib/guidelines';
import type { PolicyDraft } from './policy-draft';

// Refusals of a policy draft, located for the guidelines screen: found locally with the engine before anything is
// sent, or read from the hub's 422 answer.

/** A refusal, located for the screen: which part, which rule, which of the rule's own examples. */
export interface Problem {
  /** 'central', or the business-unit id of an overlay. */
  where: string;
  ruleId?: string;
  path: string;
  message: string;
  /** The rule's own example the problem is about, read from the draft (the engine never echoes test texts). */
  example?: { index: number; text: string; expect: 'hit' | 'miss' };
}

const TEST_PATH = /rules\[(\d+)\]\.tests\[(\d+)\]/;

export function locate(
  where: string,
  doc: { rules: Rule[] } | undefined,
  e: { ruleId?: string; path: string; message: string },
) {
  const problem: Problem = { where, path: e.path, message: e.message, ...(e.ruleId ? { ruleId: e.ruleId } : {}) };
  const m = TEST_PATH.exec(e.path);
  const test = m && doc ? doc.rules[Number(m[1])]?.tests[Number(m[2])] : undefined;
  if (m && test) problem.example = { index: Number(m[2]) + 1, text: test.text, expect: test.expect };
  return problem;
}

/** Everything the hub checks, run locally first: zod, compilation, every rule's own tests, no weakening overlay. */
export function validateDraft(draft: PolicyDraft): Problem[] {
  const central = validatePack(draft.pack);
  if (!central.ok) return central.errors.map((e) => locate('central', draft.pack, e));
  const problems: Problem[] = [];
  for (const [unitId, overlay] of Object.entries(draft.overlays)) {
    const result = validateOverlay(central.pack, overlay);
    if (!result.ok) problems.push(...result.errors.map((e) => locate(unitId, overlay, e)));
  }
  return problems;
}

/** The hub's 422 errors (paths like `body.pack.rules[3].tests[1]`), located the same way. */
export function problemsFromHub(draft: PolicyDraft, errors: Array<{ path: string; message: string; ruleId?: string }>) {
  return errors.map((e) => {
    const overlay = /^body\.overlays\.([^.[]+)/.exec(e.path);
    if (overlay?.[1]) {
      return locate(overlay[1], draft.overlays[overlay[1]], { ...e, path: e.path.slice(overlay[0].length + 1) });
    }
    return locate('central', draft.pack, { ...e, path: e.path.replace(/^body\.pack\.?/, '') });
  });
}
