import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compile, defaultPacks, type PolicyPack } from '@/lib/guidelines';
import { answerCheck, createGuidelineService } from '@/lib/policy/guideline-service';
import { xPremiumItem } from '@/lib/settings/x-account';

afterEach(() => fakeBrowser.reset());

/** 405 characters: over a standard X account's 280, far within X Premium's 25,000. */
const LONG_POST = 'Shipping day. '.repeat(29).trim();
const ON_X = { network: 'x', postKind: 'post' } as const;

const lengthFindings = async (service: ReturnType<typeof createGuidelineService>) =>
  (await service.checkDraft(LONG_POST, ON_X)).findings.filter((f) => f.ruleId === 'LEN-001');

describe("the member's X limit in checks", () => {
  it('warns past 280 on a standard account', async () => {
    const [finding] = await lengthFindings(createGuidelineService());
    expect(finding?.message).toContain('405/280');
  });

  it('takes the X Premium setting, also when it changes while Spoke runs', async () => {
    await xPremiumItem.setValue(true);
    const service = createGuidelineService();
    expect(await lengthFindings(service)).toEqual([]);
    await xPremiumItem.setValue(false);
    await expect.poll(async () => (await lengthFindings(service)).length).toBe(1);
  });
});

/** The shipped pack plus a codename of the member's organisation, as a synced policy would carry it. */
const MEMBER_PACK: PolicyPack = {
  ...defaultPacks.core,
  id: 'acme',
  version: '7',
  dictionaries: { ...defaultPacks.core.dictionaries, codenames: { secret: true, entries: ['Nightjar'] } },
};
const CODENAME_DRAFT = 'Big news about Nightjar soon';

const flagsCodename = async (answer: Promise<{ findings: Array<{ start: number; end: number }> }>) =>
  (await answer).findings.some((f) => CODENAME_DRAFT.slice(f.start, f.end) === 'Nightjar');

describe('the policy a check uses', () => {
  it('is the stored one even for a check that arrives while the waking worker still reads it', async () => {
    const service = createGuidelineService(undefined, async (started) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      started.applyPolicy(MEMBER_PACK);
    });
    expect(await flagsCodename(service.checkDraft(CODENAME_DRAFT, ON_X))).toBe(true);
  });

  it('tells the offscreen checker of every change, and hands it what a check reads', async () => {
    const service = createGuidelineService();
    const changes = vi.fn();
    service.onChange(changes);
    expect((await service.state()).pack.id).toBe('core');

    service.applyPolicy(MEMBER_PACK);
    expect(changes).toHaveBeenCalledTimes(1);
    const state = await service.state();
    expect(state.pack.id).toBe('acme');
    expect(await flagsCodename(Promise.resolve(answerCheck(state, compile(state.pack), CODENAME_DRAFT, ON_X)))).toBe(
      true,
    );

    await xPremiumItem.setValue(true);
    await expect.poll(() => changes.mock.calls.length).toBe(2);
    expect((await service.state()).xPostLimit).toBe(25_000);

    service.reset();
    expect(changes).toHaveBeenCalledTimes(3);
    expect((await service.state()).pack.id).toBe('core');
  });
});
