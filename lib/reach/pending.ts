import type { Event } from '@/lib/contract/hub-events';

/**
 * Shares the hub has not counted yet: the `post_published` events still waiting in the outbox (the hub counts a
 * share when its post is published, so a share put into a composer but never posted is not one).
 */
export function pendingShareCount(outbox: ReadonlyArray<{ event: Pick<Event, 'type'> }>): number {
  return outbox.filter(({ event }) => event.type === 'post_published').length;
}
