import type { HighlightPainter } from '@/lib/composer/highlights';
import type { SessionDeps } from '@/lib/composer/session';
import type { Composer } from '@/lib/composer/watcher';
import { createCheckChannel } from '@/lib/messaging/check-channel';
import { notify, send } from '@/lib/messaging/send';

/** One port per content script, shared by its composers. */
const requestCheck = createCheckChannel();

/**
 * What a composer session asks of the extension: checks of its text (from the offscreen checker, else the background;
 * the policy never enters the page), muting a tip, and the counts-only reports (feedback on a tip, a published post).
 */
export function sessionDeps(
  composer: Composer,
  painter: HighlightPainter | null,
  /** Told after each published post (coverage waits for the site's notice of it). */
  published: () => void = () => undefined,
): SessionDeps {
  const { network, postKind } = composer;
  return {
    painter,
    requestCheck: (text) => requestCheck({ type: 'check', text, network, postKind }),
    muteRule: (ruleId) => send({ type: 'mute-rule', ruleId }).then(() => true),
    onFeedback(ruleId) {
      notify({ type: 'guideline-feedback', network, ruleId });
    },
    onPublished(rules) {
      notify({ type: 'post-published', network, postKind, rules: rules.slice(0, 100) });
      published();
    },
  };
}
