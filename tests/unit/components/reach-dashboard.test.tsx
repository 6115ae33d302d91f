import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { ReachDashboard } from '@/components/reach/ReachDashboard';
import { changeLabel, chartSeries } from '@/components/reach/reach-model';
import type { Me, ReachResponse } from '@/lib/contract/hub-member';
import { db } from '@/lib/db';
import { formatDate } from '@/lib/format';

const me = { displayName: 'Avery', organisation: { id: 'o', name: 'Acme' } } as Me;

function report(overrides: Partial<ReachResponse> = {}): ReachResponse {
  return {
    from: '2026-10-25',
    to: '2026-11-23',
    bucket: 'day',
    series: [
      { start: '2026-11-20', network: 'x', shares: 1, clicks: 3, views: 40 },
      { start: '2026-11-20', network: 'linkedin', shares: 1, clicks: 0, views: 1194 },
    ],
    totals: { shares: 2, clicks: 3, views: 1234 },
    previousTotals: { shares: 4, clicks: 0, views: 1000 },
    posts: [
      {
        network: 'linkedin',
        postRef: 'a'.repeat(32),
        contentId: '0190a6a0-0000-7000-8000-0000000000c1',
        contentTitle: 'Our platform team ships',
        publishedAt: '2026-11-20T10:00:00.000Z',
        clicks: 3,
        views: 1194,
        reactions: 4,
        comments: null,
        reposts: null,
        lastSeenAt: '2026-11-21T10:00:00.000Z',
      },
    ],
    streak: { currentWeeks: 3, longestWeeks: 5, sharesThisWeek: 1 },
    ...overrides,
  };
}

let sendMessage: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  sendMessage = vi.fn(async () => ({ ok: true }));
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
  await db.settings.clear();
  await db.outbox.clear();
});

/** A published share waiting in the outbox for the hub. */
async function publishedOffline() {
  await db.outbox.add({
    id: '0190a6a0-0000-7000-8000-00000000e001',
    seq: 1,
    createdAt: Date.now(),
    event: {
      id: '0190a6a0-0000-7000-8000-00000000e001',
      seq: 1,
      type: 'post_published',
      network: 'x',
      occurredAt: new Date().toISOString(),
      contentId: '0190a6a0-0000-7000-8000-0000000000c1',
      props: { postKind: 'post' },
    },
  });
}

const emptyReport = () =>
  report({
    series: [],
    totals: { shares: 0, clicks: 0, views: 0 },
    previousTotals: { shares: 0, clicks: 0, views: 0 },
    posts: [],
    streak: { currentWeeks: 0, longestWeeks: 0, sharesThisWeek: 0 },
  });
afterEach(() => vi.restoreAllMocks());

async function enrolWith(cached?: ReachResponse, leaderboardOptIn = false) {
  await db.setSetting('enrolment', { hubUrl: 'http://127.0.0.1:1', token: 't', me });
  await db.setSetting('consent', { at: 1, leaderboardOptIn });
  if (cached) await db.setSetting('reach', { days: 30, fetchedAt: Date.now(), report: cached, leaderboard: null });
}

