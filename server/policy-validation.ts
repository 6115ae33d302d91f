// The bridge to the guideline engine (lib/guidelines): validation of packs and overlays (zod + compile + every
// rule's own tests) and the effective policy of a business unit. The engine is loaded on first use, so the hub
// starts (and answers 503 on policy routes) even where the engine is missing.

export interface ValidationError {
  ruleId?: string;
  path: string;
  message: string;
}
export type Validation<K extends string> =
  | ({ ok: true } & Record<K, unknown>)
  | { ok: false; errors: ValidationError[] };

/** The part of lib/guidelines the hub uses. */
export interface GuidelineEngine {
  validatePack(json: unknown): Validation<'pack'>;
  validateOverlay(central: unknown, json: unknown): Validation<'overlay'>;
  effectivePolicy(central: unknown, overlays: unknown[]): unknown;
  defaultPacks: { core: unknown };
}

let engine: Promise<GuidelineEngine | null> | undefined;

/** The engine, or null when lib/guidelines is not there (or does not export what the hub needs). */
export function loadEngine(): Promise<GuidelineEngine | null> {
  engine ??= (async () => {
    try {
      const specifier = '../lib/guidelines/index.ts';
      const mod = (await import(/* @vite-ignore */ specifier)) as Partial<GuidelineEngine>;
      if (
        typeof mod.validatePack === 'function' &&
        typeof mod.validateOverlay === 'function' &&
        typeof mod.effectivePolicy === 'function' &&
        mod.defaultPacks?.core
      ) {
        return mod as GuidelineEngine;
      }
      console.warn('lib/guidelines does not export validatePack/validateOverlay/effectivePolicy/defaultPacks.core.');
      return null;
    } catch (error) {
      console.warn(`The guideline engine could not be loaded: ${(error as Error).message}`);
      return null;
    }
  })();
  return engine;
}
