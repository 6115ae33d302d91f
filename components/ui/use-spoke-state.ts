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
