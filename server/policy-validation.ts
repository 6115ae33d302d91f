// The bridge to the guideline engine (lib/guidelines): validation of packs and overlays (zod + compile + every
// rule's own tests; overlays may only add or tighten) and the effective policy of a business unit.
import {
  defaultPacks,
  effectivePolicy,
  type Overlay,
  type PolicyPack,
  type ValidationError,
  validateOverlay,
  validatePack,
} from '../lib/guidelines';

export type { ValidationError };

/** The part of lib/guidelines the hub uses. */
export interface GuidelineEngine {
  validatePack(json: unknown): { ok: true; pack: PolicyPack } | { ok: false; errors: ValidationError[] };
  validateOverlay(
    central: PolicyPack,
    json: unknown,
  ): { ok: true; overlay: Overlay } | { ok: false; errors: ValidationError[] };
  effectivePolicy(central: PolicyPack, overlays: Overlay[]): PolicyPack;
  defaultPacks: { core: PolicyPack };
}

const engine: GuidelineEngine = { validatePack, validateOverlay, effectivePolicy, defaultPacks };

/**
 * The engine. Kept behind a promise (and a `null` case callers handle with 503) so that a hub built without the
 * engine would still start; with lib/guidelines present it always resolves to the engine.
 */
export function loadEngine(): Promise<GuidelineEngine | null> {
  return Promise.resolve(engine);
}
