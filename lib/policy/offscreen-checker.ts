import { type Browser, browser } from 'wxt/browser';
import { CheckRequestSchema, type Refusal } from '@/lib/contract/messages';
import { type CompiledPolicy, compile } from '@/lib/guidelines';
import {
  CHECK_PORT,
  CHECKER_STATE_CHANNEL,
  type CheckerStateMessage,
  type PortAnswer,
  type PortCheck,
} from '@/lib/messaging/check-port';
import { fromComposerSite } from '@/lib/messaging/senders';
import { answerCheck, type CheckerState, createDraftCheckers } from './guideline-service';

/**
 * The offscreen document's checker (Chrome): the service worker's state (policy, muted tips, X limit), compiled once
 * and kept while the worker comes and goes, answering the content scripts' checks over ports (lib/messaging/
 * check-channel.ts). Like the worker, it is an extension page: the policy stays out of the sites' renderers.
 * It takes ports only once it holds a state; until then a content script's connect finds no one and asks the worker.
 */
export function serveChecks(): void {
  let current: { state: CheckerState; compiled: CompiledPolicy } | null = null;
  // Each port is one page's content script: its drafts keep their incremental checkers until it disconnects.
  const drafts = createDraftCheckers();
  let ports = 0;
  const channel = new BroadcastChannel(CHECKER_STATE_CHANNEL);
  channel.onmessage = ({ data }: MessageEvent<CheckerStateMessage>) => {
    if (data?.kind !== 'state') return;
    const first = current === null;
    // Compiled now, not at the next keystroke (compile caches by pack id + version).
    current = { state: data.state, compiled: compile(data.state.pack) };
    if (first) browser.runtime.onConnect.addListener(onConnect);
  };
  channel.postMessage({ kind: 'hello' } satisfies CheckerStateMessage);

  function onConnect(port: Browser.runtime.Port): void {
    if (port.name !== CHECK_PORT) return;
    const sender = port.sender;
    if (!sender || sender.id !== browser.runtime.id || !fromComposerSite(sender)) {
      port.disconnect();
      return;
    }
    const where = `port ${++ports}`;
    port.onDisconnect.addListener(() => drafts.forget(where));
    port.onMessage.addListener((message: PortCheck) => {
      if (typeof message?.id !== 'number') return;
      port.postMessage({ id: message.id, answer: answer(message.request, where) } satisfies PortAnswer);
    });
  }

  function answer(raw: unknown, where: string): PortAnswer['answer'] {
    const parsed = CheckRequestSchema.safeParse(raw);
    if (!parsed.success || !current) {
      return { ok: false, code: 'malformed', error: 'Unknown or malformed message.' } satisfies Refusal;
    }
    const { text, network, postKind } = parsed.data;
    try {
      const checked = answerCheck(
        current.state,
        current.compiled,
        text,
        { network, postKind },
        { checkers: drafts, where },
      );
      return { ok: true, ...checked };
    } catch {
      // Never the text, nor the message: it may hold draft text.
      return { ok: false, code: 'failed', error: 'Spoke could not answer; it will try again.' } satisfies Refusal;
    }
  }
}
