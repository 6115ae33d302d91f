import type { BusinessUnit, CreateBusinessUnitRequest, CreateInviteRequest } from '@/lib/contract/hub-admin';
import type { Role } from '@/lib/contract/hub-common';
import { formatNumber } from '@/lib/format';
import { plural } from './organisation';
import { inviteTargets, missingUnits, type OrgPreset } from './presets';

// Setting up an organisation from a preset: what the plan says before the CoE confirms, and the calls it makes.

/** A join link just made: its code is shown once, so the screen keeps the link until the page is left. */
export interface FreshInvite {
  id: string;
  unit: string;
  role: Role;
  link: string;
}

/** The part of the admin client a preset needs. */
export interface SetupApi {
  createBusinessUnit(body: CreateBusinessUnitRequest): Promise<BusinessUnit>;
  createInvite(
    body: Partial<CreateInviteRequest> & { businessUnitId: string },
  ): Promise<{ id: string; role: Role; code: string }>;
}

const WHERE: Record<OrgPreset['invites'][number]['at'], string> = {
  root: 'the CoE root',
  top: 'each top-level unit',
  leaves: 'each team',
};

/** The sentence shown before set-up: "will add … and create …". */
export function presetPlan(preset: OrgPreset, units: BusinessUnit[]): string {
  const missing = missingUnits(preset, units);
  const adds = missing.length ? missing.map((u) => (u.parent ? `${u.name} (in ${u.parent})` : u.name)).join(', ') : '';
  const invites = preset.invites
    .map(
      (i) =>
        `${i.role === 'coe' ? 'a CoE liaison' : 'an advocate'} invite (${formatNumber(i.maxUses)} uses, ` +
        `${Math.round(i.expiresInHours / 24)} days) for ${WHERE[i.at]}`,
    )
    .join(' and ');
  return `will add ${adds || 'no units'} and create ${invites}.`;
}

/**
 * Creates the preset's missing units (parents first, a nested unit under the top-level unit of its parent's name),
 * then its invites. Stops at the first refusal, which is thrown: what was created stays.
 */
export async function applyPreset(
  api: SetupApi,
  preset: OrgPreset,
  units: BusinessUnit[],
  linkFor: (code: string) => string,
): Promise<{ units: BusinessUnit[]; invites: FreshInvite[]; summary: string }> {
  let current = units;
  const root = current.find((u) => u.parentId === null);
  const missing = missingUnits(preset, current);
  for (const unit of missing) {
    const parent = unit.parent
      ? current.find((u) => u.parentId === root?.id && u.name.toLowerCase() === unit.parent?.toLowerCase())
      : root;
    const created = await api.createBusinessUnit({ name: unit.name, parentId: parent?.id });
    current = [...current, created];
  }
  const invites: FreshInvite[] = [];
  for (const { unit, invite } of inviteTargets(preset, current)) {
    const made = await api.createInvite({
      businessUnitId: unit.id,
      role: invite.role,
      maxUses: invite.maxUses,
      expiresInHours: invite.expiresInHours,
    });
    invites.push({ id: made.id, unit: unit.name, role: made.role, link: linkFor(made.code) });
  }
  const summary = `${preset.name}: ${plural(missing.length, 'unit')} and ${plural(invites.length, 'invite')} created.`;
  return { units: current, invites, summary };
}
