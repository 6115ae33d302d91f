import { useLiveQuery } from 'dexie-react-hooks';
import { db, EMPTY_SYNC } from '@/lib/db';

/** Enrolment, consent, sync state and outbox size, live from the extension database. Undefined while loading. */
export function useSpokeState() {
  return useLiveQuery(async () => {
    const [enrolment, consent, sync, pending, welcomeDismissedAt] = await Promise.all([
      db.getSetting('enrolment'),
      db.getSetting('consent'),
      db.getSetting('sync'),
      db.outbox.count(),
      db.getSetting('welcomeDismissedAt'),
    ]);
    return { enrolment, consent, sync: sync ?? EMPTY_SYNC, pending, welcomeDismissedAt };
  });
}

/** "just now", "5 min ago", "3 h ago", or a date. */
export function relativeTime(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(at).toLocaleDateString();
}
