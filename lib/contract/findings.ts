import { z } from 'zod';
import { RenderableUrlSchema } from './hub-common';

// The shape of a guideline finding as it crosses from the background (where the engine runs) to the content script.
// lib/guidelines declares the same shape as plain types (it imports nothing of the project); a type test keeps the
// two equal.

const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;

/** Replace the UTF-16 range [start, end) of the checked text with `text`. */
const TextEditSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string().max(10_000),
  })
  .strict()
  .refine((edit) => edit.end >= edit.start, { message: 'end must not come before start' });

/** One way to resolve a finding: a label for its button and the edits it makes (non-overlapping, in order). */
const FindingFixSchema = z
  .object({
    label: z.string().min(1).max(200),
    edits: z.array(TextEditSchema).min(1).max(100),
  })
  .strict();

export const FindingSchema = z
  .object({
    ruleId: z.string().min(1).max(100),
    severity: SeveritySchema,
    category: z.string().min(1).max(100),
    title: z.string().max(200),
    /** UTF-16 offsets into the original text, usable for DOM ranges. */
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    message: z.string().max(2_000),
    rationale: z.string().max(4_000),
    source: z
      // The card links to it: the same check as every address a hub sends.
      .object({ label: z.string().max(300), url: RenderableUrlSchema.optional() })
      .strict()
      .optional(),
    fixes: z.array(FindingFixSchema).max(10),
  })
  .strict();
export type Finding = z.infer<typeof FindingSchema>;
