import { z } from 'zod';
import { NetworkSchema, PostKindSchema } from './common';
import { FindingSchema } from './findings';

/**
 * Messages sent to the background service worker over `runtime.sendMessage`. The content-script world is
 * untrusted: the background parses every message with this schema and checks the sender before acting.
 * The draft text of a `check` stays inside the browser: the background checks it in memory, never stores, logs or
 * sends it.
 */

/** Longest text Spoke checks; a composer holding more is left alone (LinkedIn allows 3,000, X Premium 25,000). */
export const MAX_CHECK_LENGTH = 100_000;

export const PingRequestSchema = z.object({ type: z.literal('ping') }).strict();

export const CheckRequestSchema = z
  .object({
    type: z.literal('check'),
    text: z.string().max(MAX_CHECK_LENGTH),
    network: NetworkSchema,
    postKind: PostKindSchema,
  })
  .strict();
export type CheckRequest = z.infer<typeof CheckRequestSchema>;

/** "Don't show this tip again": only for rules of severity info; the background refuses others. */
export const MuteRuleRequestSchema = z
  .object({ type: z.literal('mute-rule'), ruleId: z.string().min(1).max(100) })
  .strict();
export type MuteRuleRequest = z.infer<typeof MuteRuleRequestSchema>;

export const BackgroundRequestSchema = z.discriminatedUnion('type', [
  PingRequestSchema,
  CheckRequestSchema,
  MuteRuleRequestSchema,
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const PingResponseSchema = z.object({ ok: z.literal(true), version: z.string() });
export type PingResponse = z.infer<typeof PingResponseSchema>;

export const CheckResponseSchema = z.object({
  ok: z.literal(true),
  findings: z.array(FindingSchema),
  /** The policy asks to confirm once before posting while a critical finding is open (off by default). */
  confirmBeforePosting: z.boolean(),
});
export type CheckResponse = z.infer<typeof CheckResponseSchema>;

export const MuteRuleResponseSchema = z.object({ ok: z.literal(true) });
export type MuteRuleResponse = z.infer<typeof MuteRuleResponseSchema>;

/** What the background answers for a message it refuses. */
export const RefusalSchema = z.object({ ok: z.literal(false), error: z.string() });
export type Refusal = z.infer<typeof RefusalSchema>;
