// While typing, the background keeps one incremental checker per composer (tab and check context): what the page
// gets back is what a whole check gives, keystroke after keystroke, in two tabs at once and across a policy change.
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { check, compile, defaultPacks, PolicyPackSchema } from '@/lib/guidelines';
import { createGuidelineService } from '@/lib/policy/guideline-service';

afterEach(() => fakeBrowser.reset());

const LI = { network: 'linkedin', postKind: 'post' } as const;
const DRAFT = 'Loving the new Acme Cloud dashboard, check it out!\n\nWe had a great quarter.\n\nThanks all';

describe('checks while typing', () => {
  it('each keystroke in two composers gets the findings a whole check gives', async () => {
    const service = createGuidelineService();
    const core = compile(defaultPacks.core);
    const other = 'Our revenue grew 32% this quarter!\n\nMore soon';
    for (let i = 1; i <= DRAFT.length; i += 7) {
      const a = DRAFT.slice(0, i);
      const b = other.slice(0, Math.max(1, i % other.length));
      expect((await service.checkDraft(a, LI, { tabId: 1 })).findings).toEqual(check(core, a, LI));
      expect((await service.checkDraft(b, LI, { tabId: 2 })).findings).toEqual(check(core, b, LI));
    }
  });

  it('a new policy applies from the next keystroke', async () => {
    const service = createGuidelineService();
    const first = await service.checkDraft(DRAFT, LI, { tabId: 1 });
    expect(first.findings.some((f) => f.ruleId === 'DISC-001')).toBe(true);
    const quiet = PolicyPackSchema.parse({ ...defaultPacks.core, version: 'quiet', rules: [] });
    service.applyPolicy(quiet);
    expect((await service.checkDraft(`${DRAFT}!`, LI, { tabId: 1 })).findings).toEqual([]);
    service.reset();
    expect((await service.checkDraft(`${DRAFT}!!`, LI, { tabId: 1 })).findings.length).toBeGreaterThan(0);
  });

  it('a closed tab and an emptied draft leave nothing behind that changes the next check', async () => {
    const service = createGuidelineService();
    await service.checkDraft(DRAFT, LI, { tabId: 3 });
    await fakeBrowser.tabs.onRemoved.trigger(3, { windowId: 1, isWindowClosing: false });
    expect((await service.checkDraft('', LI, { tabId: 3 })).findings).toEqual([]);
    const core = compile(defaultPacks.core);
    expect((await service.checkDraft(DRAFT, LI, { tabId: 3 })).findings).toEqual(check(core, DRAFT, LI));
  });
});
