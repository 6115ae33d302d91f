import { describe, expect, it } from 'vitest';
import { inviteTargets, missingUnits, ORG_PRESETS } from '@/lib/coe/presets';
import type { BusinessUnit } from '@/lib/contract/hub-admin';

let n = 0;
const unit = (name: string, parentId: string | null): BusinessUnit => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  name,
  parentId,
  createdAt: '2026-11-23T10:00:00.000Z',
});
const preset = (id: string) => {
  const found = ORG_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

describe('organisation presets', () => {
  it('has the four patterns of the field', () => {
    expect(ORG_PRESETS.map((p) => p.name)).toEqual(['Centralized', 'Hub and spoke', 'Dandelion', 'Honeycomb']);
  });

  it('adds only the units that are missing (same name under the same parent, any case)', () => {
    const root = unit('CoE', null);
    const sales = unit('sales', root.id);
    const nested = unit('Marketing', sales.id); // same name elsewhere in the tree: not the preset's Marketing
    expect(missingUnits(preset('hub-and-spoke'), [root, sales, nested]).map((u) => u.name)).toEqual([
      'Marketing',
      'Engineering',
      'People',
    ]);
    expect(missingUnits(preset('centralized'), [root])).toEqual([]);
  });

  it('sends dandelion invites: a CoE liaison per region, advocates per team', () => {
    const root = unit('CoE', null);
    const europe = unit('Europe', root.id);
    const americas = unit('Americas', root.id);
    const units = [
      root,
      europe,
      americas,
      unit('Europe Sales', europe.id),
      unit('Europe Marketing', europe.id),
      unit('Americas Sales', americas.id),
      unit('Americas Marketing', americas.id),
    ];
    const targets = inviteTargets(preset('dandelion'), units).map((t) => `${t.invite.role}:${t.unit.name}`);
    expect(targets).toEqual([
      'coe:Europe',
      'coe:Americas',
      'advocate:Europe Sales',
      'advocate:Europe Marketing',
      'advocate:Americas Sales',
      'advocate:Americas Marketing',
    ]);
    expect(inviteTargets(preset('centralized'), units).map((t) => t.unit.name)).toEqual(['CoE']);
  });
});
