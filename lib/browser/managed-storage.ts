import { browser } from 'wxt/browser';

// The browser's managed storage: what an organisation set for Spoke through browser management (Chrome: the policy's
// `3rdparty.extensions.<id>`; Firefox: policies.json's `3rdparty.Extensions.<id>`). Read-only for the extension.
// Raw values: lib/settings/managed-schema.ts validates them (the content scripts, lib/settings/site-rules.ts).

/**
 * Everything set, or null when the browser gives no answer: Firefox rejects when no policy names Spoke, and a
 * context without the area has none. Chrome answers only once it has the extension's policy (seconds after start).
 */
export async function tryReadManagedStorage(): Promise<Record<string, unknown> | null> {
  try {
    return ((await browser.storage.managed?.get()) as Record<string, unknown> | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Everything set; nothing when the browser gives no answer. */
export async function readManagedStorage(): Promise<Record<string, unknown>> {
  return (await tryReadManagedStorage()) ?? {};
}

/**
 * Calls `listener` with everything set whenever the organisation changes its settings (Chrome; Firefox reads them
 * at start only). Returns the unwatch.
 */
export function watchManagedStorage(listener: (managed: Record<string, unknown>) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void readManagedStorage().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
