import type { Browser } from 'wxt/browser';
import {
  type BackgroundRequest,
  BackgroundRequestSchema,
  type PingResponse,
  type Refusal,
} from '@/lib/contract/messages';

type Sender = Browser.runtime.MessageSender;
export type BackgroundResponse = PingResponse | Refusal;

/**
 * Answers one message to the background. Anything that does not parse, or that comes from another extension,
 * is refused without acting on it: the content-script world is untrusted.
 */
export async function handleBackgroundMessage(
  raw: unknown,
  sender: Sender,
  self: { id: string; version: string },
): Promise<BackgroundResponse> {
  if (sender.id !== self.id) return { ok: false, error: 'Messages are accepted from Spoke itself only.' };
  const parsed = BackgroundRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'Unknown or malformed message.' };
  return answer(parsed.data, self);
}

async function answer(request: BackgroundRequest, self: { version: string }): Promise<BackgroundResponse> {
  switch (request.type) {
    case 'ping':
      return { ok: true, version: self.version };
  }
}
