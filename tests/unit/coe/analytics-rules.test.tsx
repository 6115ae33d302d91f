// The Analytics screen's rule tables: "Most-triggered guidelines" and, beside it, "Noisiest rules" (Not helpful and
// dismissals per rule), with rule titles from the policy where known, counts, the share of times shown, an empty
// state, and an order the CoE can switch with ordinary buttons.
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AnalyticsScreen } from '@/components/coe/analytics/AnalyticsScreen';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { AnalyticsResponse } from '@/lib/contract/hub-admin';
import { defaultPacks } from '@/lib/guidelines';

// uPlot draws on a canvas, which the DOM of unit tests lacks: the charts are the E2E's business.
vi.mock('@/components/coe/analytics/UPlotChart', () => ({
  UPlotChart: ({ label }: { label: string }) => <div role="img" aria-label={label} />,
}));

const report = (rules: Pick<AnalyticsResponse, 'topRules' | 'noisyRules'>): AnalyticsResponse => ({
  from: '2026-11-01',
  to: '2026-11-30',
  activeMembers: 3,
  sharingMembers: 1,
  participationRate: 1 / 3,
  totals: { shares: 1, clicks: 0, views: 0 },
  byBusinessUnit: [],
  byNetwork: [],
  topContent: [],
  idleMembers: [],
  participationSeries: [],
  inactive: { over30Days: 0, over90Days: 0, members: [] },
  coverage: [],
  ...rules,
});

function client(answer: AnalyticsResponse): AdminClient {
  return {
    hubUrl: 'https://hub.example.com',
    analytics: vi.fn(async () => answer),
    policy: vi.fn(async () => ({
      version: 1,
      businessUnitId: '00000000-0000-4000-8000-000000000002',
      publishedAt: '2026-11-23T10:00:00.000Z',
      pack: defaultPacks.core as unknown as Record<string, unknown>,
    })),
  } as unknown as AdminClient;
}

const rowsOf = (region: HTMLElement) =>
  within(region)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()));

describe('Analytics: rule tables', () => {
  it('shows the noisiest rules beside the most triggered, with titles where known, counts and share', async () => {
    render(
      <AnalyticsScreen
        client={client(
          report({
            topRules: [
              { ruleId: 'DISC-001', count: 9 },
              { ruleId: 'COND-001', count: 4 },
            ],
            noisyRules: [
              { ruleId: 'DISC-001', triggered: 9, dismissed: 1, notHelpful: 2, ratio: 3 / 9 },
              { ruleId: 'COND-001', triggered: 4, dismissed: 3, notHelpful: 0, ratio: 0.75 },
              { ruleId: 'ENG-042', triggered: 0, dismissed: 0, notHelpful: 1, ratio: null },
            ],
          }),
        )}
        units={[]}
      />,
    );
    const noisy = await screen.findByRole('region', { name: 'Noisiest rules' });
    const triggered = screen.getByRole('region', { name: 'Most-triggered guidelines' });
    // Side by side, in one row of the screen's columns.
    expect(noisy.parentElement).toBe(triggered.parentElement);
    expect(noisy.parentElement?.className).toBe('columns');
    // Titles arrive with the policy; an overlay's rule the CoE's policy lacks keeps its id.
    await within(noisy).findByText('Say you work here');
    expect(rowsOf(noisy)).toEqual([
      ['Say you work here DISC-001', '2', '1', '33% of 9'],
      ['Keep it professional COND-001', '0', '3', '75% of 4'],
      ['ENG-042', '1', '0', 'not in a published post'],
    ]);
    expect(within(noisy).getAllByRole('rowheader')).toHaveLength(3);
    expect(rowsOf(triggered)).toEqual([
      ['Say you work here DISC-001', '9'],
      ['Keep it professional COND-001', '4'],
    ]);

    // The order is two ordinary buttons (reachable and pressed with the keyboard), the state in aria-pressed.
    const order = within(noisy).getByRole('group', { name: 'Order by' });
    const byShare = within(order).getByRole('button', { name: 'Highest share' });
    expect(byShare.tagName).toBe('BUTTON');
    expect(byShare.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(byShare);
    expect(byShare.getAttribute('aria-pressed')).toBe('true');
    expect(rowsOf(noisy).map((r) => r[0])).toEqual([
      'Keep it professional COND-001',
      'Say you work here DISC-001',
      'ENG-042',
    ]);
    fireEvent.click(within(noisy).getByRole('button', { name: 'Most pushback' }));
    expect(rowsOf(noisy).map((r) => r[0])).toEqual([
      'Say you work here DISC-001',
      'Keep it professional COND-001',
      'ENG-042',
    ]);
  });

  it('says so when no tip was pushed back on, and when no rule fired', async () => {
    render(<AnalyticsScreen client={client(report({ topRules: [], noisyRules: [] }))} units={[]} />);
    const noisy = await screen.findByRole('region', { name: 'Noisiest rules' });
    expect(noisy.textContent).toContain('No tip was dismissed or marked not helpful in this period.');
    expect(within(noisy).queryByRole('table')).toBeNull();
    expect(within(noisy).queryByRole('button')).toBeNull();
    expect(screen.getByRole('region', { name: 'Most-triggered guidelines' }).textContent).toContain(
      'No guideline fired in this period.',
    );
  });
});
