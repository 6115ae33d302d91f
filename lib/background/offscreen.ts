import { browser } from 'wxt/browser';
import { CHECKER_STATE_CHANNEL, type CheckerStateMessage } from '@/lib/messaging/check-port';
import type { GuidelineService } from '@/lib/policy/guideline-service';

/** The unlisted page entrypoints/offscreen/index.html. */
const CHECKER_DOCUMENT = 'offscreen.html';

/**
 * Opens the offscreen checker (lib/policy/offscreen-checker.ts) if it is not open, and keeps it on the state of
 * `guidelines`: sent when the checker asks (it starts empty), when the worker starts (the stored policy loaded), and
 * on every change (a synced policy, signing out, a muted tip, the X Premium setting). Checks then reach the checker,
 * not this worker, so a stopped worker is not on a keystroke's path. Firefox has no offscreen documents: there the
 * worker answers every check, as before.
 */
export function keepCheckerCurrent(guidelines: GuidelineService): void {
  const offscreen = browser.offscreen;
  if (!offscreen) return;
  const channel = new BroadcastChannel(CHECKER_STATE_CHANNEL);
  const publish = () =>
    guidelines.state().then((state) => channel.postMessage({ kind: 'state', state } satisfies CheckerStateMessage));
  channel.onmessage = ({ data }: MessageEvent<CheckerStateMessage>) => {
    if (data?.kind === 'hello') void publish();
  };
  guidelines.onChange(() => publish().catch(() => undefined));
  void (async () => {
    if (!(await offscreen.hasDocument())) {
      await offscreen.createDocument({
        url: CHECKER_DOCUMENT,
        reasons: [offscreen.Reason.WORKERS],
        justification: 'Keeps the compiled guideline policy ready, so tips answer at once while the worker sleeps.',
      });
    }
    await publish();
  })().catch((error: unknown) => {
    // Two starts racing to open it: one wins, the other's checks go to the worker until the next start.
    console.warn('Spoke: the offscreen checker did not open', error instanceof Error ? error.message : typeof error);
  });
}
