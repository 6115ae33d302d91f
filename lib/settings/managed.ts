import { readManagedStorage, watchManagedStorage } from '@/lib/browser/managed-storage';
import { type ManagedSettings, parseManagedSettings } from './managed-schema';

export type { ManagedSettings } from './managed-schema';

/** The settings the organisation set through browser management, validated (an unusable one is left out). */
export async function readManagedSettings(): Promise<ManagedSettings> {
  return parseManagedSettings(await readManagedStorage());
}

/** Calls `listener` with the validated settings whenever the organisation changes them. Returns the unwatch. */
export function watchManagedSettings(listener: (settings: ManagedSettings) => void): () => void {
  return watchManagedStorage((raw) => listener(parseManagedSettings(raw)));
}
