import { useCallback, useEffect, useState } from 'react';
import { HubError } from '@/lib/sync/hub-client';

/** A sentence for any failure: the hub's own words when it sent them. */
export function messageOf(error: unknown): string {
  if (error instanceof HubError) {
    if (error.status === 401) return 'This browser is no longer signed in at the hub. Connect again in the settings.';
    if (error.status === 403) return 'Only members with the CoE role may do this.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** The hub's per-field messages (`body.url` → "…"), to show beside the fields they concern. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof HubError) for (const e of error.problem?.errors ?? []) out[e.path] ??= e.message;
  return out;
}

/** Loads once and on `reload()`; keeps the last data while reloading so the screen does not flash. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names what the loader depends on
  const run = useCallback(load, deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is how reload() asks for a new load
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    // Through a promise, so that a loader throwing at once is reported like one that fails later.
    Promise.resolve()
      .then(run)
      .then(
        (data) => live && setState({ data, loading: false }),
        (error: unknown) => live && setState((s) => ({ ...s, error: messageOf(error), loading: false })),
      );
    return () => {
      live = false;
    };
  }, [run, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
