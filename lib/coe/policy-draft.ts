import type { BusinessUnit } from '@/lib/contract/hub-admin';
import {
  effectivePolicy,
  type Matcher,
  type Overlay,
  OverlaySchema,
  type PolicyPack,
  PolicyPackSchema,
  type Rule,
  type Severity,
  weakeningDictionaries,
} from '@/lib/guidelines';

// The policy being edited in the guidelines screen: the central pack and one overlay per business unit, changed
// only through the functions below (each returns a new draft), validated with the engine before anything is sent.

export interface PolicyDraft {
  pack: PolicyPack;
  /** By business-unit id. */
  overlays: Record<string, Overlay>;
}

/** What is being edited: the central pack, or the overlay of one business unit. */
export type Target = { kind: 'central' } | { kind: 'unit'; unitId: string };

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const rank = (s: Severity) => SEVERITIES.indexOf(s);

/** The dictionaries the screen offers, in this order, with what a CoE lead calls them. */
export const DICTIONARIES: ReadonlyArray<{ name: string; label: string; hint: string }> = [
  { name: 'companyNames', label: 'Company names', hint: 'Names that mean "us": they trigger disclosure reminders.' },
  { name: 'products', label: 'Products', hint: 'Product names; a mention asks for a disclosure.' },
  { name: 'competitors', label: 'Competitors', hint: 'Comparisons with these get a careful-claims reminder.' },
  {
    name: 'codenames',
    label: 'Codenames',
    hint: 'Internal project names. Secret: checked on each advocate’s device and never shown to them.',
  },
  { name: 'customers', label: 'Customers', hint: 'Naming a customer needs their approval.' },
  { name: 'tickers', label: 'Tickers', hint: 'Stock symbols, for the securities rules.' },
  {
    name: 'disclosureTokens',
    label: 'Disclosure tokens',
    hint: 'Words and tags that count as saying "I work here" (for example #AcmeEmployee).',
  },
];

export function parseDraft(pack: unknown, overlays: Record<string, unknown>): PolicyDraft {
  const parsedOverlays: Record<string, Overlay> = {};
  for (const [unitId, overlay] of Object.entries(overlays)) parsedOverlays[unitId] = OverlaySchema.parse(overlay);
  return { pack: PolicyPackSchema.parse(pack), overlays: parsedOverlays };
}

