import { browser } from 'wxt/browser';

// One value of storage.local, read and watched without @wxt-dev/storage. The content scripts need only these two
// operations, and the storage library with its migration machinery (~3 KB gzip) would take most of their bundle
// budget (bench:e2e's content_script_gz_kb). The keys are those of the storage items the pages and the background
// write (`local:<key>`, lib/settings/ and lib/sites/pack-store.ts), which store the bare value under `<key>`.

export async function readLocal<T>(key: string, fallback: T): Promise<T> {
  const stored = await browser.storage.local.get(key);
  return (stored[key] as T | undefined) ?? fallback;
}

/** Calls `listener` with the new value (or `fallback` once removed) whenever `key` changes. Returns the unwatch. */
export function watchLocal<T>(key: string, fallback: T, listener: (value: T) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const change = changes[key];
    if (area === 'local' && change) listener((change.newValue as T | undefined) ?? fallback);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
