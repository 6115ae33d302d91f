import { z } from 'zod';

// Building blocks shared by every hub request and response. Browser-safe: imports zod only.

/** A server-assigned identifier (UUID). */
export const IdSchema = z.uuid();

/** An instant with a time zone, as ISO 8601 (`2026-11-23T16:30:00.000Z`). */
export const InstantSchema = z.iso.datetime({ offset: true });

/**
 * A web address Spoke may render as a link, put into a post or open: https, with a domain name. Every address a hub
 * sends (library items, tracked links' destinations, rule sources) is parsed with it on the extension's side, so a
 * `javascript:`, `data:` or plain `http:` address never reaches an `href`, a composer or a tab, whatever the hub
 * does; the hub refuses the same addresses when the CoE saves them.
 */
export const RenderableUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'use an https:// address with a domain name' })
  .max(2_000);

/** Hosts where the hub itself may answer on plain http: a hub on this very computer (a demo or a test). */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The hub's own address, and the addresses built on it (tracked links): https, or plain http on loopback for a hub
 * run on this computer (`npm start`, the E2E tests). The hub refuses to start with any other public address.
 */
export const HubUrlSchema = z
  .url({ protocol: /^https?$/, error: 'use an https:// address (http:// only on this computer, e.g. localhost)' })
  .max(2_000)
  .refine((raw) => {
    // Runs even when the checks above failed (zod goes on to report every issue): never throw on what is no URL.
    const url = URL.canParse(raw) ? new URL(raw) : null;
    return url !== null && (url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname));
  }, 'use an https:// address (http:// only on this computer, e.g. localhost)');

/** A calendar day, `YYYY-MM-DD` (UTC). */
export const DaySchema = z.iso.date();

/** The two roles of a member: an advocate shares; the Center of Excellence (`coe`) also administers its organisation. */
export const RoleSchema = z.enum(['advocate', 'coe']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * An identifier-like token (rule ids, tags, post references): letters, digits and `. _ : -`, never free text.
 */
export const SlugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'use letters, digits and . _ : - only');

/** No control characters (line breaks and tabs allowed where `multiline`); Postgres refuses NUL in text. */
const noControl = /^\P{Cc}*$/u;
const noControlMultiline = /^(?:[\n\r\t]|\P{Cc})*$/u;

/** A single line of text a person reads: no control characters. */
export const LineSchema = z.string().regex(noControl, 'use a single line without control characters');

/** Text a person reads over several lines (no control characters besides line breaks and tabs). */
export const TextSchema = z.string().regex(noControlMultiline, 'remove the control characters');

/** A short name a person reads (organisation, business unit, display name). */
export const NameSchema = LineSchema.trim().min(1).max(120);

/**
 * Every error of the hub is an RFC 9457 problem document (`application/problem+json`). `errors` lists the fields
 * that were wrong, each with its path (`events.3.occurredAt`) and a sentence a person understands.
 */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** A machine-readable reason (`HubErrorCode` in `errors.ts`): branch on it rather than on `detail`. */
  code: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        /** For a refused policy version: the rule whose compilation or own test failed. */
        ruleId: z.string().optional(),
      }),
    )
    .optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** `from`/`to` query of the reporting routes: days, inclusive; the default is the last 30 days. */
export const PeriodQuerySchema = z.strictObject({
  from: DaySchema.optional(),
  to: DaySchema.optional(),
});

/** An empty body for routes that take none. */
export const EmptyBodySchema = z.strictObject({});

/** An answer that says only that the action happened. */
export const OkResponseSchema = z.object({ ok: z.literal(true) });
