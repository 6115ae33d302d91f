import type { z } from 'zod';
import { check } from './check';
import { compileUncached } from './compile';
import { effectivePolicy, overlayWeakenings, type ValidationError } from './overlay';
import { type Overlay, OverlaySchema, type PolicyPack, PolicyPackSchema } from './schema';
import { CompileError } from './types';

export type { ValidationError } from './overlay';

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

function zodErrors(error: z.ZodError, json: unknown, rulesKey = 'rules'): ValidationError[] {
  return error.issues.map((issue) => {
    let ruleId: string | undefined;
    if (issue.path[0] === rulesKey && typeof issue.path[1] === 'number' && json && typeof json === 'object') {
      const rules = (json as Record<string, unknown>)[rulesKey];
      const r = Array.isArray(rules) ? rules[issue.path[1]] : undefined;
      if (r && typeof r === 'object' && typeof (r as { id?: unknown }).id === 'string')
        ruleId = (r as { id: string }).id;
    }
    return { ...(ruleId ? { ruleId } : {}), path: pathOf(issue.path), message: issue.message };
  });
}

/** Run every rule's own tests against the compiled pack. Test texts are never echoed (they may hold secrets). */
export function runRuleTests(pack: PolicyPack, pathPrefix = 'rules'): ValidationError[] {
  const errors: ValidationError[] = [];
  let policy: ReturnType<typeof compileUncached>;
  try {
    policy = compileUncached(pack);
  } catch (e) {
    if (e instanceof CompileError) return e.errors;
    return [{ path: '(root)', message: e instanceof Error ? e.message : String(e) }];
  }
  pack.rules.forEach((rule, ri) => {
    if (!rule.tests.some((t) => t.expect === 'hit') || !rule.tests.some((t) => t.expect === 'miss')) {
      errors.push({
        ruleId: rule.id,
        path: `${pathPrefix}[${ri}].tests`,
        message: 'a rule needs at least one "hit" and one "miss" test',
      });
    }
    rule.tests.forEach((t, ti) => {
      const now = t.now ? Date.parse(t.now) : undefined;
      const findings = check(policy, t.text, {
        network: t.network ?? 'linkedin',
        postKind: t.postKind ?? 'post',
        ...(t.businessUnit ? { businessUnit: t.businessUnit } : {}),
        ...(now !== undefined && !Number.isNaN(now) ? { now } : {}),
      });
      const hit = findings.some((f) => f.ruleId === rule.id);
      if (hit !== (t.expect === 'hit')) {
        errors.push({
          ruleId: rule.id,
          path: `${pathPrefix}[${ri}].tests[${ti}]`,
          message: `test ${ti + 1} expects a ${t.expect} but the rule ${hit ? 'fired' : 'did not fire'}${t.note ? ` (${t.note})` : ''}`,
        });
      }
    });
  });
  return errors;
}

/** zod + compile every pattern and dictionary reference + run every rule's own tests. */
export function validatePack(json: unknown): { ok: true; pack: PolicyPack } | { ok: false; errors: ValidationError[] } {
  const parsed = PolicyPackSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, json) };
  // Sealed entries are what the hub makes of a secret dictionary for members' devices, never what a CoE writes.
  const sealed = Object.entries(parsed.data.dictionaries).filter(([, d]) => d.sealed);
  if (sealed.length) {
    return {
      ok: false,
      errors: sealed.map(([name]) => ({
        path: `dictionaries.${name}.sealed`,
        message: 'list the entries themselves: the hub seals secret dictionaries for members’ devices',
      })),
    };
  }
  const errors = runRuleTests(parsed.data);
  if (errors.length) return { ok: false, errors };
  return { ok: true, pack: parsed.data };
}

/**
 * A pack as a member's device receives it (`packForMember`): zod + compile, no rule examples to run (it has none) and
 * its secret dictionaries sealed. The extension checks a freshly pulled policy with it before applying it.
 */
export function validateMemberPack(
  json: unknown,
): { ok: true; pack: PolicyPack } | { ok: false; errors: ValidationError[] } {
  const parsed = PolicyPackSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, json) };
  try {
    compileUncached(parsed.data);
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, errors: e.errors };
    return { ok: false, errors: [{ path: '(root)', message: e instanceof Error ? e.message : String(e) }] };
  }
  return { ok: true, pack: parsed.data };
}

/** Validate a business-unit overlay against its central pack: refuses any weakening with a message naming the rule. */
export function validateOverlay(
  central: PolicyPack,
  json: unknown,
): { ok: true; overlay: Overlay } | { ok: false; errors: ValidationError[] } {
  const weak = overlayWeakenings(central, json);
  if (weak.length) return { ok: false, errors: weak };
  const parsed = OverlaySchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodErrors(parsed.error, json) };
  const overlay = parsed.data;
  const merged = effectivePolicy(central, [overlay]);
  // Only the overlay's own rules are re-tested here (the central pack was validated on its own).
  const own = new Set(overlay.rules.map((r) => r.id));
  const errors = runRuleTests(merged).filter((e) => !e.ruleId || own.has(e.ruleId));
  const fixed = errors.map((e) => {
    if (!e.ruleId || !own.has(e.ruleId)) return e;
    const i = overlay.rules.findIndex((r) => r.id === e.ruleId);
    return { ...e, path: e.path.replace(/^rules\[\d+\]/, `rules[${i}]`) };
  });
  if (fixed.length) return { ok: false, errors: fixed };
  return { ok: true, overlay };
}
