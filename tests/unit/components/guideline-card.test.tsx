import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { badgeLabel } from '@/components/in-page/ComposerBadge';
import { GuidelineCard, placeCard } from '@/components/in-page/GuidelineCard';
import type { Finding } from '@/lib/contract/findings';

const finding = (severity: Finding['severity']): Finding => ({
  ruleId: `rule-${severity}`,
  severity,
  category: 'tone',
  title: 'Mind the language',
  start: 0,
  end: 4,
  message: 'Swearing reads badly for the company.',
  rationale: 'Posts by employees are read as the company speaking.',
  source: { label: 'Social media policy §3', url: 'https://intranet.example/policy' },
  fixes: [{ label: 'Replace with “darn”', edits: [{ start: 0, end: 4, text: 'darn' }] }],
});

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

describe('badgeLabel', () => {
  it('counts warnings and tips in words', () => {
    expect(badgeLabel([])).toBe('');
    expect(badgeLabel([finding('critical'), finding('warning')])).toBe('2 warnings');
    expect(badgeLabel([finding('warning'), finding('info')])).toBe('1 warning · 1 tip');
  });
});

describe('placeCard', () => {
  const viewport = { width: 1000, height: 800 };
  const size = { width: 300, height: 150 };

  it('goes below the finding', () => {
    expect(placeCard(rect(100, 100, 40, 20), null, size, viewport)).toEqual({ left: 100, top: 126 });
  });

  it('goes above when below would cover the line being typed', () => {
    expect(placeCard(rect(100, 300, 40, 20), rect(10, 340, 2, 20), size, viewport)).toEqual({ left: 100, top: 144 });
  });

  it('stays inside the viewport', () => {
    expect(placeCard(rect(900, 700, 40, 20), null, size, viewport)).toEqual({ left: 694, top: 544 });
  });
});

describe('<GuidelineCard />', () => {
  it('explains, fixes, dismisses and is keyboard usable', () => {
    const actions = { onFix: vi.fn(), onDismiss: vi.fn(), onNotHelpful: vi.fn(), onMute: vi.fn(), onClose: vi.fn() };
    render(
      <GuidelineCard
        finding={finding('warning')}
        placement={{ anchor: rect(10, 10, 40, 20), caret: null }}
        takeFocus
        actions={actions}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Mind the language' })).toBeTruthy();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Close'); // focus moved into the card
    expect(screen.queryByText(/read as the company speaking/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Why?' }));
    expect(screen.getByText(/read as the company speaking/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Social media policy §3' }).getAttribute('href')).toBe(
      'https://intranet.example/policy',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Replace with “darn”' }));
    expect(actions.onFix).toHaveBeenCalledWith(0);
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(actions.onDismiss).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Not helpful' }));
    expect(actions.onNotHelpful).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: "Don't show this tip again" })).toBeNull(); // only for tips
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(actions.onClose).toHaveBeenCalledOnce();
  });

  it('offers to mute a tip', () => {
    const actions = { onFix: vi.fn(), onDismiss: vi.fn(), onNotHelpful: vi.fn(), onMute: vi.fn(), onClose: vi.fn() };
    render(
      <GuidelineCard
        finding={finding('info')}
        placement={{ anchor: null, caret: null }}
        takeFocus={false}
        actions={actions}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: "Don't show this tip again" }));
    expect(actions.onMute).toHaveBeenCalledOnce();
  });
});
