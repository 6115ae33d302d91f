// Time from a fixture composer appearing to Spoke's UI host standing next to it: measured by `npm run bench:e2e`
// (`discovery_p95_ms`) and recorded by the smoke suite as an annotation, never asserted as a timing.

/** Spoke's UI host element. */
export const HOST = 'spoke-composer-ui';

declare global {
  interface Window {
    spokeProbe?: { latency: Record<string, number> };
  }
}

/**
 * Installed before any page script: when a fixture mounts a composer it fires an event; from then on a mutation
 * observer on the editor's tree scope waits for Spoke's UI host next to that editor and records the delay.
 */
export function installDiscoveryProbe(hostTag: string): void {
  const probe = { latency: {} as Record<string, number> };
  window.spokeProbe = probe;
  window.addEventListener('spoke-fixture:mounted', (event) => {
    const { id } = (event as CustomEvent<{ id: string }>).detail;
    const mountedAt = performance.now();
    const editor = window.spokeFixture?.editor(id);
    if (!editor) return;
    const scope = editor.getRootNode() as Document | ShadowRoot;
    delete probe.latency[id];
    const observer = new MutationObserver(() => {
      for (const host of scope.querySelectorAll(hostTag)) {
        if (host.parentElement?.contains(editor)) {
          probe.latency[id] = performance.now() - mountedAt;
          observer.disconnect();
          return;
        }
      }
    });
    observer.observe(scope, { childList: true, subtree: true });
  });
}
