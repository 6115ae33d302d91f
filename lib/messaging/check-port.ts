// Checks over a port to the offscreen checker (lib/policy/offscreen-checker.ts): the page's content script asks, the
// offscreen document answers, and the service worker is not woken, so a keystroke after the worker was stopped
// (Chrome stops it after 30 s idle) does not wait for it to start, load the policy and compile it.
// Type imports only, as in ./send.ts: content scripts bundle this without zod.
import type { CheckResponse, Refusal } from '@/lib/contract/messages';
import type { CheckerState } from '@/lib/policy/guideline-service';
import type { RequestOf } from './table';

/** The port's name: the offscreen checker takes no other. */
export const CHECK_PORT = 'spoke-check';

/** Same-origin channel from the service worker to the offscreen checker: the worker owns the state. */
export const CHECKER_STATE_CHANNEL = 'spoke-checker-state';

export type CheckRequest = RequestOf<'check'> & { type: 'check' };

/** Content script → offscreen checker. */
export interface PortCheck {
  id: number;
  request: CheckRequest;
}

/** Offscreen checker → content script: the answer the background's router would give. */
export interface PortAnswer {
  id: number;
  answer: CheckResponse | Refusal;
}

/** On CHECKER_STATE_CHANNEL: the checker asks for the state when it starts; the worker sends it then and on change. */
export type CheckerStateMessage = { kind: 'hello' } | { kind: 'state'; state: CheckerState };
