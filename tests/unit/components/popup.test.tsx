import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupPage } from '@/components/pages/PopupPage';

describe('<PopupPage />', () => {
  it('shows the not-connected state (no version number) and working buttons', async () => {
    const onOpenSidePanel = vi.fn();
    const onOpenSettings = vi.fn();
    render(<PopupPage onOpenSidePanel={onOpenSidePanel} onOpenSettings={onOpenSettings} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Spoke' })).toBeTruthy();
    expect(screen.queryByText(/Version/)).toBeNull(); // the version is in Settings' footer, not the subtitle
    expect(await screen.findByRole('heading', { name: 'Not connected to your company yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open side panel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpenSidePanel).toHaveBeenCalledOnce();
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });
});
