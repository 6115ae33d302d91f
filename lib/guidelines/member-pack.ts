import { getDomain } from 'tldts';

// The policy one member's device applies, from the effective pack of their unit (central pack + overlays along the
// chain): used by the hub when it serves `/v1/policy`, and by the CoE console to show what a unit's members get.

type JsonPack = Record<string, unknown> & {
  rules?: Array<Record<string, unknown> & { scope?: { businessUnits?: string[] } }>;
  dictionaries?: Record<string, { entries: string[]; secret?: boolean }>;
};

/**
 * The pack as one member's extension needs it: business-unit scopes resolved for the member's chain (a rule scoped
 * to a unit of the chain applies to the member, so its scope goes; a rule scoped to other units is left out, so a
 * sub-unit inherits its parents' rules though the member's device only knows its own unit), and the hub's own host
 * among the approved domains: its tracked links redirect to approved content.
 */
export function packForMember(
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
