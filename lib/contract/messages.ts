import { z } from 'zod';

/**
 * Messages sent to the background service worker over `runtime.sendMessage`. The content-script world is
 * untrusted: the background parses every message with this schema and checks the sender before acting.
 * Draft text never appears in any message that leaves the device; see design.md.
 */
export const BackgroundRequestSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ping') }).strict()]);
export type BackgroundRequest = z.infer<typeof BackgroundRequestSchema>;

export const PingResponseSchema = z.object({ ok: z.literal(true), version: z.string() });
export type PingResponse = z.infer<typeof PingResponseSchema>;

/** What the background answers for a message it refuses. */
export const RefusalSchema = z.object({ ok: z.literal(false), error: z.string() });
export type Refusal = z.infer<typeof RefusalSchema>;
