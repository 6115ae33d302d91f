import { describe, expect, it } from 'vitest';
import { analyticsCsv, csvField } from '@/lib/coe/csv';
import type { AnalyticsResponse } from '@/lib/contract/hub-admin';

const unitId = '00000000-0000-4000-8000-000000000001';
const report: AnalyticsResponse = {
  from: '2026-11-01',
  to: '2026-11-14',
  activeMembers: 4,
  sharingMembers: 1,
  participationRate: 0.25,
  totals: { shares: 3, clicks: 2, views: 90 },
  byBusinessUnit: [
    {
      businessUnitId: unitId,
      name: 'Sales, EMEA',
      activeMembers: 4,
      sharingMembers: 1,
      participationRate: 0.25,
      shares: 3,
      clicks: 2,
      views: 90,
    },
  ],
  byNetwork: [{ network: 'linkedin', shares: 3, clicks: 2, views: 90 }],
  topContent: [{ contentId: unitId, title: '=HYPERLINK("evil")', shares: 3, clicks: 2 }],
  topRules: [{ ruleId: 'DISC-001', count: 5 }],
  noisyRules: [
    { ruleId: 'DISC-001', triggered: 5, dismissed: 1, notHelpful: 2, ratio: 0.6 },
    { ruleId: 'TONE-002', triggered: 0, dismissed: 0, notHelpful: 1, ratio: null },
  ],
  idleMembers: [],
  participationSeries: [
    { from: '2026-11-01', to: '2026-11-07', activeMembers: 4, sharingMembers: 0, participationRate: 0 },
    { from: '2026-11-08', to: '2026-11-14', activeMembers: 4, sharingMembers: 1, participationRate: 0.25 },
  ],
  inactive: {
    over30Days: 1,
    over90Days: 0,
    members: [
      {
        id: unitId,
        displayName: 'Bob',
        businessUnitId: unitId,
        joinedAt: '2026-06-01T00:00:00.000Z',
        lastActiveAt: null,
      },
    ],
  },
  coverage: [{ network: 'x', surface: 'x-modal', kind: 'post_button_missing', sitePack: 'acme-2', count: 3 }],
};

describe('analytics CSV', () => {
  it('quotes what needs quoting and never lets a spreadsheet run a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-5 people')).toBe("'-5 people");
    expect(csvField(0.5)).toBe('0.5');
    expect(csvField(null)).toBe('');
  });

  it('writes one table per section with the numbers of the report', () => {
    const csv = analyticsCsv(report, {
      unit: () => 'Sales, EMEA',
      rule: (id) => (id === 'DISC-001' ? 'Say you work here' : ''),
    });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Spoke analytics 2026-11-01 to 2026-11-14');
    expect(lines[2]).toBe('4,1,25,3,2,90');
    expect(csv).toContain('Participation over time\r\nfrom,to,active advocates,sharing advocates,participation %\r\n');
    expect(csv).toContain('2026-11-08,2026-11-14,4,1,25\r\n');
    expect(csv).toContain('"Sales, EMEA",4,1,25,3,2,90');
    expect(csv).toContain(`"'=HYPERLINK(""evil"")",3,2`);
    expect(csv).toContain('DISC-001,Say you work here,5');
    expect(csv).toContain(
      'Noisiest rules\r\nrule id,rule,not helpful,dismissed,times shown,pushback %\r\nDISC-001,Say you work here,2,1,5,60\r\nTONE-002,,1,0,0,\r\n',
    );
    expect(csv).toContain(
      'Coverage\r\nnetwork,surface,what,count,site pack\r\nx,x-modal,post_button_missing,3,acme-2\r\n',
    );
    expect(csv).toContain('Bob,"Sales, EMEA",2026-06-01T00:00:00.000Z,');
  });
});
