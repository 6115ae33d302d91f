import { type Browser, browser } from 'wxt/browser';
import type { CheckResponse } from '@/lib/contract/messages';
import { CHECK_PORT, type CheckRequest, type PortAnswer, type PortCheck } from './check-port';
import { MessageError } from './error';
import { send } from './send';

/**
 * After a port closed or found no checker, checks go to the worker for a while: half a second at first (the worker
 * opens the checker when it starts), doubling while none answers (Firefox has no offscreen documents), to 30 s.
 */
const RETRY_PORT_MS = 500;
const RETRY_PORT_MAX_MS = 30_000;

interface Pending {
  request: CheckRequest;
  resolve(answer: CheckResponse): void;
  reject(error: unknown): void;
}

/**
 * Checks of a content script's composers: over a port to the offscreen checker when there is one, else (and for any
 * check a closing port leaves unanswered) as a message to the background, which answers the same way.
 */
export function createCheckChannel(): (request: CheckRequest) => Promise<CheckResponse> {
  let port: Browser.runtime.Port | null = null;
  let portAfter = 0;
  let failures = 0;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const connect = (): Browser.runtime.Port | null => {
    if (port || Date.now() < portAfter) return port;
    let opened: Browser.runtime.Port;
    try {
      opened = browser.runtime.connect({ name: CHECK_PORT });
    } catch {
      portAfter = Date.now() + RETRY_PORT_MAX_MS; // the extension was reloaded under the page: send() says so
      return null;
    }
    let answered = false;
    opened.onMessage.addListener((message: PortAnswer) => {
      answered = true;
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      const { answer } = message;
      if (answer.ok) waiting.resolve(answer);
      else waiting.reject(new MessageError(answer.code, answer.error, answer.fields));
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = null;
      failures = answered ? 0 : failures + 1;
      portAfter = Date.now() + Math.min(RETRY_PORT_MAX_MS, RETRY_PORT_MS * 2 ** (failures - 1));
      for (const [id, waiting] of pending) {
        pending.delete(id);
        send(waiting.request).then(waiting.resolve, waiting.reject);
      }
    });
    port = opened;
    return port;
  };

  return (request) => {
    const open = connect();
    if (!open) return send(request);
    return new Promise((resolve, reject) => {
      nextId += 1;
      const id = nextId;
      pending.set(id, { request, resolve, reject });
      try {
        open.postMessage({ id, request } satisfies PortCheck);
      } catch {
        // Closed before its onDisconnect ran.
        pending.delete(id);
        if (port === open) port = null;
        send(request).then(resolve, reject);
      }
    });
  };
}
