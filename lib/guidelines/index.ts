// Spoke's guideline engine: policy as code, a fast local checker and the default packs.
// Pure module: no DOM, React or extension APIs, no imports from the rest of the project. Runs in the service worker,
// in pages, in the Node hub and in benches.

export { buildAutomaton } from './aho';
export { check } from './check';
export { compile, SEMANTIC_THRESHOLDS } from './compile';
export { baseView, foldString } from './normalize';
export { effectivePolicy, weakeningDictionaries } from './overlay';
export { defaultPacks } from './packs';
export { compilePattern, PatternError } from './patterns';
export {
  type Matcher,
  type Network,
  type Overlay,
  OverlaySchema,
  type PolicyPack,
  PolicyPackSchema,
  type Rule,
  RuleSchema,
  type Severity,
} from './schema';
export { similarity } from './similarity';
export {
  type CheckContext,
  type CompiledPolicy,
  CompileError,
  type Finding,
} from './types';
export { runRuleTests, type ValidationError, validateMemberPack, validateOverlay, validatePack } from './validate';
