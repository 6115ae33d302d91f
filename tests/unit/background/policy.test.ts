import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSyncedPolicy } from '@/lib/background/services';
import { db, EMPTY_SYNC } from '@/lib/db';
import { defaultPacks } from '@/lib/guidelines';
import { packForMember } from '@/lib/guidelines/member-pack';
import type { GuidelineService } from '@/lib/policy/guideline-service';

function guidelines() {
  return {
    applyPolicy: vi.fn(),
    checkDraft: vi.fn(),
    muteRule: vi.fn(),
    reset: vi.fn(),
    state: vi.fn(),
    onChange: vi.fn(),
  } satisfies GuidelineService;
}

/** The core pack as the hub sends it to a member: no rule examples, codenames sealed. */
const memberPack = packForMember(defaultPacks.core, [], 'https://hub.example.com', 'a1'.repeat(32));

afterEach(async () => {
  await db.policy.clear();
  await db.settings.clear();
});

async function pulled(pack: Record<string, unknown>) {
  await db.policy.put({ key: 'current', version: 3, pack, fetchedAt: 1 });
  await db.setSetting('sync', { ...EMPTY_SYNC, policyEtag: '"v3"' });
  const service = guidelines();
  await loadSyncedPolicy(service, true);
  return service;
}

describe('synced policy in the background', () => {
  it('applies a pulled member pack that passes verification (it has no rule examples to run)', async () => {
    const service = await pulled(memberPack);
    expect(service.applyPolicy).toHaveBeenCalledOnce();
  });

  it.each([
    ['a pattern that does not compile', { kind: 'pattern', pattern: '(a+)+' }, undefined],
    ['a javascript: source link', undefined, 'javascript:alert(document.domain)'],
    ['a plain http source link', undefined, 'http://example.com/policy'],
  ])('drops a pulled policy with %s, and its ETag, keeping the previous policy', async (_what, matcher, url) => {
    const [first, ...rest] = memberPack.rules as Array<Record<string, unknown>>;
    if (!first) throw new Error('core pack has no rules');
    const broken = {
      ...memberPack,
      rules: [
        {
          ...first,
          ...(matcher ? { matchers: { bad: matcher }, when: { has: 'bad' } } : {}),
          ...(url ? { source: { label: 'Policy', url } } : {}),
        },
        ...rest,
      ],
    };
    const service = await pulled(broken);
    expect(service.applyPolicy).not.toHaveBeenCalled();
    expect(await db.policy.get('current')).toBeUndefined();
    expect((await db.getSetting('sync'))?.policyEtag).toBeUndefined();
  });

  it('at start, parses the stored policy without compiling it first', async () => {
    await db.policy.put({ key: 'current', version: 2, pack: memberPack, fetchedAt: 1 });
    const service = guidelines();
    await loadSyncedPolicy(service);
    expect(service.applyPolicy).toHaveBeenCalledOnce();
  });
});
