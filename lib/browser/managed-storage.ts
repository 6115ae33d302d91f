import { browser } from 'wxt/browser';

// The browser's managed storage: what an organisation set for Spoke through browser management (Chrome: the policy's
// `3rdparty.extensions.<id>`; Firefox: policies.json's `3rdparty.Extensions.<id>`). Read-only for the extension.
// Raw values: lib/settings/managed-schema.ts validates them (the content scripts, lib/settings/site-rules.ts).

/** Everything set, or nothing: Firefox rejects when no policy names Spoke, and some browsers lack the area. */
export async function readManagedStorage(): Promise<Record<string, unknown>> {
  try {
    return ((await browser.storage.managed?.get()) as Record<string, unknown> | undefined) ?? {};
  } catch {
    return {};
  }
}

/** Calls `listener` with everything set whenever the organisation changes its settings. Returns the unwatch. */
export function watchManagedStorage(listener: (managed: Record<string, unknown>) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void readManagedStorage().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
