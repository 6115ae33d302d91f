import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSyncedPolicy } from '@/lib/background/services';
import { db, EMPTY_SYNC } from '@/lib/db';
import { defaultPacks } from '@/lib/guidelines';
import type { GuidelineService } from '@/lib/policy/guideline-service';

function guidelines() {
  return { applyPolicy: vi.fn(), checkDraft: vi.fn(), muteRule: vi.fn(), reset: vi.fn() } satisfies GuidelineService;
}

afterEach(async () => {
  await db.policy.clear();
  await db.settings.clear();
});

describe('synced policy in the background', () => {
  it('applies a pulled policy that passes verification', async () => {
    await db.policy.put({ key: 'current', version: 2, pack: defaultPacks.core, fetchedAt: 1 });
    const service = guidelines();
    await loadSyncedPolicy(service, true);
    expect(service.applyPolicy).toHaveBeenCalledOnce();
  });

  it('drops a pulled policy whose rule tests fail, and its ETag, keeping the previous policy', async () => {
    const [first, ...rest] = defaultPacks.core.rules;
    if (!first) throw new Error('core pack has no rules');
    const broken = {
      ...defaultPacks.core,
      rules: [
        { ...first, tests: first.tests.map((t) => ({ ...t, expect: t.expect === 'hit' ? 'miss' : 'hit' })) },
        ...rest,
      ],
    };
    await db.policy.put({ key: 'current', version: 3, pack: broken, fetchedAt: 1 });
    await db.setSetting('sync', { ...EMPTY_SYNC, policyEtag: '"v3"' });
    const service = guidelines();
    await loadSyncedPolicy(service, true);
    expect(service.applyPolicy).not.toHaveBeenCalled();
    expect(await db.policy.get('current')).toBeUndefined();
    expect((await db.getSetting('sync'))?.policyEtag).toBeUndefined();
  });

  it('at start, parses the stored policy without rerunning every rule test', async () => {
    await db.policy.put({ key: 'current', version: 2, pack: defaultPacks.core, fetchedAt: 1 });
    const service = guidelines();
    await loadSyncedPolicy(service);
    expect(service.applyPolicy).toHaveBeenCalledOnce();
  });
});