describe('<ReachDashboard />', () => {
  it('explains how to start when Spoke is not connected', async () => {
    render(<ReachDashboard />);
    expect(await screen.findByRole('heading', { name: 'Your reach shows up here' })).toBeTruthy();
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('asks for the period and shows totals against the period before, my posts and my streak', async () => {
    await enrolWith(report());
    render(<ReachDashboard />);
    const views = await screen.findByTestId('reach-total-views');
    expect(views.textContent).toContain('1,234');
    expect(views.textContent).toContain('+23%');
    expect(screen.getByTestId('reach-total-shares').textContent).toContain('−50%');
    expect(screen.getByTestId('reach-total-clicks').textContent).toContain('new');
    const row = screen.getByTestId('reach-post');
    expect(within(row).getByRole('rowheader').textContent).toBe('Our platform team ships');
    expect(row.textContent).toContain('1,194');
    expect(screen.getByTestId('reach-streak').textContent).toMatch(/3 weeks in a row.*best 5/);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'reach-report', days: 30 });
    fireEvent.click(screen.getByRole('button', { name: '90 days' }));
    expect(sendMessage).toHaveBeenLastCalledWith({ type: 'reach-report', days: 90 });
  });

  it('keeps showing the last report with the failure in words', async () => {
    await enrolWith(report());
    sendMessage.mockResolvedValue({ ok: false, error: "Can't reach the hub." });
    render(<ReachDashboard />);
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach the hub. Showing what Spoke had before.");
    expect(screen.getByTestId('reach-total-views').textContent).toContain('1,234');
  });

  it('says how to get started when there is nothing to count', async () => {
    const empty = report({
      series: [],
      totals: { shares: 0, clicks: 0, views: 0 },
      previousTotals: { shares: 0, clicks: 0, views: 0 },
      posts: [],
      streak: { currentWeeks: 0, longestWeeks: 0, sharesThisWeek: 0 },
    });
    await enrolWith(empty);
    render(<ReachDashboard />);
    expect(await screen.findByRole('heading', { name: 'Nothing to count yet' })).toBeTruthy();
    expect(screen.queryByTestId('reach-total-views')).toBeNull();
  });

  it('shows a share not yet synced as waiting instead of "Nothing to count yet"', async () => {
    await enrolWith(emptyReport());
    await publishedOffline();
    render(<ReachDashboard />);
    expect(await screen.findByRole('heading', { name: '1 share waiting to sync' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Nothing to count yet' })).toBeNull();
  });

  it('shows waiting shares when the hub was never reached, and next to a report', async () => {
    await enrolWith();
    await publishedOffline();
    sendMessage.mockResolvedValue({ ok: false, error: "Can't reach the hub." });
    render(<ReachDashboard />);
    expect(await screen.findByRole('heading', { name: '1 share waiting to sync' })).toBeTruthy();
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach the hub.");
  });

  it('says quietly that the hub is unreachable instead of an error', async () => {
    await enrolWith();
    await publishedOffline();
    await db.setSetting('sync', {
      dropped: 0,
      failures: 1,
      lastError: "Can't reach the hub.",
      lastErrorKind: 'offline',
      retryAt: Date.now() + 1,
    });
    sendMessage.mockResolvedValue({ ok: false, error: "Can't reach the hub." });
    render(<ReachDashboard />);
    expect((await screen.findByTestId('reach-offline')).textContent).toContain('Offline');
    expect(screen.getByRole('heading', { name: '1 share waiting to sync' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a period is quiet instead of drawing a flat chart', async () => {
    await enrolWith(report({ series: [], totals: { shares: 0, clicks: 0, views: 0 } }));
    render(<ReachDashboard />);
    expect(await screen.findByRole('heading', { name: 'Nothing in the last 30 days' })).toBeTruthy();
    expect(screen.queryByTestId('reach-chart')).toBeNull();
    expect(screen.getByTestId('reach-post')).toBeTruthy();
  });

  it('writes dates as the rest of the extension does', async () => {
    await enrolWith(report());
    render(<ReachDashboard />);
    const row = await screen.findByTestId('reach-post');
    expect(row.textContent).toContain(formatDate('2026-11-20T10:00:00.000Z'));
  });

  it('keeps my weekly goal on this device', async () => {
    await enrolWith(report());
    render(<ReachDashboard />);
    expect((await screen.findByText(/This week: 1 of 2 shares/)).tagName).toBe('LABEL');
    fireEvent.click(screen.getByRole('button', { name: 'Raise my weekly goal' }));
    expect(await screen.findByText(/This week: 1 of 3 shares/)).toBeTruthy();
    expect(await db.getSetting('weeklyGoal')).toBe(3);
  });

  it('changes my leaderboard choice through the background', async () => {
    await enrolWith(report());
    render(<ReachDashboard />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show my name on the leaderboard' }));
    expect(sendMessage).toHaveBeenCalledWith({ type: 'leaderboard-opt-in', optIn: true });
  });
});

describe('reach model', () => {
  it('fills empty days and sums networks', () => {
    const series = chartSeries({ ...report(), from: '2026-11-19', to: '2026-11-21' });
    expect(series.days).toEqual(['2026-11-19', '2026-11-20', '2026-11-21']);
    expect(series.views).toEqual([0, 1234, 0]);
    expect(series.clicks).toEqual([0, 3, 0]);
  });

  it('buckets weeks from the Monday of the first week', () => {
    const series = chartSeries({ ...report(), bucket: 'week', from: '2026-11-04', to: '2026-11-23', series: [] });
    expect(series.days).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
  });

  it('labels change against the period before', () => {
    expect(changeLabel(150, 100)).toBe('+50%');
    expect(changeLabel(50, 100)).toBe('−50%');
    expect(changeLabel(3, 0)).toBe('new');
    expect(changeLabel(0, 0)).toBe('');
    expect(changeLabel(7, 7)).toBe('±0%');
  });
});
