import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { SuggestionCard } from '@/components/sidepanel/SuggestionCard';
import { isOffline, SyncNote } from '@/components/ui/SyncNote';
import type { LibraryItem } from '@/lib/contract/hub-content';
import { EMPTY_SYNC } from '@/lib/db';
import { memberPostLimits } from '@/lib/networks/post-length';

const limits = memberPostLimits(false);

const item: LibraryItem = {
  id: '0190a6a0-0000-7000-8000-0000000000c1',
  title: 'Our platform team ships',
  url: null,
  variants: { linkedin: { text: 'A long LinkedIn text about the release.' }, x: { text: 'Shipped! #platform' } },
  hashtags: [],
  tags: ['engineering'],
  businessUnitIds: [],
  locale: 'en',
  startsAt: null,
  expiresAt: null,
  version: 1,
  updatedAt: '2026-11-20T10:00:00.000Z',
  publishedAt: '2026-11-20T10:00:00.000Z',
};

let sendMessage: ReturnType<typeof vi.fn>;
beforeEach(() => {
  sendMessage = vi.fn(async () => ({ ok: true }));
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(sendMessage as never);
});
afterEach(() => vi.restoreAllMocks());

describe('<SuggestionCard />', () => {
  it('labels each network above its text, with one primary share: the site the member is on', () => {
    render(<SuggestionCard item={item} networks={['x', 'linkedin']} published={new Set()} limits={limits} />);
    const blocks = screen.getAllByTestId('suggestion-variant');
    expect(blocks.map((block) => block.dataset.network)).toEqual(['x', 'linkedin']);
    for (const block of blocks) {
      const label = within(block).getByTestId('variant-label');
      const text = within(block).getByTestId('variant-text');
      expect(label.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    expect(screen.getAllByTestId('share-primary')).toHaveLength(1);
    expect(screen.getByTestId('share-primary').textContent).toBe('Share on X');
    expect(screen.getByTestId('share-secondary').textContent).toBe('Share on LinkedIn');
    // Short texts show no counter; nothing says "Shared" before a post.
    expect(screen.queryByTestId('length-counter')).toBeNull();
    expect(screen.queryByText('Shared')).toBeNull();
  });

  it('shows a counter only near the limit', () => {
    const long = { ...item, variants: { x: { text: 'a'.repeat(275) } } };
    render(<SuggestionCard item={long} networks={['x']} published={new Set()} limits={limits} />);
    expect(screen.getByTestId('length-counter').textContent).toBe('275 / 280 characters');
  });

  it("counts against the member's own X limit (X Premium)", () => {
    const long = { ...item, variants: { x: { text: 'a'.repeat(275) } } };
    render(<SuggestionCard item={long} networks={['x']} published={new Set()} limits={memberPostLimits(true)} />);
    expect(screen.queryByTestId('length-counter')).toBeNull();
  });

  it('says "Shared" on the networks the post was published on', () => {
    render(
      <SuggestionCard item={item} networks={['linkedin', 'x']} published={new Set([`${item.id}:x`])} limits={limits} />,
    );
    const [linkedin, x] = screen.getAllByTestId('suggestion-variant');
    expect(within(x as HTMLElement).getByTestId('shared-pill').textContent).toBe('Shared');
    expect(within(linkedin as HTMLElement).queryByTestId('shared-pill')).toBeNull();
  });

  it('shares on the chosen network through the background', async () => {
    render(<SuggestionCard item={item} networks={['x', 'linkedin']} published={new Set()} limits={limits} />);
    fireEvent.click(screen.getByRole('button', { name: 'Share on LinkedIn' }));
    expect((await screen.findByRole('status')).textContent).toContain('Added to your LinkedIn post');
    expect(sendMessage).toHaveBeenCalledWith({ type: 'share', contentId: item.id, network: 'linkedin' });
  });
});

describe('<SyncNote />', () => {
  const down = {
    ...EMPTY_SYNC,
    failures: 1,
    lastError: "Can't reach the hub.",
    lastErrorKind: 'offline' as const,
    retryAt: Date.now() + 60_000,
  };

  it('says nothing while syncs succeed', () => {
    const { container } = render(<SyncNote sync={{ ...EMPTY_SYNC, lastSyncAt: Date.now() }} pending={2} />);
    expect(container.textContent).toBe('');
  });

  it('shows a quiet offline sign and the updates waiting when the hub is unreachable', () => {
    render(<SyncNote sync={down} pending={3} />);
    expect(screen.getByTestId('sync-note').textContent).toBe('Offline — 3 updates will be sent when the hub is back');
  });

  it('tells a refusal from the hub being unreachable', () => {
    expect(isOffline(down)).toBe(true);
    expect(isOffline({ ...down, lastErrorKind: 'revoked' })).toBe(false);
    expect(isOffline({ ...down, lastErrorKind: 'refused' })).toBe(false);
    expect(isOffline({ ...EMPTY_SYNC })).toBe(false);
  });
});
