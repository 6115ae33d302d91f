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
import { answerCheck, type CheckerState } from './guideline-service';

/**
 * The offscreen document's checker (Chrome): the service worker's state (policy, muted tips, X limit), compiled once
 * and kept while the worker comes and goes, answering the content scripts' checks over ports (lib/messaging/
 * check-channel.ts). Like the worker, it is an extension page: the policy stays out of the sites' renderers.
 * It takes ports only once it holds a state; until then a content script's connect finds no one and asks the worker.
 */
export function serveChecks(): void {
  let current: { state: CheckerState; compiled: CompiledPolicy } | null = null;
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
    port.onMessage.addListener((message: PortCheck) => {
      if (typeof message?.id !== 'number') return;
      port.postMessage({ id: message.id, answer: answer(message.request) } satisfies PortAnswer);
    });
  }

  function answer(raw: unknown): PortAnswer['answer'] {
    const parsed = CheckRequestSchema.safeParse(raw);
    if (!parsed.success || !current) {
      return { ok: false, code: 'malformed', error: 'Unknown or malformed message.' } satisfies Refusal;
    }
    const { text, network, postKind } = parsed.data;
    try {
      return { ok: true, ...answerCheck(current.state, current.compiled, text, { network, postKind }) };
    } catch {
      // Never the text, nor the message: it may hold draft text.
      return { ok: false, code: 'failed', error: 'Spoke could not answer; it will try again.' } satisfies Refusal;
    }
  }
}
