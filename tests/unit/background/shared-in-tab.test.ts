import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => fakeBrowser.reset());

/** The module as a freshly started service worker loads it: nothing in memory. */
const freshWorker = async () => {
  vi.resetModules();
  return import('@/lib/background/shared-in-tab');
};

describe('the share waiting for its Post in a tab', () => {
  it('survives the service worker being stopped between Share and Post', async () => {
    const before = await freshWorker();
    await before.rememberShare(7, { contentId: 'c1', linkCode: 'abc123' });
    const after = await freshWorker();
    expect(await after.takeShare(7)).toEqual({ contentId: 'c1', linkCode: 'abc123' });
  });

  it('is taken once, per tab: a second Post in that tab is the member’s own', async () => {
    const shares = await freshWorker();
    await shares.rememberShare(1, { contentId: 'c1' });
    await shares.rememberShare(2, { contentId: 'c2' });
    expect(await shares.takeShare(1)).toEqual({ contentId: 'c1' });
    expect(await shares.takeShare(1)).toBeUndefined();
    expect(await shares.takeShare(2)).toEqual({ contentId: 'c2' });
  });
});
