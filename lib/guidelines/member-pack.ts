import { getDomain } from 'tldts';
import type { Phrase } from './schema';
import { sealEntries } from './sealed';

// The policy one member's device applies, from the effective pack of their unit (central pack + overlays along the
// chain): `resolveForUnit` is what the unit's members are checked against (the CoE console's bench uses it), and
// `packForMember` is what the hub sends them (`GET /v1/policy`): the same rules, without what a device does not need
// and should not hold in clear.

type JsonPack = Record<string, unknown> & {
  rules?: Array<Record<string, unknown> & { scope?: { businessUnits?: string[] } }>;
  dictionaries?: Record<string, { entries: Phrase[]; secret?: boolean; description?: string }>;
};

/**
 * The pack as one member's extension applies it: business-unit scopes resolved for the member's chain (a rule scoped
 * to a unit of the chain applies to the member, so its scope goes; a rule scoped to other units is left out, so a
 * sub-unit inherits its parents' rules though the member's device only knows its own unit), and the hub's own host
 * among the approved domains: its tracked links redirect to approved content.
 */
export function resolveForUnit(
  pack: Record<string, unknown>,
  chain: readonly string[],
  hubUrl: string,
): Record<string, unknown> {
  const source = pack as JsonPack;
  const units = new Set(chain);
  type Rule = NonNullable<JsonPack['rules']>[number];
  const rules = (source.rules ?? []).flatMap((rule): Rule[] => {
    const scoped = rule.scope?.businessUnits;
    if (!scoped) return [rule];
    if (!scoped.some((unit) => units.has(unit))) return [];
    const { businessUnits: _resolved, ...scope } = rule.scope ?? {};
    return [{ ...rule, scope }];
  });
  const hubHost = new URL(hubUrl).hostname;
  const hubDomain = getDomain(hubHost) ?? hubHost;
  const approved = source.dictionaries?.approvedDomains ?? { entries: [] };
  const dictionaries = {
    ...source.dictionaries,
    approvedDomains: approved.entries.includes(hubDomain)
      ? approved
      : { ...approved, entries: [...approved.entries, hubDomain] },
  };
  return { ...source, rules, dictionaries };
}

/**
 * What the hub sends a member's device: the pack resolved for their unit, with no rule examples (`tests`: they may
 * quote codenames, customers or figures, and a device never runs them) and every secret dictionary sealed under
 * `sealKey` (32 bytes, hex; see sealed.ts for what that protects against and what it does not).
 */
export function packForMember(
  pack: Record<string, unknown>,
  chain: readonly string[],
  hubUrl: string,
  sealKey: string,
): Record<string, unknown> {
  const resolved = resolveForUnit(pack, chain, hubUrl) as JsonPack;
  const rules = (resolved.rules ?? []).map(({ tests: _examples, ...rule }) => rule);
  const dictionaries = Object.fromEntries(
    Object.entries(resolved.dictionaries ?? {}).map(([name, dict]) => [
      name,
      // The description goes too: it is the CoE's note, and may name what the list is about.
      dict.secret ? { secret: true, entries: [], sealed: sealEntries(dict.entries, sealKey) } : dict,
    ]),
  );
  return { ...resolved, rules, dictionaries };
}
