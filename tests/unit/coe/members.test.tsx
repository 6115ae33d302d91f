import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Members } from '@/components/coe/organisation/Members';
import type { AdminClient } from '@/lib/coe/admin-client';
import type { BusinessUnit, Member } from '@/lib/contract/hub-admin';

const UNIT = '00000000-0000-4000-8000-000000000002';
const units: BusinessUnit[] = [
  { id: UNIT, name: 'Center of Excellence', parentId: null, createdAt: '2026-11-23T10:00:00.000Z' },
];
const member = (id: string, displayName: string, role: Member['role']): Member => ({
  id,
  displayName,
  role,
  businessUnitId: UNIT,
  status: 'active',
  createdAt: '2026-11-23T10:00:00.000Z',
  lastSeenAt: null,
});
const ME = '00000000-0000-4000-8000-000000000009';
const ALEX = '00000000-0000-4000-8000-000000000010';
const LEE = '00000000-0000-4000-8000-000000000011';

function renderMembers() {
  const client = {
    deactivateMember: vi.fn(async () => undefined),
    eraseMember: vi.fn(async () => ({ erased: true, events: 1204, links: 1 })),
    updateMember: vi.fn(async () => undefined),
  } as unknown as AdminClient;
  const onChanged = vi.fn();
  render(
    <Members
      client={client}
      meId={ME}
      units={units}
      members={[
        member(ME, 'Casey', 'coe'),
        member(ALEX, 'Alex', 'advocate'),
        { ...member(LEE, 'Lee', 'advocate'), status: 'deactivated' },
      ]}
      onChanged={onChanged}
    />,
  );
  return { client, onChanged };
}

describe('<Members />', () => {
  it('marks your own row and offers neither a role change nor Deactivate on it', () => {
    renderMembers();
    const self = screen.getByTestId('member-self');
    expect(self.textContent).toContain('Casey (you)');
    expect(within(self).queryByRole('combobox', { name: 'Role of Casey' })).toBeNull();
    expect(within(self).queryByRole('button', { name: /Deactivate/ })).toBeNull();
    expect(self.textContent).toContain('another CoE member can change it');
    // Everyone else keeps both.
    expect(screen.getByRole('combobox', { name: 'Role of Alex' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Deactivate Alex' })).toBeTruthy();
  });

  it('deactivates only after a confirmation in plain words; Cancel and Escape keep the member', async () => {
    const { client } = renderMembers();
    const trigger = screen.getByRole('button', { name: 'Deactivate Alex' });
    fireEvent.click(trigger);
    const dialog = await screen.findByRole('dialog', { name: 'Deactivate Alex?' });
    expect(dialog.textContent).toContain('signed out on every device');
    expect(document.activeElement?.textContent).toBe('Cancel');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(client.deactivateMember).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(trigger);

    fireEvent.click(trigger);
    fireEvent.keyDown(await screen.findByRole('dialog', { name: 'Deactivate Alex?' }), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.deactivateMember).not.toHaveBeenCalled();

    fireEvent.click(trigger);
    const again = await screen.findByRole('dialog', { name: 'Deactivate Alex?' });
    fireEvent.click(within(again).getByRole('button', { name: 'Deactivate' }));
    expect(client.deactivateMember).toHaveBeenCalledWith(ALEX);
  });

  it('erases a leaver only after a confirmation that says it cannot be undone, then says what went', async () => {
    const { client, onChanged } = renderMembers();
    // Only a deactivated member can be erased from here; an active one is deactivated first.
    expect(screen.queryByRole('button', { name: 'Erase Alex' })).toBeNull();
    const trigger = screen.getByRole('button', { name: 'Erase Lee' });
    fireEvent.click(trigger);
    const dialog = await screen.findByRole('dialog', { name: 'Erase Lee?' });
    expect(dialog.textContent).toContain('cannot be undone');
    expect(dialog.textContent).toContain('only that you erased a member');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(client.eraseMember).not.toHaveBeenCalled();

    fireEvent.click(trigger);
    const again = await screen.findByRole('dialog', { name: 'Erase Lee?' });
    fireEvent.click(within(again).getByRole('button', { name: 'Erase for good' }));
    expect(client.eraseMember).toHaveBeenCalledWith(LEE);
    expect((await screen.findByRole('status')).textContent).toBe(
      'Lee was erased: 1204 events and 1 tracked link deleted.',
    );
    expect(onChanged).toHaveBeenCalled();
  });
});
