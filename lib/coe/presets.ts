import type { BusinessUnit, CreateInviteRequest } from '@/lib/contract/hub-admin';

/**
 * The organisation patterns of the field (centralized, hub and spoke, dandelion, honeycomb: each `summary` below
 * says what it means), as starting points: which units to create and which invites each gets. A preset only adds units that don't exist yet (same name under the same parent); it never moves or
 * removes one.
 */
export interface OrgPreset {
  id: 'centralized' | 'hub-and-spoke' | 'dandelion' | 'honeycomb';
  name: string;
  summary: string;
  /** Units to create, parents before children; `parent` names another unit of the preset (the CoE root if absent). */
  units: Array<{ name: string; parent?: string }>;
  /** Invites the preset creates: for the root, for the top-level units, or for the leaves. */
  invites: Array<{ at: 'root' | 'top' | 'leaves' } & Required<Omit<CreateInviteRequest, 'businessUnitId'>>>;
}

const DAY = 24;

export const ORG_PRESETS: OrgPreset[] = [
  {
    id: 'centralized',
    name: 'Centralized',
    summary: 'One CoE writes and approves everything; all advocates share from one library under one policy.',
    units: [],
    invites: [{ at: 'root', role: 'advocate', maxUses: 1_000, expiresInHours: 30 * DAY }],
  },
  {
    id: 'hub-and-spoke',
    name: 'Hub and spoke',
    summary:
      'The central CoE sets policy and content; business units act under its guidance with targeted posts and ' +
      'their own (stricter-only) rule overlays.',
    units: [{ name: 'Sales' }, { name: 'Marketing' }, { name: 'Engineering' }, { name: 'People' }],
    invites: [{ at: 'top', role: 'advocate', maxUses: 500, expiresInHours: 14 * DAY }],
  },
  {
    id: 'dandelion',
    name: 'Dandelion',
    summary:
      'Each business unit runs its own hub: its own social staff and content under the central policy. Each ' +
      'unit gets a CoE liaison invite and advocate invites for its teams.',
    units: [
      { name: 'Europe' },
      { name: 'Europe Sales', parent: 'Europe' },
      { name: 'Europe Marketing', parent: 'Europe' },
      { name: 'Americas' },
      { name: 'Americas Sales', parent: 'Americas' },
      { name: 'Americas Marketing', parent: 'Americas' },
    ],
    invites: [
      { at: 'top', role: 'coe', maxUses: 2, expiresInHours: 7 * DAY },
      { at: 'leaves', role: 'advocate', maxUses: 500, expiresInHours: 14 * DAY },
    ],
  },
  {
    id: 'honeycomb',
    name: 'Honeycomb',
    summary:
      'Everyone posts, coordinated on one platform: flat teams, long-lived open invites, one shared policy and ' +
      'library.',
    units: [{ name: 'Product' }, { name: 'Customer success' }, { name: 'Operations' }, { name: 'Field' }],
    invites: [{ at: 'top', role: 'advocate', maxUses: 5_000, expiresInHours: 90 * DAY }],
  },
];

/** The preset's units that don't exist yet, with their parent's name (undefined: the CoE root). */
export function missingUnits(preset: OrgPreset, existing: BusinessUnit[]): OrgPreset['units'] {
  const root = existing.find((u) => u.parentId === null);
  const byName = (name: string, parentId: string | undefined) =>
    existing.find((u) => u.name.toLowerCase() === name.toLowerCase() && u.parentId === parentId);
  return preset.units.filter((unit) => {
    if (!unit.parent) return !byName(unit.name, root?.id);
    const parent = byName(unit.parent, root?.id);
    return !parent || !byName(unit.name, parent.id);
  });
}

/** Which units of the (now complete) tree each invite of the preset goes to. */
export function inviteTargets(
  preset: OrgPreset,
  units: BusinessUnit[],
): Array<{ unit: BusinessUnit; invite: OrgPreset['invites'][number] }> {
  const root = units.find((u) => u.parentId === null);
  if (!root) return [];
  const lower = (s: string) => s.toLowerCase();
  const top = preset.units
    .filter((u) => !u.parent)
    .map((u) => units.find((b) => b.parentId === root.id && lower(b.name) === lower(u.name)))
    .filter((u): u is BusinessUnit => u !== undefined);
  const leaves = preset.units
    .filter((u) => u.parent && !preset.units.some((c) => c.parent === u.name))
    .map((u) => {
      const parent = top.find((t) => lower(t.name) === lower(u.parent ?? ''));
      return units.find((b) => b.parentId === parent?.id && lower(b.name) === lower(u.name));
    })
    .filter((u): u is BusinessUnit => u !== undefined);
  return preset.invites.flatMap((invite) => {
    const at = invite.at === 'root' ? [root] : invite.at === 'top' ? top : leaves;
    return at.map((unit) => ({ unit, invite }));
  });
}
