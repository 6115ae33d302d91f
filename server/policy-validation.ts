// The bridge to the guideline engine (lib/guidelines): validation of packs and overlays (zod + compile + every
// rule's own tests; overlays may only add or tighten) and the effective policy of a business unit.
import type { Overlay, PolicyPack, ValidationError } from '../lib/guidelines';
import { log } from './log';

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

let engine: Promise<GuidelineEngine | null> | undefined;

/**
 * The engine, loaded on first use (it is ~25 MB of memory that an ingest-only hub never needs). Callers answer 503
 * when it is null, which happens only if the module fails to load.
 */
export function loadEngine(): Promise<GuidelineEngine | null> {
  engine ??= import('../lib/guidelines').then(
    (m): GuidelineEngine => ({
      validatePack: m.validatePack,
      validateOverlay: m.validateOverlay,
      effectivePolicy: m.effectivePolicy,
      defaultPacks: m.defaultPacks,
    }),
    (error: Error) => {
      log.error({ err: error }, 'the guideline engine could not be loaded');
      engine = undefined;
      return null;
    },
  );
  return engine;
}
