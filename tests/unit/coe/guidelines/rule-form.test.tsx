import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GuidelinesScreen } from '@/components/coe/guidelines/GuidelinesScreen';
import { FakePolicyApi } from './fake-policy-api';

async function open() {
  const api = new FakePolicyApi();
  render(<GuidelinesScreen api={api} />);
  await screen.findByTestId('guidelines-screen');
  return { api, form: screen.getByRole('form', { name: 'Add a rule' }) };
}

const set = (el: HTMLElement, value: string) => fireEvent.change(el, { target: { value } });

describe('adding a rule', { timeout: 30_000 }, () => {
  it('refuses a backtracking-prone pattern with the engine’s message', async () => {
    const { form } = await open();
    fireEvent.click(within(form).getByLabelText(/Pattern \(RE2/));
    set(within(form).getByLabelText('Pattern'), '(a+)+b');
    expect(within(form).getByText(/nested quantifiers can take exponential time/)).toBeTruthy();
    set(within(form).getByLabelText('Pattern'), 'prj-\\d{4}');
    expect(within(form).queryByText(/nested quantifiers/)).toBeNull();
  });

  it('needs examples that must be flagged and must pass, runs them, then adds the rule to the draft and the bench', async () => {
    const { api, form } = await open();
    set(within(form).getByLabelText('Title'), 'Internal ticket numbers');
    fireEvent.click(within(form).getByLabelText(/Pattern \(RE2/));
    set(within(form).getByLabelText('Pattern'), 'prj-\\d{4}');
    set(within(form).getByLabelText('Message the advocate sees'), 'Ticket numbers are internal; leave them out.');
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule to the draft' }));
    expect(within(form).getByText(/at least one example that must be flagged and one that must pass/)).toBeTruthy();

    set(within(form).getByLabelText('Example 1'), 'Fixed in PRJ-1234 today');
    set(within(form).getByLabelText('Example 2'), 'Fixed in PRJ-1234 too');
    expect(within(form).getByText('The rule flags this example, but it should pass.')).toBeTruthy();
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule to the draft' }));
    expect(within(form).getByRole('alert').textContent).toMatch(/not ready/);

    set(within(form).getByLabelText('Example 2'), 'Fixed the project today');
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule to the draft' }));
    await within(form).findByText(/CUST-001 added to the draft/);
    expect(screen.getByTestId('rule-CUST-001')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Sample post'), { target: { value: 'See prj-0042 for details' } });
    const list = await screen.findByRole('list', { name: 'Findings' });
    expect(within(list).getByText('CUST-001')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await screen.findByText(/Saved version 2/);
    const rules = (api.versions[1]?.pack.rules ?? []) as Array<{ id: string }>;
    expect(rules.some((r) => r.id === 'CUST-001')).toBe(true);
    await waitFor(() => expect(screen.getByTestId('version-2')).toBeTruthy());
  });
});