/** Overlay ids follow the engine's name rules (a letter first); unit ids are UUIDs. */
function emptyOverlay(unit: Pick<BusinessUnit, 'id' | 'name'>): Overlay {
  return {
    id: `bu-${unit.id}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64),
    version: '1',
    name: unit.name.slice(0, 200),
    dictionaries: {},
    calendars: {},
    rules: [],
    tighten: [],
    settings: {},
  };
}

function isEmptyOverlay(o: Overlay): boolean {
  return (
    o.rules.length === 0 &&
    o.tighten.length === 0 &&
    Object.values(o.dictionaries).every((d) => d.entries.length === 0) &&
    Object.keys(o.calendars).length === 0 &&
    !o.settings.confirmBeforePosting
  );
}

/** The units from the root down to `unitId` (whose overlays apply, in this order). */
export function chainTo(units: BusinessUnit[], unitId: string): BusinessUnit[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const chain: BusinessUnit[] = [];
  const seen = new Set<string>();
  for (let u = byId.get(unitId); u && !seen.has(u.id); u = u.parentId ? byId.get(u.parentId) : undefined) {
    seen.add(u.id);
    chain.unshift(u);
  }
  return chain;
}

/** The policy a unit's members get: central pack + overlays from the root down to the unit. */
export function effectiveFor(draft: PolicyDraft, units: BusinessUnit[], unitId: string, includeOwn = true): PolicyPack {
  const overlays = chainTo(units, unitId)
    .filter((u) => includeOwn || u.id !== unitId)
    .map((u) => draft.overlays[u.id])
    .filter((o): o is Overlay => o !== undefined);
  return overlays.length ? effectivePolicy(draft.pack, overlays) : draft.pack;
}

/** The pack the test bench and the rule list show for a target. */
export function packFor(draft: PolicyDraft, units: BusinessUnit[], target: Target): PolicyPack {
  return target.kind === 'central' ? draft.pack : effectiveFor(draft, units, target.unitId);
}

function overlayOf(draft: PolicyDraft, units: BusinessUnit[], unitId: string): Overlay {
  const existing = draft.overlays[unitId];
  if (existing) return structuredClone(existing);
  const unit = units.find((u) => u.id === unitId) ?? { id: unitId, name: unitId };
  return emptyOverlay(unit);
}

/** Severities a target may choose for a rule: all of them centrally; in an overlay, only as strict or stricter. */
export function allowedSeverities(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  ruleId: string,
  /** `effectiveFor(draft, units, unitId, false)`, when the caller already has it (it copies the pack). */
  inheritedPack?: PolicyPack,
) {
  if (target.kind === 'central') return [...SEVERITIES];
  const own = draft.overlays[target.unitId]?.rules.some((r) => r.id === ruleId);
  if (own) return [...SEVERITIES];
  // The hub checks tightenings against the central pack, so a rule a parent unit added stays as that unit set it.
  if (!draft.pack.rules.some((r) => r.id === ruleId)) return [];
  const base = inheritedPack ?? effectiveFor(draft, units, target.unitId, false);
  const inherited = base.rules.find((r) => r.id === ruleId);
  if (!inherited) return [];
  return SEVERITIES.filter((s) => rank(s) >= rank(inherited.severity));
}

export function setSeverity(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  ruleId: string,
  severity: Severity,
): PolicyDraft {
  if (target.kind === 'central') {
    const pack = structuredClone(draft.pack);
    const rule = pack.rules.find((r) => r.id === ruleId);
    if (rule) rule.severity = severity;
    return { ...draft, pack };
  }
  if (!allowedSeverities(draft, units, target, ruleId).includes(severity)) {
    throw new Error(`An overlay can only tighten ${ruleId}; it cannot lower it to ${severity}.`);
  }
  const overlay = overlayOf(draft, units, target.unitId);
  const own = overlay.rules.find((r) => r.id === ruleId);
  if (own) own.severity = severity;
  else {
    const inherited = effectiveFor(draft, units, target.unitId, false).rules.find((r) => r.id === ruleId);
    overlay.tighten = overlay.tighten.filter((t) => t.ruleId !== ruleId);
    if (inherited && rank(severity) > rank(inherited.severity)) overlay.tighten.push({ ruleId, severity });
  }
  return { ...draft, overlays: { ...draft.overlays, [target.unitId]: overlay } };
}

/** A rule's on-device classifier matcher (the semantic layer), if it has one. */
export function semanticMatcherOf(rule: Rule): Extract<Matcher, { kind: 'semantic' }> | undefined {
  for (const m of Object.values(rule.matchers)) if (m.kind === 'semantic') return m;
  return undefined;
}

/**
 * Set how sure the classifier must be before a semantic rule warns (central policy only: an overlay cannot change a
 * central rule). `undefined` goes back to the model's default for the category.
 */
export function setSemanticThreshold(draft: PolicyDraft, ruleId: string, threshold: number | undefined): PolicyDraft {
  const pack = structuredClone(draft.pack);
  const rule = pack.rules.find((r) => r.id === ruleId);
  if (!rule) return draft;
  for (const m of Object.values(rule.matchers)) {
    if (m.kind !== 'semantic') continue;
    if (threshold === undefined) delete m.threshold;
    else m.threshold = Math.min(0.999, Math.max(0.05, Math.round(threshold * 1000) / 1000));
  }
  return { ...draft, pack };
}

/** Dictionaries an overlay may not grow, with the central rules that growth could silence. */
export function lockedDictionaries(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  inheritedPack?: PolicyPack,
): Map<string, string[]> {
  if (target.kind === 'central') return new Map();
  return weakeningDictionaries(inheritedPack ?? effectiveFor(draft, units, target.unitId, false));
}

/** What a unit inherits (central + overlays above it), or undefined centrally. Compute once per render: it copies. */
export function inheritedFor(draft: PolicyDraft, units: BusinessUnit[], target: Target): PolicyPack | undefined {
  return target.kind === 'unit' ? effectiveFor(draft, units, target.unitId, false) : undefined;
}

const entryText = (e: string | { text: string }) => (typeof e === 'string' ? e : e.text);

/** Entries of a dictionary as the target sees them: inherited (read-only in an overlay) and its own. */
export function dictionaryEntries(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  name: string,
  inheritedPack?: PolicyPack,
) {
  if (target.kind === 'central') {
    return { inherited: [] as string[], own: (draft.pack.dictionaries[name]?.entries ?? []).map(entryText) };
  }
  const from = inheritedPack ?? effectiveFor(draft, units, target.unitId, false);
  const base = from.dictionaries[name]?.entries ?? [];
  const own = draft.overlays[target.unitId]?.dictionaries[name]?.entries ?? [];
  return { inherited: base.map(entryText), own: own.map(entryText) };
}

/** A sentence saying why an entry can't be added, or null when it can. */
export function entryProblem(existing: string[], entry: string): string | null {
  const text = entry.trim();
  if (!text) return 'Type an entry first.';
  if (text.length > 200) return 'Keep entries under 200 characters.';
  if (existing.some((e) => e.toLocaleLowerCase() === text.toLocaleLowerCase())) return `“${text}” is already listed.`;
  return null;
}

export function addEntry(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  name: string,
  entry: string,
): PolicyDraft {
  const text = entry.trim();
  if (target.kind === 'central') {
    const pack = structuredClone(draft.pack);
    const dict = pack.dictionaries[name] ?? { secret: name === 'codenames', entries: [] };
    dict.entries.push(text);
    pack.dictionaries[name] = dict;
    return { ...draft, pack };
  }
  if (lockedDictionaries(draft, units, target).has(name)) {
    throw new Error(`An overlay cannot add to “${name}”: it would silence a central rule.`);
  }
  const overlay = overlayOf(draft, units, target.unitId);
  const dict = overlay.dictionaries[name] ?? { entries: [] };
  if (name === 'codenames') dict.secret = true;
  dict.entries.push(text);
  overlay.dictionaries[name] = dict;
  return { ...draft, overlays: { ...draft.overlays, [target.unitId]: overlay } };
}

export function removeEntry(
  draft: PolicyDraft,
  units: BusinessUnit[],
  target: Target,
  name: string,
  entry: string,
): PolicyDraft {
  const keep = <T extends string | { text: string }>(entries: T[]) => entries.filter((e) => entryText(e) !== entry);
  if (target.kind === 'central') {
    const pack = structuredClone(draft.pack);
    const dict = pack.dictionaries[name];
    if (dict) dict.entries = keep(dict.entries);
    return { ...draft, pack };
  }
  const overlay = overlayOf(draft, units, target.unitId);
  const dict = overlay.dictionaries[name];
  if (dict) dict.entries = keep(dict.entries);
  return { ...draft, overlays: { ...draft.overlays, [target.unitId]: overlay } };
}

export function ruleIds(draft: PolicyDraft): Set<string> {
  const ids = new Set(draft.pack.rules.map((r) => r.id));
  for (const o of Object.values(draft.overlays)) for (const r of o.rules) ids.add(r.id);
  return ids;
}

export function addRule(draft: PolicyDraft, units: BusinessUnit[], target: Target, rule: Rule): PolicyDraft {
  if (target.kind === 'central') {
    const pack = structuredClone(draft.pack);
    pack.rules.push(rule);
    return { ...draft, pack };
  }
  const overlay = overlayOf(draft, units, target.unitId);
  overlay.rules.push(rule);
  return { ...draft, overlays: { ...draft.overlays, [target.unitId]: overlay } };
}

/** Rules a target may remove: any central rule centrally; only its own rules in an overlay. */
export function canRemoveRule(draft: PolicyDraft, target: Target, ruleId: string): boolean {
  if (target.kind === 'central') return draft.pack.rules.some((r) => r.id === ruleId);
  return draft.overlays[target.unitId]?.rules.some((r) => r.id === ruleId) ?? false;
}

export function removeRule(draft: PolicyDraft, units: BusinessUnit[], target: Target, ruleId: string): PolicyDraft {
  if (target.kind === 'central') {
    const pack = structuredClone(draft.pack);
    pack.rules = pack.rules.filter((r) => r.id !== ruleId);
    const overlays = structuredClone(draft.overlays);
    for (const o of Object.values(overlays)) o.tighten = o.tighten.filter((t) => t.ruleId !== ruleId);
    return { pack, overlays };
  }
  const overlay = overlayOf(draft, units, target.unitId);
  overlay.rules = overlay.rules.filter((r) => r.id !== ruleId);
  return { ...draft, overlays: { ...draft.overlays, [target.unitId]: overlay } };
}

/** A version string that changes whenever the content does (the engine caches compiled packs by id + version). */
function nextVersionLabel(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '.').slice(0, 15);
}

/** What goes to the hub: versions bumped where content changed, empty overlays left out. */
export function toRequest(draft: PolicyDraft, base: PolicyDraft | null, now = new Date()) {
  const label = nextVersionLabel(now);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const pack = same(draft.pack, base?.pack) ? draft.pack : { ...draft.pack, version: label };
  const overlays: Record<string, Overlay> = {};
  for (const [unitId, overlay] of Object.entries(draft.overlays)) {
    if (isEmptyOverlay(overlay)) continue;
    overlays[unitId] = same(overlay, base?.overlays[unitId]) ? overlay : { ...overlay, version: label };
  }
  return { pack, overlays };
}

export function sameDraft(a: PolicyDraft | null, b: PolicyDraft | null): boolean {
  if (!a || !b) return a === b;
  const drop = (d: PolicyDraft) => ({
    pack: d.pack,
    overlays: Object.fromEntries(Object.entries(d.overlays).filter(([, o]) => !isEmptyOverlay(o))),
  });
  return JSON.stringify(drop(a)) === JSON.stringify(drop(b));
}
