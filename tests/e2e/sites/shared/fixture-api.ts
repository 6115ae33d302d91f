/**
 * Test-only hooks of the fixture sites, on `window.spokeFixture` in the page's main world. They read each editor's
 * own model (not the DOM), so a test can prove that text reached the editor's state, and the state of the
 * composer's Post button. The extension's content scripts run in an isolated world and never see this object.
 */
export interface FixtureComposer {
  /** The editor's contenteditable root. */
  readonly editor: HTMLElement;
  /** Plain text from the editor's own model: Quill getText, Tiptap getText, Draft getPlainText. */
  model(): string;
  /** Whether the composer's Post (or Comment/Reply) button is enabled. */
  postEnabled(): boolean;
}

interface FixtureApi {
  ids(): string[];
  editor(id: string): HTMLElement;
  model(id: string): string;
  postEnabled(id: string): boolean;
}

/** Fired on `window` whenever a fixture mounts a composer, synchronously, before any mutation observer runs. */
const MOUNTED_EVENT = 'spoke-fixture:mounted';

declare global {
  interface Window {
    spokeFixture?: FixtureApi;
  }
}

const composers = new Map<string, FixtureComposer>();

function get(id: string): FixtureComposer {
  const composer = composers.get(id);
  if (!composer) throw new Error(`fixture has no composer "${id}" (has: ${[...composers.keys()].join(', ')})`);
  return composer;
}

window.spokeFixture = {
  ids: () => [...composers.keys()],
  editor: (id) => get(id).editor,
  model: (id) => get(id).model(),
  postEnabled: (id) => get(id).postEnabled(),
};

export function registerComposer(id: string, composer: FixtureComposer): void {
  composers.set(id, composer);
  window.dispatchEvent(new CustomEvent(MOUNTED_EVENT, { detail: { id } }));
}

export function unregisterComposer(id: string): void {
  composers.delete(id);
}
