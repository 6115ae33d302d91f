import { z } from 'zod';
import { InstantSchema } from './hub-common';

// SCIM 2.0 provisioning (RFC 7643 schemas, RFC 7644 protocol) of `Users`: an organisation's identity provider creates,
// updates, moves and deactivates its members through `/v1/scim/v2`, with the organisation's own bearer secret.
//
// Unlike the hub's other bodies these objects are not strict: an IdP sends every attribute an administrator mapped
// (`title`, `addresses`, `phoneNumbers`, `locale`…). The hub keeps `userName`, `externalId`, a display name,
// `active` and the enterprise extension's `department` (→ business unit); it accepts the rest and keeps none of it.

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The media type of SCIM bodies (RFC 7644 §3.1); clients send it or `application/json`. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

const Text = (max: number) => z.string().max(max);

/**
 * A boolean as SCIM clients send it: Entra ID has sent `"True"`/`"False"` strings in PATCH values
 * (`active`), so those are read as booleans too.
 */
export const ScimBooleanSchema = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i, 'true or false')
    .transform((v) => v.toLowerCase() === 'true'),
]);

const ScimNameSchema = z.object({
  formatted: Text(200).optional(),
  givenName: Text(120).optional(),
  familyName: Text(120).optional(),
});

const ScimEnterpriseSchema = z.object({ department: Text(200).nullish() });

/** The IdP's login of the user (UPN, e-mail): unique in the organisation, compared without case (RFC 7643 §4.1.1). */
const UserNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');

/** `POST /Users` and `PUT /Users/{id}`: the user as the IdP sees them. */
export const ScimUserRequestSchema = z.object({
  schemas: z.array(Text(200)).max(10).optional(),
  userName: UserNameSchema,
  externalId: Text(255)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters')
    .nullish(),
  displayName: Text(200).nullish(),
  name: ScimNameSchema.nullish(),
  active: ScimBooleanSchema.optional(),
  emails: z
    .array(z.object({ value: Text(320).optional(), type: Text(40).optional(), primary: z.boolean().optional() }))
    .max(20)
    .optional(),
  [SCIM_ENTERPRISE_USER]: ScimEnterpriseSchema.nullish(),
});
export type ScimUserRequest = z.output<typeof ScimUserRequestSchema>;

/** One operation of a `PATCH` (RFC 7644 §3.5.2); Entra ID capitalises `op` (`"Replace"`). */
const PatchOperationSchema = z.object({
  op: z
    .string()
    .regex(/^(add|replace|remove)$/i, 'add, replace or remove')
    .transform((op) => op.toLowerCase() as 'add' | 'replace' | 'remove'),
  path: Text(300).optional(),
  value: z.unknown().optional(),
});

export const ScimPatchRequestSchema = z.object({
  schemas: z.array(z.literal(SCIM_PATCH_OP)).min(1).max(1),
  Operations: z.array(PatchOperationSchema).min(1).max(50),
});
export type ScimPatchRequest = z.output<typeof ScimPatchRequestSchema>;

/** A user as the hub answers: its `id` is the member's. */
export const ScimUserSchema = z.object({
  schemas: z.array(z.string()),
  id: z.string(),
  externalId: z.string().optional(),
  userName: z.string(),
  displayName: z.string(),
  name: z.object({ formatted: z.string() }),
  active: z.boolean(),
  [SCIM_ENTERPRISE_USER]: z.object({ department: z.string() }).optional(),
  meta: z.object({
    resourceType: z.literal('User'),
    created: InstantSchema,
    lastModified: InstantSchema,
    location: z.string(),
  }),
});
export type ScimUser = z.infer<typeof ScimUserSchema>;

/** `GET /Users?filter=…&startIndex=…&count=…`: only `userName eq "…"` and `externalId eq "…"` filters. */
export const ScimListQuerySchema = z.object({
  filter: z.string().max(500).optional(),
  startIndex: z.coerce.number().int().min(-1e9).max(1e9).optional(),
  count: z.coerce.number().int().min(-1e9).max(1e9).optional(),
});

export const ScimListResponseSchema = z.object({
  schemas: z.tuple([z.literal(SCIM_LIST_RESPONSE)]),
  totalResults: z.number().int(),
  startIndex: z.number().int(),
  itemsPerPage: z.number().int(),
  Resources: z.array(ScimUserSchema),
});
export type ScimListResponse = z.infer<typeof ScimListResponseSchema>;

/** `{id}` of `/Users/{id}`; anything that is not a member's id names nothing (404). */
export const ScimUserParamSchema = z.object({ id: z.string().max(100) });

/** RFC 7644 §3.12: `status` is a string; `scimType` where the RFC defines one. */
export const ScimErrorSchema = z.object({
  schemas: z.tuple([z.literal(SCIM_ERROR)]),
  status: z.string(),
  scimType: z
    .enum([
      'invalidFilter',
      'tooMany',
      'uniqueness',
      'mutability',
      'invalidSyntax',
      'invalidPath',
      'noTarget',
      'invalidValue',
    ])
    .optional(),
  detail: z.string(),
});
export type ScimError = z.infer<typeof ScimErrorSchema>;
export type ScimErrorType = NonNullable<ScimError['scimType']>;

/** `GET /v1/admin/scim`: whether the organisation has a SCIM secret, and where its IdP sends requests. */
export const ScimSettingsSchema = z.object({
  baseUrl: z.string(),
  secret: z.object({ createdAt: InstantSchema, lastUsedAt: InstantSchema.nullable() }).nullable(),
});
export type ScimSettings = z.infer<typeof ScimSettingsSchema>;

/** `POST /v1/admin/scim/secret`: the new secret, shown this once (the one before stops at once). */
export const ScimSecretResponseSchema = z.object({ secret: z.string(), baseUrl: z.string(), createdAt: InstantSchema });
export type ScimSecretResponse = z.infer<typeof ScimSecretResponseSchema>;
