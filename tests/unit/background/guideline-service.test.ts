import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGuidelineService } from '@/lib/policy/guideline-service';
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
