import { z } from 'zod';
import { IdSchema, InstantSchema, RenderableUrlSchema } from './hub-common';

// Guideline policy versions. The pack and overlay shapes belong to the guideline engine (`lib/guidelines`), which
// validates them; here they are JSON objects so that the contract stays free of engine code, except for the one part
// the extension renders as a link: each rule's `source.url`.

/**
 * A policy pack or overlay as JSON (validated by the guideline engine on the hub), whose rules' `source.url` must be
 * addresses Spoke may render (the in-page card links to them): the hub refuses others when the CoE saves a policy,
 * the extension when a hub sends one.
 */
export const PolicyJsonSchema = z.record(z.string(), z.unknown()).superRefine((json, ctx) => {
  const rules = json.rules;
  if (!Array.isArray(rules)) return;
  rules.forEach((rule: unknown, i) => {
    const source = rule && typeof rule === 'object' ? (rule as { source?: unknown }).source : undefined;
    const url = source && typeof source === 'object' ? (source as { url?: unknown }).url : undefined;
    if (url === undefined) return;
    const parsed = RenderableUrlSchema.safeParse(url);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules', i, 'source', 'url'],
        message: parsed.error.issues[0]?.message ?? 'use an https:// address',
      });
    }
  });
});

/** `GET /v1/policy` answer: the effective policy for the member's business unit (central pack + overlays along
 * the path from the root to the unit). Send `If-None-Match` with the ETag: 304 when nothing changed. */
export const PolicyResponseSchema = z.object({
  version: z.int(),
  businessUnitId: IdSchema,
  publishedAt: InstantSchema,
  pack: PolicyJsonSchema,
});
export type PolicyResponse = z.infer<typeof PolicyResponseSchema>;

/** The largest policy version a CoE may save (its request body: the pack and every overlay). */
export const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * `POST /v1/admin/policy/versions`: a new immutable version: the central pack and overlays per business unit. It is
 * accepted only if everything validates, compiles and passes every rule's own tests (else 422 with the failing rule
 * and test), and overlays only add or tighten. `publish: true` makes it current at once.
 */
export const CreatePolicyVersionRequestSchema = z.strictObject({
  pack: PolicyJsonSchema,
  overlays: z.record(IdSchema, PolicyJsonSchema).default({}),
  publish: z.boolean().default(false),
});
export type CreatePolicyVersionRequest = z.infer<typeof CreatePolicyVersionRequestSchema>;

export const PolicyVersionSchema = z.object({
  version: z.int(),
  createdAt: InstantSchema,
  current: z.boolean(),
  overlayBusinessUnitIds: z.array(IdSchema),
  pack: PolicyJsonSchema,
  /** The business-unit overlays of this version, by unit id. */
  overlays: z.record(IdSchema, PolicyJsonSchema),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PolicyVersionListResponseSchema = z.object({
  versions: z.array(PolicyVersionSchema.omit({ pack: true, overlays: true })),
});
export type PolicyVersionListResponse = z.infer<typeof PolicyVersionListResponseSchema>;

/** Path parameter `:version`. */
export const PolicyVersionParamSchema = z.strictObject({ version: z.string().regex(/^\d{1,9}$/, 'a version number') });
