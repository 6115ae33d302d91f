import { browser } from 'wxt/browser';
import type { Refusal } from '@/lib/contract/messages';
import { MessageError } from './error';
import type { MessageType, RequestOf, ResponseOf } from './table';

// Type imports only (the table and the contract are erased): content scripts bundle this without zod.

/**
 * Sends a message to the background and resolves with its answer, typed by the message's `type`
 * (`send({ type: 'check', … })` is a `Promise<CheckResponse>`). Throws a `MessageError` with the refusal's code,
 * or `failed` when nothing answered (the background restarted, or the extension was updated under the page).
 */
export async function send<Type extends MessageType>(
  request: RequestOf<Type> & { type: Type },
): Promise<ResponseOf<Type>> {
  const answer: ResponseOf<Type> | Refusal | undefined = await browser.runtime.sendMessage(request);
  if (!answer) throw new MessageError('failed', 'Spoke did not answer. Reload the extension and try again.');
  if (answer.ok === false) throw new MessageError(answer.code, answer.error, answer.fields);
  return answer;
}

/** Sends a message whose answer nobody waits for (counts, reports): a failure is dropped, never thrown. */
export function notify<Type extends MessageType>(request: RequestOf<Type> & { type: Type }): void {
  send<Type>(request).catch(() => undefined);
}
