import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '@/lib/coe/hub-messages';

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
