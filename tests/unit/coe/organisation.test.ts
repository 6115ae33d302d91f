import { describe, expect, it } from 'vitest';
import {
  activeMemberCount,
  indented,
  inviteRequest,
  inviteState,
  joinLink,
  membersMatching,
  placesFor,
  plural,
  unitRows,
  unitUpdate,
} from '@/lib/coe/organisation';
import { applyPreset, presetPlan, type SetupApi } from '@/lib/coe/organisation-setup';
import { ORG_PRESETS } from '@/lib/coe/presets';
import type { BusinessUnit, Invite, Member } from '@/lib/contract/hub-admin';

let n = 0;
const nextId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const unit = (name: string, parentId: string | null): BusinessUnit => ({
  id: nextId(),
  name,
  parentId,
  createdAt: '2026-11-23T10:00:00.000Z',
});
const member = (displayName: string, businessUnitId: string, status: Member['status'] = 'active'): Member => ({
  id: nextId(),
  displayName,
  role: 'advocate',
  businessUnitId,
  status,
  createdAt: '2026-11-23T10:00:00.000Z',
  lastSeenAt: null,
});
const preset = (id: string) => {
  const found = ORG_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return found;
};

const root = unit('CoE', null);
const sales = unit('Sales', root.id);
const emea = unit('EMEA', sales.id);
const people = unit('People', root.id);
const tree = [people, emea, root, sales];

describe('organisation tree', () => {
  it('lists units depth-first from the root', () => {
    expect(unitRows(tree).map(({ unit: u, depth }) => `${depth}:${u.name}`)).toEqual([
      '0:CoE',
      '1:People',
      '1:Sales',
      '2:EMEA',
    ]);
  });

  it('offers as new places only units outside the moved unit’s own subtree', () => {
    expect(placesFor(tree, sales.id).map((r) => r.unit.name)).toEqual(['CoE', 'People']);
    expect(placesFor(tree, emea.id).map((r) => r.unit.name)).toEqual(['CoE', 'People', 'Sales']);
  });

  it('sends a new parent only when the unit moved', () => {
    expect(unitUpdate(emea, { name: 'Europe', parentId: sales.id })).toEqual({ name: 'Europe' });
    expect(unitUpdate(emea, { name: 'EMEA', parentId: people.id })).toEqual({ name: 'EMEA', parentId: people.id });
    expect(unitUpdate(root, { name: 'Comms', parentId: null })).toEqual({ name: 'Comms' });
  });

  it('indents names and counts in words', () => {
    expect(indented('EMEA', 2)).toBe('\u00a0\u00a0\u00a0\u00a0EMEA');
    expect(plural(1, 'member')).toBe('1 member');
    expect(plural(0, 'unit')).toBe('0 units');
  });
});

describe('members and invites', () => {
  const members = [member('Ada Lovelace', sales.id), member('Alan Turing', sales.id, 'deactivated')];

  it('counts only active members of a unit and searches names in any case', () => {
    expect(activeMemberCount(members, sales.id)).toBe(1);
    expect(activeMemberCount(members, people.id)).toBe(0);
    expect(membersMatching(members, '  LOVE ').map((m) => m.displayName)).toEqual(['Ada Lovelace']);
    expect(membersMatching(members, '')).toHaveLength(2);
  });

  it('builds the invite request for the chosen unit, the CoE root when none is chosen', () => {
    expect(inviteRequest({ unitId: '', role: 'coe', maxUses: 5, days: 0.01 }, tree)).toEqual({
      businessUnitId: root.id,
      role: 'coe',
      maxUses: 5,
      expiresInHours: 1,
    });
    expect(inviteRequest({ unitId: emea.id, role: 'advocate', maxUses: 50, days: 14 }, tree)?.expiresInHours).toBe(336);
    expect(inviteRequest({ unitId: '', role: 'advocate', maxUses: 1, days: 1 }, [])).toBeUndefined();
  });

  it('names an invite’s state and builds its join link', () => {
    const invite: Invite = {
      id: nextId(),
      businessUnitId: root.id,
      role: 'advocate',
      maxUses: 2,
      uses: 1,
      expiresAt: '2026-12-01T00:00:00.000Z',
      revokedAt: null,
      createdAt: '2026-11-23T10:00:00.000Z',
    };
    const before = Date.parse('2026-11-30T00:00:00.000Z');
    expect(inviteState(invite, before)).toBe('open');
    expect(inviteState({ ...invite, uses: 2 }, before)).toBe('used up');
    expect(inviteState(invite, Date.parse('2026-12-02T00:00:00.000Z'))).toBe('expired');
    expect(inviteState({ ...invite, revokedAt: '2026-11-24T00:00:00.000Z' }, before)).toBe('revoked');
    expect(joinLink('chrome-extension://abc/options.html', 'http://127.0.0.1:8787', { code: 'a b' })).toBe(
      'chrome-extension://abc/options.html?hub=http%3A%2F%2F127.0.0.1%3A8787&code=a+b',
    );
    expect(joinLink('chrome-extension://abc/options.html', 'https://hub.acme.example', { org: 'acme' })).toBe(
      'chrome-extension://abc/options.html?hub=https%3A%2F%2Fhub.acme.example&org=acme',
    );
  });
});

describe('setting up from a preset', () => {
  function fakeApi(): SetupApi & { calls: string[] } {
    const calls: string[] = [];
    return {
      calls,
      async createBusinessUnit(body) {
        calls.push(`unit ${body.name} under ${body.parentId}`);
        return unit(body.name, body.parentId ?? null);
      },
      async createInvite(body) {
        calls.push(`invite ${body.role} for ${body.businessUnitId}`);
        return { id: nextId(), role: body.role ?? 'advocate', code: `code-${calls.length}` };
      },
    };
  }

  it('says what it will add before anything is created', () => {
    expect(presetPlan(preset('centralized'), [root])).toBe(
      'will add no units and create an advocate invite (1,000 uses, 30 days) for the CoE root.',
    );
    expect(presetPlan(preset('hub-and-spoke'), [root, unit('Marketing', root.id)])).toMatch(
      /^will add Sales, Engineering, People and create an advocate invite \(500 uses, 14 days\) for each top-level unit\.$/,
    );
  });

  it('creates the missing units, parents first, then the invites with their links', async () => {
    const api = fakeApi();
    const start = [unit('CoE', null)];
    const result = await applyPreset(api, preset('dandelion'), start, (code) => `link:${code}`);
    const names = (id: string | null) => result.units.find((u) => u.id === id)?.name;
    for (const u of result.units.slice(1)) {
      expect(result.units.indexOf(result.units.find((p) => p.id === u.parentId) as BusinessUnit)).toBeLessThan(
        result.units.indexOf(u),
      );
    }
    expect(result.units.filter((u) => names(u.parentId) === 'CoE').length).toBeGreaterThan(0);
    expect(result.invites.length).toBeGreaterThan(0);
    expect(result.invites.every((i) => i.link.startsWith('link:code-'))).toBe(true);
    expect(result.summary).toBe(
      `Dandelion: ${result.units.length - 1} units and ${result.invites.length} invites created.`,
    );
    expect(api.calls.findIndex((c) => c.startsWith('invite'))).toBe(result.units.length - 1);
  });

  it('stops at the first refusal and lets it through', async () => {
    const api = fakeApi();
    api.createInvite = async () => {
      throw new Error('refused');
    };
    await expect(applyPreset(api, preset('centralized'), [root], String)).rejects.toThrow('refused');
  });
});
