import { effectivePolicy } from '../overlay';
import { OverlaySchema, type PolicyPack, PolicyPackSchema } from '../schema';
import coreJson from './core.json';
import healthcareJson from './healthcare.json';
import financeJson from './regulated-finance.json';

// The shipped packs. `core` is a full pack; `regulated-finance` and `healthcare` are stored as add-ons (overlay
// format: extra rules, tightened severities, confirmBeforePosting) and exported as full packs = core + add-on.

function addOn(core: PolicyPack, json: unknown): PolicyPack {
  const overlay = OverlaySchema.parse(json);
  const merged = effectivePolicy(core, [overlay]);
  return {
    ...merged,
    id: overlay.id,
    version: `${overlay.version}+core.${core.version}`,
    name: overlay.name ?? overlay.id,
  };
}

const core: PolicyPack = PolicyPackSchema.parse(coreJson);

export const defaultPacks: { core: PolicyPack; 'regulated-finance': PolicyPack; healthcare: PolicyPack } = {
  core,
  'regulated-finance': addOn(core, financeJson),
  healthcare: addOn(core, healthcareJson),
};
