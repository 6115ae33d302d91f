import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Network } from '@/lib/contract/common';
import { notify, send } from '@/lib/messaging/send';

/** The chip next to an empty post composer: how many approved posts wait, and the side panel that shows them. */
export interface SuggestionsChip {
  store: StoreApi<{ count: number }>;
  open(): void;
}

/** The chip of one site's pages; `refresh()` asks the background again (each time a post composer appears). */
export function createSuggestionsChip(network: Network): SuggestionsChip & { refresh(): void } {
  const store = createStore<{ count: number }>(() => ({ count: 0 }));
  return {
    store,
    open() {
      notify({ type: 'open-side-panel' });
    },
    refresh() {
      send({ type: 'suggestion-count', network }).then(
        (answer) => store.setState({ count: answer.count }),
        () => undefined,
      );
    },
  };
}
