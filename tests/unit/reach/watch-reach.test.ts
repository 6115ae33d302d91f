import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchReach } from '@/lib/reach/watch-reach';
import type { ReachReader } from '@/lib/sites/types';

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

const flush = async () => {
  await Promise.resolve(); // the observer's records
  await vi.advanceTimersByTimeAsync(2_000); // the throttled scan
};

describe('watchReach', () => {
  it('reports own posts once per change of counts, and the published post id once', async () => {
    vi.useFakeTimers();
    let views = 12;
    let toast: string | null = null;
    const reader: ReachReader = {
      ownPosts: () => [{ postId: '42', counts: { views } }],
      publishedPostId: () => toast,
    };
    const seen: number[] = [];
    const published: string[] = [];
    const stop = watchReach(document, reader, {
      seen: (posts) => seen.push(...posts.map((p) => p.counts.views)),
      published: (id) => published.push(id),
    });
    await flush();
    document.body.append(document.createElement('div'));
    await flush();
    views = 15;
    toast = '77';
    document.body.append(document.createElement('div'));
    await flush();
    document.body.append(document.createElement('div'));
    await flush();
    expect(seen).toEqual([12, 15]);
    expect(published).toEqual(['77']);
    stop();
  });

  it('does not re-read the page while the member types in an editor', async () => {
    vi.useFakeTimers();
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    document.body.append(editor);
    const ownPosts = vi.fn(() => []);
    const stop = watchReach(document, { ownPosts, publishedPostId: () => null }, { seen() {}, published() {} });
    await flush();
    const scansAtStart = ownPosts.mock.calls.length;
    for (let i = 0; i < 5; i++) {
      editor.append(document.createTextNode('a'));
      await flush();
    }
    expect(ownPosts.mock.calls.length).toBe(scansAtStart);
    document.body.append(document.createElement('article'));
    await flush();
    expect(ownPosts.mock.calls.length).toBe(scansAtStart + 1);
    stop();
  });

  it('re-reads the page when an open shadow root changes (a toast rendered there)', async () => {
    vi.useFakeTimers();
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const publishedPostId = vi.fn(() => (root.querySelector('a') ? '77' : null));
    const published: string[] = [];
    const stop = watchReach(
      document,
      { ownPosts: () => [], publishedPostId },
      { seen() {}, published: (id) => published.push(id) },
    );
    await flush();
    const scansAtStart = publishedPostId.mock.calls.length;
    root.append(document.createElement('a'));
    await flush();
    expect(publishedPostId.mock.calls.length).toBe(scansAtStart + 1);
    expect(published).toEqual(['77']);
    stop();
  });
});
