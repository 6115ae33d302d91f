import { describe, expect, it } from 'vitest';
import { chainTo, livePolicy } from '@/lib/coe/live-policy';
import type { BusinessUnit } from '@/lib/contract/hub-admin';
import type { PolicyVersion } from '@/lib/contract/hub-policy';
import { defaultPacks } from '@/lib/guidelines';

const unit = (id: string, name: string, parentId: string | null): BusinessUnit => ({
  id: `00000000-0000-4000-8000-00000000000${id}`,
  name,
  parentId,
  createdAt: '2026-11-23T10:00:00.000Z',
});
const root = unit('1', 'CoE', null);
const sales = unit('2', 'Sales', root.id);
const emea = unit('3', 'Sales EMEA', sales.id);
const engineering = unit('4', 'Engineering', root.id);
const units = [root, sales, emea, engineering];

// Sales adds a rule of its own: quota numbers stay internal.
const salesOverlay = {
  id: 'sales',
  version: '1',
  businessUnit: sales.id,
  rules: [
    {
      id: 'SALES-001',
      title: 'Quota talk',
      category: 'confidential',
      severity: 'warning',
      matchers: { q: { kind: 'phrases', phrases: ['quota attainment'] } },
      when: { has: 'q' },
      message: 'Quota numbers stay internal.',
      rationale: 'Sales performance is confidential.',
      source: { label: 'Sales playbook' },
      tests: [
        { text: 'Our quota attainment is 140%', expect: 'hit', businessUnit: sales.id },
        { text: 'Great quarter team', expect: 'miss', businessUnit: sales.id },
      ],
    },
  ],
};
const version: PolicyVersion = {
  version: 7,
  createdAt: '2026-11-23T10:00:00.000Z',
  current: true,
  overlayBusinessUnitIds: [sales.id],
  pack: defaultPacks.core as unknown as Record<string, unknown>,
  overlays: { [sales.id]: salesOverlay },
};
const ctx = { network: 'linkedin' as const, postKind: 'post' as const };
const TEXT = 'Our quota attainment hit 140% this quarter, proud of the team.';

describe('live policy of the content editor', () => {
  it('walks from the root down to the unit', () => {
    expect(chainTo(units, emea.id)).toEqual([root.id, sales.id, emea.id]);
    expect(chainTo(units, 'unknown')).toEqual([]);
  });

  it('checks a post with the overlays of the units it targets, and names who alone gets a finding', () => {
    const policy = livePolicy(version, units, 'https://hub.acme.test');
    expect(policy.version).toBe(7);
    const ids = (targets: string[]) => policy.check(TEXT, targets, ctx).map((f) => f.ruleId);
    expect(ids([])).not.toContain('SALES-001'); // the whole organisation: the central pack
    expect(ids([engineering.id])).not.toContain('SALES-001');
    expect(ids([sales.id])).toContain('SALES-001');
    const both = policy.check(TEXT, [engineering.id, sales.id], ctx).find((f) => f.ruleId === 'SALES-001');
    expect(both?.onlyFor).toEqual(['Sales']);
    // A team under Sales inherits its rules, as the hub serves them to that team's members.
    expect(ids([emea.id])).toContain('SALES-001');
  });

  it("never flags the hub's own tracked links as unapproved", () => {
    const policy = livePolicy(version, units, 'https://hub.acme.test');
    const found = (text: string) => policy.check(text, [], ctx).map((f) => f.ruleId);
    expect(found('Read it: https://randomblog.net/post/1')).toContain('LINK-001');
    expect(found('Read it: https://hub.acme.test/v1/r/AbCdEf12')).not.toContain('LINK-001');
  });
});
