import { parse as parseSelector } from 'css-what';
import { z } from 'zod';
import { NetworkSchema, PostKindSchema } from './common';
import { REACH_SELECTOR_KEYS } from './reach-keys';

// A site pack: what Spoke knows about a site's composers, as data. The extension ships one (lib/sites/packs/) and
// a hub may serve a newer one beside the policy, so a corrected definition reaches every browser within one sync.
// The content script turns it into definitions (lib/sites/pack.ts); what cannot be data stays in the adapters.

/**
 * The editor library behind a composer: it decides how text is read and written. `textarea` is a plain `<textarea>`
 * (X's narrow-window composer): its text is its value, and Spoke draws its underlines over it.
 */
const EditorKindSchema = z.enum(['quill', 'tiptap', 'draft', 'textarea']);
export type EditorKind = z.infer<typeof EditorKindSchema>;

/** Checked with a CSS parser, so a typo is refused when the pack is published rather than in every browser. */
const SelectorSchema = z.string().min(1).max(600).refine(isSelector, { message: 'not a CSS selector' });

function isSelector(text: string): boolean {
  try {
    return parseSelector(text).length > 0;
  } catch {
    return false;
  }
}

const SurfaceIdSchema = z
  .string()
  .max(48)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes');

/** Where an element is looked for: the composer's scope (its `within` ancestor, else the editor) or the page. */
const LookInSchema = z.enum(['scope', 'document']);

const SurfaceSchema = z.strictObject({
  /** Stable name (coverage counts and tests use it); a pack's surface replaces the built-in one of the same id. */
  id: SurfaceIdSchema,
  editor: EditorKindSchema,
  /** Matches the editor's own root element (the contenteditable, or the `<textarea>`). */
  selector: SelectorSchema,
  /** The editor only counts inside an element matching this, in its own tree scope. */
  within: SelectorSchema.optional(),
  /** …and never inside one matching this (private messages, search). */
  outside: SelectorSchema.optional(),
  postKind: PostKindSchema,
  /** Overrides `postKind` when an element matching `has` is present, in the scope or the page; first match wins. */
  postKindWhen: z
    .array(z.strictObject({ postKind: PostKindSchema, has: SelectorSchema, in: LookInSchema }))
    .max(4)
    .optional(),
  /** Spoke's UI goes right after the editor's closest ancestor matching one of these, tried in order; else after
   * the editor (`editor`) or its parent (`parent`). Never inside the editor. */
  anchor: z.strictObject({
    closest: z.array(SelectorSchema).max(4),
    otherwise: z.enum(['editor', 'parent']),
  }),
  /** The button that publishes what the composer holds. */
  postButton: z.strictObject({
    /** The composer's container: the editor's closest ancestor matching one of these, tried in order. */
    scopes: z.array(SelectorSchema).min(1).max(4),
    /** The button inside that container, when it has a hook. */
    button: SelectorSchema.optional(),
    /** Else: the container's button whose disabled state follows the editor's emptiness (language-free). */
    byBehaviour: z.boolean().optional(),
  }),
  /** Kill switch: Spoke stays off in this composer, in this pack's browsers, until a pack turns it back on. */
  off: z.boolean().optional(),
});
export type Surface = z.infer<typeof SurfaceSchema>;

/**
 * The structure-first fallback: a focused, visible, post-sized editor inside `areas` and outside `exclude` that no
 * surface recognised, its kind told by its own markup (`.ql-editor`, `.ProseMirror`, Draft.js's `[data-contents]`).
 */
const GenericSurfaceSchema = z.strictObject({
  areas: SelectorSchema,
  exclude: SelectorSchema,
  /** The composer's container for its Post button (found by behaviour): closest ancestor matching one of these. */
  scopes: z.array(SelectorSchema).min(1).max(4),
  postKindWhen: z
    .array(z.strictObject({ postKind: PostKindSchema, has: SelectorSchema, in: LookInSchema }))
    .max(4)
    .optional(),
  off: z.boolean().optional(),
});
export type GenericSurface = z.infer<typeof GenericSurfaceSchema>;

/**
 * An editor Spoke leaves alone on purpose (LinkedIn's article editor, say): nothing is checked there, and a quiet
 * note says so, so the member knows it was not forgotten. It wins over every surface and the generic fallback.
 */
const LeftAloneSchema = z.strictObject({
  id: SurfaceIdSchema,
  /** Matches the editor's own root. */
  selector: SelectorSchema,
  /** Other fields of the same surface (a title): not composers Spoke missed, so coverage does not count them. */
  related: SelectorSchema.optional(),
  /** What the note shows, in a few words, and why, in a sentence (its tooltip and accessible name). */
  label: z.string().min(1).max(60),
  reason: z.string().min(1).max(240),
  anchor: z.strictObject({
    closest: z.array(SelectorSchema).max(4),
    otherwise: z.enum(['editor', 'parent']),
  }),
});
export type LeftAlone = z.infer<typeof LeftAloneSchema>;

/** What the reach readers anchor on, by name (lib/contract/reach-keys.ts). */
const ReachSelectorKeySchema = z.enum(REACH_SELECTOR_KEYS);

const SiteDefinitionSchema = z.strictObject({
  /** Kill switch for the whole site. */
  off: z.boolean().optional(),
  surfaces: z.array(SurfaceSchema).max(40),
  leftAlone: z.array(LeftAloneSchema).max(10).optional(),
  generic: GenericSurfaceSchema.optional(),
  /** Replaces the built-in reach selectors of the same names; the others stay. */
  reach: z.partialRecord(ReachSelectorKeySchema, SelectorSchema).optional(),
});

/** Shown in coverage counts beside the surface: which definitions a browser ran. */
export const SitePackVersionSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9.-]+$/, 'letters, digits, dots and dashes');

export const SitePackSchema = z
  .strictObject({
    format: z.literal(1),
    version: SitePackVersionSchema,
    sites: z.strictObject({ linkedin: SiteDefinitionSchema.optional(), x: SiteDefinitionSchema.optional() }),
  })
  .superRefine((pack, ctx) => {
    for (const network of NetworkSchema.options) {
      const ids = new Set<string>();
      for (const [index, surface] of (pack.sites[network]?.surfaces ?? []).entries()) {
        if (ids.has(surface.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sites', network, 'surfaces', index, 'id'],
            message: `"${surface.id}" is listed twice`,
          });
        }
        ids.add(surface.id);
      }
    }
  });
export type SitePack = z.infer<typeof SitePackSchema>;

/** A site pack is small; anything larger is refused before it is parsed. */
export const MAX_SITE_PACK_BYTES = 64 * 1024;

/** `GET /v1/site-pack`: the pack the member's organisation published (404 when none: keep the built-in one). */
export const SitePackResponseSchema = z.object({
  pack: SitePackSchema,
  publishedAt: z.string(),
});

/** `PUT /v1/admin/site-pack`: what was published. */
export const PublishedSitePackSchema = z.object({
  version: SitePackVersionSchema,
  publishedAt: z.string(),
});
