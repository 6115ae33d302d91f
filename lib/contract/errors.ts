import { z } from 'zod';

/**
 * Machine-readable reasons, so callers branch on a code rather than on the wording of a sentence. The hub puts one in
 * each problem document (`code`); the background puts one in each refusal to an extension page or content script.
 */
export const HubErrorCodeSchema = z.enum([
  'invalid-request',
  'unauthenticated',
  /**
   * The device signed in through the organisation's identity provider, which has not vouched for the member within the
   * organisation's period (or refused to): sign in with the organisation again.
   */
  'sign-in-required',
  'forbidden',
  'not-found',
  'conflict',
  /** The Idempotency-Key was already used with another body: send the batch again under a new key. */
  'idempotency-key-reused',
  'body-too-large',
  'unsupported-media-type',
  'rate-limited',
  'policy-rejected',
  'unavailable',
  'internal',
]);
export type HubErrorCode = z.infer<typeof HubErrorCodeSchema>;

export const MessageErrorCodeSchema = z.enum([
  /** The message came from another extension or a page that is not Spoke's. */
  'foreign-sender',
  /** It did not parse as any known message. */
  'malformed',
  /** Known, but not allowed from where it was sent (a content script asking for a page-only action, say). */
  'wrong-context',
  /** Allowed, but refused on its merits (muting a rule that is not a tip). */
  'refused',
  /** The background tried and failed; `error` says why in a sentence. */
  'failed',
]);
export type MessageErrorCode = z.infer<typeof MessageErrorCodeSchema>;
