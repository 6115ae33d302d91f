// The Analytics screen when nothing happened in the period: an empty state in words, never a flat 0 % line or empty
// bars; the same periods as My reach; "N of M" counts advocates.
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AnalyticsScreen } from '@/components/coe/analytics/AnalyticsScreen';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { AnalyticsResponse } from '@/lib/contract/hub-admin';
import { REPORT_PERIOD_LABEL, REPORT_PERIODS } from '@/lib/format';

vi.mock('@/components/coe/analytics/UPlotChart', () => ({
  UPlotChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const UNIT = '00000000-0000-4000-8000-000000000002';
const report = (over: Partial<AnalyticsResponse> = {}): AnalyticsResponse => ({
  from: '2026-11-01',
  to: '2026-11-30',
  activeMembers: 2,
  sharingMembers: 0,
  participationRate: 0,
  totals: { shares: 0, clicks: 0, views: 0 },
  byBusinessUnit: [
    {
      businessUnitId: UNIT,
      name: 'Sales',
      activeMembers: 2,
      sharingMembers: 0,
      participationRate: 0,
      shares: 0,
      clicks: 0,
      views: 0,
    },
  ],
  byNetwork: [],
  topContent: [],
  topRules: [],
  noisyRules: [],
  idleMembers: [],
  participationSeries: [
    { from: '2026-11-01', to: '2026-11-07', activeMembers: 2, sharingMembers: 0, participationRate: 0 },
  ],
  inactive: { over30Days: 0, over90Days: 0, members: [] },
  coverage: [],
  ...over,
});

const client = (answer: AnalyticsResponse) =>
  ({
    hubUrl: 'https://hub.example.com',
    analytics: vi.fn(async () => answer),
    policy: vi.fn(async () => ({
      version: 1,
      businessUnitId: UNIT,
      publishedAt: '2026-11-23T10:00:00.000Z',
      pack: {},
    })),
  }) as unknown as AdminClient;

describe('Analytics: nothing to draw', () => {
  it('says so in words instead of a flat 0 % line and empty bars', async () => {
    render(<AnalyticsScreen client={client(report())} units={[]} />);
    const empty = await screen.findByRole('region', { name: 'No participation in this period yet' });
    expect(empty.textContent).toContain('When advocates share, it shows here');
    expect(empty.textContent).toContain('2 active advocates can share');
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Idle members' })).toBeTruthy();
    const coverage = screen.getByRole('region', { name: 'Coverage' });
    expect(coverage.textContent).toContain('No coverage problems reported in this period');
  });

  it('shows coverage problems even when nothing was shared, in words', async () => {
    const coverage: AnalyticsResponse['coverage'] = [
      { network: 'linkedin', surface: 'unknown', kind: 'editor_unrecognised', sitePack: 'builtin-1', count: 1200 },
      { network: 'x', surface: 'x-modal', kind: 'post_button_missing', sitePack: 'builtin-1', count: 2 },
    ];
    render(<AnalyticsScreen client={client(report({ coverage }))} units={[]} />);
    const table = await screen.findByRole('table', { name: 'Coverage problems, most first' });
    const rows = [...table.querySelectorAll('tbody tr')].map((r) =>
      [...r.querySelectorAll('td')].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['LinkedIn', 'unknown', 'Editor not recognised', '1,200', 'builtin-1'],
      ['X', 'x-modal', 'Post button not found', '2', 'builtin-1'],
    ]);
  });

  it('offers the periods of My reach and labels "N of M" as advocates', async () => {
    const c = client(
      report({
        sharingMembers: 1,
        participationRate: 0.5,
        totals: { shares: 1, clicks: 0, views: 0 },
      }),
    );
    render(<AnalyticsScreen client={c} units={[]} />);
    expect(await screen.findByText('1 of 2 active advocates shared')).toBeTruthy();
    const periods = screen.getByRole('group', { name: 'Period' }).querySelectorAll('button');
    expect([...periods].map((b) => b.textContent)).toEqual(REPORT_PERIODS.map((p) => REPORT_PERIOD_LABEL[p]));
    fireEvent.click(screen.getByRole('button', { name: REPORT_PERIOD_LABEL[7] }));
    expect(screen.getByRole('button', { name: REPORT_PERIOD_LABEL[7] }).getAttribute('aria-pressed')).toBe('true');
  });
});
