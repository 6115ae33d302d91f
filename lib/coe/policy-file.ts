import type { BusinessUnit } from '@/lib/contract/hub-admin';
import { type Overlay, PolicyPackSchema, type Rule, validateOverlay, validatePack } from '@/lib/guidelines';
import { effectiveFor, type PolicyDraft, type Target } from './policy-draft';
import { locate, type Problem } from './policy-problems';

/**
 * Reads a policy file: `{ pack, overlays }` (what Export writes), a bare pack (replaces the central pack) or, while
 * an overlay is selected, a bare overlay for that unit. Everything is validated before it replaces the draft.
 */
export function importPolicyFile(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  text: string,
): { ok: true; draft: PolicyDraft; summary: string } | { ok: false; problems: Problem[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, problems: [{ where: 'file', path: '(file)', message: `This file is not JSON: ${why}` }] };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, problems: [{ where: 'file', path: '(file)', message: 'This file holds no policy object.' }] };
  }
  const doc = json as Record<string, unknown>;
  const unitIds = new Set(units.map((u) => u.id));
  if ('pack' in doc) {
    const overlays = (doc.overlays ?? {}) as Record<string, unknown>;
    if (typeof overlays !== 'object' || Array.isArray(overlays)) {
      return { ok: false, problems: [{ where: 'file', path: 'overlays', message: '"overlays" must be an object.' }] };
    }
    const unknownUnit = Object.keys(overlays).find((id) => !unitIds.has(id));
    if (unknownUnit) {
      return {
        ok: false,
        problems: [{ where: 'file', path: `overlays.${unknownUnit}`, message: 'No business unit with this id here.' }],
      };
    }
    const central = validatePack(doc.pack);
    if (!central.ok) return { ok: false, problems: central.errors.map((e) => locate('central', asRules(doc.pack), e)) };
    const problems: Problem[] = [];
    const parsed: Record<string, Overlay> = {};
    for (const [unitId, overlay] of Object.entries(overlays)) {
      const result = validateOverlay(central.pack, overlay);
      if (result.ok) parsed[unitId] = result.overlay;
      else problems.push(...result.errors.map((e) => locate(unitId, asRules(overlay), e)));
    }
    if (problems.length) return { ok: false, problems };
    return {
      ok: true,
      draft: { pack: central.pack, overlays: parsed },
      summary: `Imported ${central.pack.name} (${central.pack.rules.length} rules, ${Object.keys(parsed).length} overlays).`,
    };
  }
  const isPack = PolicyPackSchema.safeParse(doc).success;
  if (target.kind === 'central' && !isPack && ('tighten' in doc || 'businessUnit' in doc)) {
    return {
      ok: false,
      problems: [
        {
          where: 'file',
          path: '(file)',
          message: 'This is a business-unit overlay: choose its unit under “Editing” first, then import it there.',
        },
      ],
    };
  }
  if (target.kind === 'unit' && !isPack) {
    const base = effectiveFor(draft, units, target.unitId, false);
    const result = validateOverlay(base, doc);
    if (!result.ok) return { ok: false, problems: result.errors.map((e) => locate(target.unitId, asRules(doc), e)) };
    return {
      ok: true,
      draft: { ...draft, overlays: { ...draft.overlays, [target.unitId]: result.overlay } },
      summary: `Imported the overlay ${result.overlay.id} (${result.overlay.rules.length} rules, ${result.overlay.tighten.length} tightened).`,
    };
  }
  const central = validatePack(doc);
  if (!central.ok) return { ok: false, problems: central.errors.map((e) => locate('central', asRules(doc), e)) };
  const problems: Problem[] = [];
  for (const [unitId, overlay] of Object.entries(draft.overlays)) {
    const result = validateOverlay(central.pack, overlay);
    if (!result.ok) problems.push(...result.errors.map((e) => locate(unitId, overlay, e)));
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    draft: { ...draft, pack: central.pack },
    summary: `Imported ${central.pack.name} (${central.pack.rules.length} rules); the overlays were kept.`,
  };
}

function asRules(json: unknown): { rules: Rule[] } | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const rules = (json as { rules?: unknown }).rules;
  if (!Array.isArray(rules)) return undefined;
  const safe = rules.map((r) => {
    const tests = r && typeof r === 'object' ? (r as { tests?: unknown }).tests : undefined;
    const list = Array.isArray(tests)
      ? tests.map((t) => ({
          text: typeof t?.text === 'string' ? t.text : '',
          expect: t?.expect === 'hit' ? 'hit' : 'miss',
        }))
      : [];
    return { tests: list } as unknown as Rule;
  });
  return { rules: safe };
}
