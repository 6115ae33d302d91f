import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GuidelinesScreen } from '@/components/coe/guidelines/GuidelinesScreen';
import { defaultPacks } from '@/lib/guidelines';
import { FakePolicyApi } from './fake-policy-api';

async function open(api = new FakePolicyApi()) {
  render(<GuidelinesScreen api={api} />);
  await screen.findByTestId('guidelines-screen');
  return api;
}

function addToDictionary(name: string, entry: string) {
  const input = within(screen.getByTestId(`dictionary-${name}`)).getByRole('textbox');
  fireEvent.change(input, { target: { value: entry } });
  fireEvent.keyDown(input, { key: 'Enter' });
}

function typeInBench(text: string) {
  fireEvent.change(screen.getByLabelText('Sample post'), { target: { value: text } });
}

function chooseTarget(label: string) {
  const select = screen.getByLabelText('Editing') as HTMLSelectElement;
  const option = within(select).getByRole('option', { name: label }) as HTMLOptionElement;
  fireEvent.change(select, { target: { value: option.value } });
}

async function importFile(text: string, name = 'policy.json') {
  const input = screen.getByLabelText('Import JSON…') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([text], name, { type: 'application/json' })] } });
}

// Each test runs the real engine over the core pack (a save validates it: ≈135 ms alone, more on a busy
// machine), so allow more than the default 5 s.
describe('<GuidelinesScreen />', { timeout: 30_000 }, () => {
  it('shows the current version, rules grouped by category and the dictionaries', async () => {
    await open();
    expect(screen.getByTestId('version-1').textContent).toContain('Current');
    expect(screen.getByRole('heading', { name: /Confidential information/ })).toBeTruthy();
    const conf = screen.getByTestId('rule-CONF-001');
    expect((within(conf).getByRole('radio', { name: 'Critical' }) as HTMLInputElement).checked).toBe(true);
    expect(within(screen.getByTestId('dictionary-codenames')).getByText('Secret')).toBeTruthy();
    expect(within(screen.getByTestId('dictionary-codenames')).getByText('Nightjar')).toBeTruthy();
  });

  it('says plainly what a secret dictionary protects against and what it does not, beside its field', async () => {
    await open();
    const codenames = within(screen.getByTestId('dictionary-codenames'));
    const note = codenames.getByText(/What “secret” protects:/).closest('div') as HTMLElement;
    expect(note.textContent).toMatch(/only as a keyed hash, never the name/);
    expect(note.textContent).toMatch(/Spoke’s storage on a laptop or at a copy of the policy shows no codename/);
    expect(note.textContent).toMatch(/anyone who has the policy can test guesses/);
    expect(note.textContent).toMatch(/short or ordinary word .* is found by trying a word list/);
    // A screen reader hears it with the field that adds a codename.
    const described = (codenames.getByRole('textbox').getAttribute('aria-describedby') ?? '').split(' ');
    expect(described).toContain(note.id);
    // Other dictionaries travel in clear, and say nothing of the kind.
    expect(within(screen.getByTestId('dictionary-products')).queryByText(/What “secret” protects/)).toBeNull();
  });

  it('a semantic rule’s threshold is set per category, checked by the bench, and saved with the version', async () => {
    const api = await open();
    const rule = screen.getByTestId('rule-SEM-006');
    const input = within(rule).getByLabelText('Warn when the model is at least') as HTMLInputElement;
    expect(input.value).toBe('');
    expect(input.placeholder).not.toBe(''); // the model's default, shown
    expect(within(rule).getByText(/the model's default/)).toBeTruthy();
    // The rule's own example (the shipped model flags it: every pack passes its examples).
    const example = defaultPacks.core.rules.find((r) => r.id === 'SEM-006')?.tests.find((t) => t.expect === 'hit');
    typeInBench(example?.text ?? '');
    const list = await screen.findByRole('list', { name: 'Findings' });
    expect(within(list).getByText('SEM-006')).toBeTruthy();
    // More sensitive than the default: saved with the version.
    fireEvent.change(input, { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText(/Saved and published version 2/);
    const stored = api.versions[1]?.pack as {
      rules: Array<{ id: string; matchers: Record<string, { threshold?: number }> }>;
    };
    expect(stored.rules.find((r) => r.id === 'SEM-006')?.matchers.sentence?.threshold).toBe(0.5);
    fireEvent.change(input, { target: { value: '' } });
    expect(within(rule).getByText(/the model's default/)).toBeTruthy();
  });

  it('test bench: a pasted post shows its findings with rule, severity and message, and highlights the span', async () => {
    await open();
    typeInBench('So proud that Nightjar ships next week!');
    const list = await screen.findByRole('list', { name: 'Findings' });
    const conf = within(list).getByText('CONF-001').closest('li') as HTMLElement;
    expect(conf.textContent).toContain('critical');
    expect(conf.textContent).toContain('looks like an internal project name');
    const marks = screen.getByTestId('bench-preview').querySelectorAll('mark');
    expect([...marks].map((m) => m.textContent)).toContain('Nightjar');
    typeInBench('A lovely walk in the park today.');
    await waitFor(() => expect(screen.getByTestId('bench-summary').textContent).toMatch(/No findings/));
  });

  it('a codename added to the secret dictionary is found by the bench at once, and saved with the version', async () => {
    const api = await open();
    typeInBench('Bluebird launches on Monday');
    await waitFor(() => expect(screen.getByTestId('bench-summary').textContent).toMatch(/No findings/));
    addToDictionary('codenames', 'Bluebird');
    expect(within(screen.getByTestId('dictionary-codenames')).getByText('Bluebird')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Findings' });
    expect(within(list).getByText('CONF-001')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText(/Saved and published version 2/);
    const stored = api.versions[1]?.pack as { version: string; dictionaries: Record<string, { entries: string[] }> };
    expect(stored.dictionaries.codenames?.entries).toContain('Bluebird');
    expect(stored.version).not.toBe(defaultPacks.core.version); // bumped, so compiled caches refresh
    expect(api.current).toBe(2);
    expect(screen.getByTestId('version-2').textContent).toContain('Current');
  });

  it('a broken policy can never be saved: the failing rule and its example are shown, nothing reaches the hub', async () => {
    const api = await open();
    // "release" is a word of CONF-001's own "must pass" example.
    addToDictionary('codenames', 'release');
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    const problems = await screen.findByTestId('policy-problems');
    expect(problems.textContent).toContain('not saved');
    expect(problems.textContent).toContain('CONF-001');
    expect(problems.textContent).toContain('Shipping the public release today');
    expect(problems.textContent).toMatch(/expects a miss/);
    expect(api.createCalls).toBe(0);
    expect(api.versions).toHaveLength(1);
    // The draft is kept, so the CoE can fix it.
    expect(within(screen.getByTestId('dictionary-codenames')).getByText('release')).toBeTruthy();
  });

  it('shows the hub’s own refusal (422) the same way, rule and example included', async () => {
    const api = new FakePolicyApi();
    // A hub that is stricter than the screen: it refuses a valid pack, naming a rule's example.
    api.createVersion = async (request) => {
      api.createCalls++;
      const { HubError } = await import('@/lib/sync/hub-client');
      const index = (request.pack.rules as Array<{ id: string }>).findIndex((r) => r.id === 'CONF-001');
      throw new HubError('The policy pack was refused.', 422, undefined, {
        type: 'about:blank',
        title: 'Unprocessable',
        status: 422,
        errors: [{ path: `body.pack.rules[${index}].tests[4]`, ruleId: 'CONF-001', message: 'test 5 failed' }],
      });
    };
    await open(api);
    addToDictionary('codenames', 'Bluebird');
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    const problems = await screen.findByTestId('policy-problems');
    expect(problems.textContent).toContain('The hub refused this version');
    expect(problems.textContent).toContain('CONF-001');
    expect(problems.textContent).toContain('The nightjars sang at dusk');
    expect(api.createCalls).toBe(1);
  });

  it('an overlay cannot weaken a central rule: only stricter severities are offered, allow-lists are locked', async () => {
    const api = await open();
    chooseTarget('Overlay for Sales');
    const conf = screen.getByTestId('rule-CONF-001'); // critical centrally
    expect(
      within(conf)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['critical']);
    const warning = defaultPacks.core.rules.find((r) => r.severity === 'warning');
    const row = screen.getByTestId(`rule-${warning?.id}`);
    expect(
      within(row)
        .getAllByRole('radio')
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(['warning', 'critical']);
    // Disclosure tokens silence DISC rules: an overlay may not add to them.
    const tokens = screen.getByTestId('dictionary-disclosureTokens');
    expect(within(tokens).queryByRole('textbox')).toBeNull();
    expect(tokens.textContent).toMatch(/Only the central policy can add here/);

    // Tightening is offered and saved as an overlay; the effective policy of a sub-unit shows it.
    fireEvent.click(within(row).getByRole('radio', { name: 'Critical' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await screen.findByText(/Saved version 2/);
    expect(api.versions[1]?.overlays['u-sales']).toMatchObject({
      tighten: [{ ruleId: warning?.id, severity: 'critical' }],
    });
    const effective = screen.getByTestId('effective-policy');
    fireEvent.change(within(effective).getByLabelText('Business unit'), { target: { value: 'u-emea' } });
    expect(effective.textContent).toContain(`${warning?.id}`);
    expect(effective.textContent).toMatch(/warning → critical/);
    expect(effective.textContent).toContain('Sales');
  });

  it('a hand-imported overlay that weakens a central rule is refused and the draft is unchanged', async () => {
    const api = await open();
    chooseTarget('Overlay for Sales');
    addToDictionary('codenames', 'Bluebird');
    await importFile(
      JSON.stringify({ id: 'sales', version: '9', tighten: [{ ruleId: 'CONF-001', severity: 'info' }] }),
      'sales-overlay.json',
    );
    const problems = await screen.findByTestId('policy-problems');
    expect(problems.textContent).toContain('not imported');
    expect(problems.textContent).toContain('CONF-001');
    expect(problems.textContent).toMatch(/weaken/);
    expect(within(screen.getByTestId('dictionary-codenames')).getByText('Bluebird')).toBeTruthy();
    expect(within(screen.getByTestId('rule-CONF-001')).getAllByRole('radio')).toHaveLength(1);
    // A bundle with a weakening overlay is refused too.
    await importFile(
      JSON.stringify({
        pack: defaultPacks.core,
        overlays: { 'u-sales': { id: 'sales', version: '9', disable: ['CONF-001'] } },
      }),
    );
    await waitFor(() => expect(screen.getByTestId('policy-problems').textContent).toMatch(/cannot disable/));
    expect(api.createCalls).toBe(0);
  });

  it('importing bad JSON keeps the current draft; a valid file replaces it', async () => {
    await open();
    addToDictionary('competitors', 'Vandelay Industries');
    await importFile('{ "id": "acme", "rules": [', 'broken.json');
    const problems = await screen.findByTestId('policy-problems');
    expect(problems.textContent).toMatch(/broken\.json was not imported; your draft is unchanged/);
    expect(problems.textContent).toMatch(/not JSON/);
    expect(within(screen.getByTestId('dictionary-competitors')).getByText('Vandelay Industries')).toBeTruthy();

    // A pack that parses but fails its own tests is refused too, naming the rule.
    const broken = structuredClone(defaultPacks.core);
    const rule = broken.rules.find((r) => r.id === 'CONF-001');
    if (rule) rule.tests = [...rule.tests, { text: 'Nothing secret here', expect: 'hit' }];
    await importFile(JSON.stringify(broken), 'failing.json');
    await waitFor(() => expect(screen.getByTestId('policy-problems').textContent).toContain('failing.json'));
    expect(screen.getByTestId('policy-problems').textContent).toContain('Nothing secret here');
    expect(within(screen.getByTestId('dictionary-competitors')).getByText('Vandelay Industries')).toBeTruthy();

    const good = structuredClone(defaultPacks.core);
    good.dictionaries.competitors?.entries.push('Soylent');
    await importFile(JSON.stringify(good), 'good.json');
    await screen.findByText(/Imported .* Save a version to keep it/);
    expect(within(screen.getByTestId('dictionary-competitors')).getByText('Soylent')).toBeTruthy();
    expect(within(screen.getByTestId('dictionary-competitors')).queryByText('Vandelay Industries')).toBeNull();
  });

  it('versions: saving without changes stores no copy; an older version can be opened and published again', async () => {
    const api = await open();
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await screen.findByText(/No changes since version 1, which is current/);
    expect(api.createCalls).toBe(0);

    addToDictionary('tickers', 'ACMX');
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText(/Saved and published version 2/);
    fireEvent.click(screen.getByRole('button', { name: 'Open version 1' }));
    await screen.findByText('Version 1 is open.');
    expect(within(screen.getByTestId('dictionary-tickers')).queryByText('ACMX')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save and publish' }));
    await screen.findByText(/Version 1 is now current/);
    expect(api.current).toBe(1);
    expect(api.versions).toHaveLength(2);
    expect(screen.getByTestId('version-1').textContent).toContain('Current');
  });
});
