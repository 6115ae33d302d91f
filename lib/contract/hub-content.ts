import { z } from 'zod';
import { NetworkSchema } from './common';
import {
  HubUrlSchema,
  IdSchema,
  InstantSchema,
  NameSchema,
  RenderableUrlSchema,
  SlugSchema,
  TextSchema,
} from './hub-common';

// Approved content: what the CoE publishes and the extension offers in one click.

/** A hashtag without `#`. */
export const HashtagSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}_]+$/u, 'a hashtag has letters, digits and _ only, without #');

/** Text for one network, written by the CoE (never by an advocate). */
const ContentVariantSchema = z.strictObject({ text: TextSchema.trim().min(1).max(3_000) });

/** Per-network texts; at least one network. */
const ContentVariantsSchema = z
  .strictObject({ linkedin: ContentVariantSchema.optional(), x: ContentVariantSchema.optional() })
  .refine((v) => v.linkedin !== undefined || v.x !== undefined, { message: 'give a text for at least one network' });

const ContentStatusSchema = z.enum(['draft', 'published', 'archived']);
export type ContentStatus = z.infer<typeof ContentStatusSchema>;

/** BCP 47 language tag, short form (`en`, `fr-BE`). */
const LocaleSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or fr-BE');

const contentFields = {
  title: NameSchema,
  url: RenderableUrlSchema.optional(),
  variants: ContentVariantsSchema,
  hashtags: z.array(HashtagSchema).max(30).default([]),
  tags: z.array(SlugSchema).max(20).default([]),
  /** Business units that see this item (and their sub-units); empty: the whole organisation. */
  businessUnitIds: z.array(IdSchema).max(100).default([]),
  locale: LocaleSchema.default('en'),
  startsAt: InstantSchema.nullable().default(null),
  expiresAt: InstantSchema.nullable().default(null),
};

/** `POST /v1/admin/content`: a new item, created as a draft. */
export const CreateContentRequestSchema = z.strictObject(contentFields);
export type CreateContentRequest = z.infer<typeof CreateContentRequestSchema>;

/** `PATCH /v1/admin/content/:id`: changed fields; `expectedVersion` refuses a stale edit with 409. */
export const UpdateContentRequestSchema = z.strictObject({
  title: contentFields.title.optional(),
  url: RenderableUrlSchema.nullable().optional(),
  variants: ContentVariantsSchema.optional(),
  hashtags: z.array(HashtagSchema).max(30).optional(),
  tags: z.array(SlugSchema).max(20).optional(),
  businessUnitIds: z.array(IdSchema).max(100).optional(),
  locale: LocaleSchema.optional(),
  startsAt: InstantSchema.nullable().optional(),
  expiresAt: InstantSchema.nullable().optional(),
  expectedVersion: z.int().min(1).optional(),
});
export type UpdateContentRequest = z.infer<typeof UpdateContentRequestSchema>;

/** A content item as the CoE sees it. */
export const ContentItemSchema = z.object({
  id: IdSchema,
  title: z.string(),
  /** The page the item links to; members' extensions refuse an item whose address is not https. */
  url: RenderableUrlSchema.nullable(),
  variants: z.object({ linkedin: ContentVariantSchema.optional(), x: ContentVariantSchema.optional() }),
  hashtags: z.array(z.string()),
  tags: z.array(z.string()),
  businessUnitIds: z.array(IdSchema),
  locale: z.string(),
  startsAt: InstantSchema.nullable(),
  expiresAt: InstantSchema.nullable(),
  status: ContentStatusSchema,
  /** Edit counter, starts at 1. */
  version: z.int(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  publishedAt: InstantSchema.nullable(),
});
export type ContentItem = z.infer<typeof ContentItemSchema>;

export const ContentListResponseSchema = z.object({ items: z.array(ContentItemSchema) });

/** `GET /v1/admin/content` query. */
export const ContentListQuerySchema = z.strictObject({ status: ContentStatusSchema.optional() });

/** A published item as the extension receives it. */
const LibraryItemSchema = ContentItemSchema.omit({ createdAt: true, status: true });
export type LibraryItem = z.infer<typeof LibraryItemSchema>;

/** `GET /v1/library` query: `since` is the `cursor` of the previous answer; without it, the full library. */
export const LibraryQuerySchema = z.strictObject({
  since: z
    .string()
    .regex(/^\d{1,18}$/, 'since is the cursor of a previous answer (digits)')
    .optional(),
});

/**
 * `GET /v1/library` answer: items added or changed since `since` that the member may share, and tombstones for items
 * they must drop (unpublished, deleted, no longer targeted at them). Send `If-None-Match` with the ETag: 304 when
 * nothing changed. Expired items are left out (a tombstone in a delta when they changed since); items also carry
 * `startsAt`/`expiresAt`, and the client hides items outside their window (expiry alone does not change the cursor).
 */
export const LibraryResponseSchema = z.object({
  items: z.array(LibraryItemSchema),
  tombstones: z.array(z.object({ id: IdSchema })),
  /** Pass as `since` next time. */
  cursor: z.string(),
  /** True when `since` was absent: replace the local library instead of merging. */
  full: z.boolean(),
});
export type LibraryResponse = z.infer<typeof LibraryResponseSchema>;

/** `POST /v1/links`: a tracked link for sharing an item on a network (the same link comes back on repeat). */
export const CreateLinkRequestSchema = z.strictObject({ contentId: IdSchema, network: NetworkSchema });
export type CreateLinkRequest = z.infer<typeof CreateLinkRequestSchema>;

export const CreateLinkResponseSchema = z.object({
  code: z.string(),
  /** The address to put in the post: the hub's `/v1/r/:code`. */
  url: HubUrlSchema,
  /** Where the link leads, with UTM parameters. */
  destination: RenderableUrlSchema,
});
export type CreateLinkResponse = z.infer<typeof CreateLinkResponseSchema>;

/** Path parameter of `/v1/r/:code`. */
export const LinkCodeParamSchema = z.strictObject({ code: z.string().max(64) });
