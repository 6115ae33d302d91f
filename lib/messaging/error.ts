import type { MessageErrorCode } from '@/lib/contract/errors';

/**
 * A refused or failed message, with the background's sentence as `message` and a `code` to branch on
 * (lib/contract/errors.ts). Thrown by `send()` on a refusal, and by handlers to refuse on a request's merits.
 * Type imports only: content scripts bundle this without zod.
 */
export class MessageError extends Error {
  constructor(
    readonly code: MessageErrorCode,
    message: string,
    /** Sentences tied to the fields of the form that sent the request (enrolment), when there are any. */
    readonly fields: ReadonlyArray<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'MessageError';
  }
}
