import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { PopupPage } from '@/components/pages/PopupPage';

describe('<PopupPage />', () => {
  it('shows the version, the not-connected state and working buttons', async () => {
    const onOpenSidePanel = vi.fn();
    const onOpenSettings = vi.fn();
    render(<PopupPage version="9.9.9" onOpenSidePanel={onOpenSidePanel} onOpenSettings={onOpenSettings} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Spoke' })).toBeTruthy();
    expect(screen.getByText('Version 9.9.9')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Not connected to your company yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open side panel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    expect(onOpenSidePanel).toHaveBeenCalledOnce();
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });
});
