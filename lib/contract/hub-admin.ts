import { z } from 'zod';
import { NetworkSchema } from './common';
import { DaySchema, IdSchema, InstantSchema, NameSchema, PeriodQuerySchema, RoleSchema } from './hub-common';
import { CoverageKindSchema } from './hub-events';

// Administration by the Center of Excellence (`coe` role), always within the caller's organisation.

/** A business unit: a tree under the CoE at the root. */
export const BusinessUnitSchema = z.object({
  id: IdSchema,
  name: z.string(),
  /** Null for the root (the CoE). */
  parentId: IdSchema.nullable(),
  createdAt: InstantSchema,
});
export type BusinessUnit = z.infer<typeof BusinessUnitSchema>;

export const BusinessUnitListResponseSchema = z.object({ businessUnits: z.array(BusinessUnitSchema) });

/** `POST /v1/admin/business-units`: a new unit under `parentId` (the root when absent). */
export const CreateBusinessUnitRequestSchema = z.strictObject({ name: NameSchema, parentId: IdSchema.optional() });
export type CreateBusinessUnitRequest = z.infer<typeof CreateBusinessUnitRequestSchema>;

/** `PATCH /v1/admin/business-units/:id`: rename or move (never under itself or its own sub-units). */
export const UpdateBusinessUnitRequestSchema = z.strictObject({
  name: NameSchema.optional(),
  parentId: IdSchema.optional(),
});
export type UpdateBusinessUnitRequest = z.infer<typeof UpdateBusinessUnitRequestSchema>;

/** `POST /v1/admin/invites`: an invite for a business unit and a role, expiring, single- or multi-use. */
export const CreateInviteRequestSchema = z.strictObject({
  businessUnitId: IdSchema,
  role: RoleSchema.default('advocate'),
  /** How many people may enrol with it (1: single-use). */
  maxUses: z.int().min(1).max(10_000).default(1),
  /** Hours until it expires (default 14 days, at most a year). */
  expiresInHours: z
    .int()
    .min(1)
    .max(24 * 366)
    .default(24 * 14),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequestSchema>;

export const InviteSchema = z.object({
  id: IdSchema,
  businessUnitId: IdSchema,
  role: RoleSchema,
  maxUses: z.int(),
  uses: z.int(),
  expiresAt: InstantSchema,
  revokedAt: InstantSchema.nullable(),
  createdAt: InstantSchema,
});
export type Invite = z.infer<typeof InviteSchema>;

/** `POST /v1/admin/invites` answer (201): the code is shown only here (the hub keeps its hash). */
export const CreateInviteResponseSchema = InviteSchema.extend({ code: z.string() });
export type CreateInviteResponse = z.infer<typeof CreateInviteResponseSchema>;

export const InviteListResponseSchema = z.object({ invites: z.array(InviteSchema) });

/** A member as the CoE sees them. */
export const MemberSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  role: RoleSchema,
  businessUnitId: IdSchema,
  status: z.enum(['active', 'deactivated']),
  createdAt: InstantSchema,
  lastSeenAt: InstantSchema.nullable(),
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListResponseSchema = z.object({ members: z.array(MemberSchema) });

/** `PATCH /v1/admin/members/:id`: change a member's role or business unit (never your own role). */
export const UpdateMemberRequestSchema = z
  .strictObject({ role: RoleSchema.optional(), businessUnitId: IdSchema.optional() })
  .refine((v) => v.role !== undefined || v.businessUnitId !== undefined, { message: 'change the role or the unit' });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequestSchema>;

/** Path parameter `:id`. */
export const IdParamSchema = z.strictObject({ id: z.string().max(64) });

/** `GET /v1/admin/analytics` query: the period, and the length of each point of the participation series. */
export const AnalyticsQuerySchema = PeriodQuerySchema.extend({ bucket: z.enum(['day', 'week']).default('week') });
export type AnalyticsQuery = z.input<typeof AnalyticsQuerySchema>;

/**
 * One point of the participation series: advocates who shared at least once in these days ÷ active advocates.
 * Participation counts advocates only; CoE members run the programme and are not counted.
 */
const ParticipationPointSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Advocates active at the end of the bucket (enrolled by then, not deactivated). */
  activeMembers: z.int(),
  sharingMembers: z.int(),
  participationRate: z.number(),
});

/** An active member without any event for 30 days or more, counted back from now (and who joined before that). */
const InactiveMemberSchema = z.object({
  id: IdSchema,
  displayName: z.string(),
  businessUnitId: IdSchema,
  joinedAt: InstantSchema,
  /** Their last event; null when they never had one. */
  lastActiveAt: InstantSchema.nullable(),
});

/** A guideline rule's pushback in the period: ids and counts only, never what was written. */
const NoisyRuleSchema = z.object({
  ruleId: z.string(),
  /** Times it fired in published posts. */
  triggered: z.int(),
  /** Of those, findings the advocate closed with *Dismiss*. */
  dismissed: z.int(),
  /** *Not helpful* clicks on its card (whether or not the post was published). */
  notHelpful: z.int(),
  /** (dismissed + notHelpful) ÷ triggered; null when it did not fire in published posts in the period. */
  ratio: z.number().nullable(),
});
export type NoisyRule = z.infer<typeof NoisyRuleSchema>;

const CoverageRowSchema = z.object({
  network: NetworkSchema,
  surface: z.string(),
  kind: CoverageKindSchema,
  sitePack: z.string(),
  count: z.int(),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;

/** `GET /v1/admin/analytics` answer over the period `from`–`to` (days, inclusive). */
export const AnalyticsResponseSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Active advocates (role advocate, not deactivated); CoE members are not counted. */
  activeMembers: z.int(),
  /** Active advocates with at least one share in the period. */
  sharingMembers: z.int(),
  /** sharingMembers ÷ activeMembers (0 when there are no active advocates). */
  participationRate: z.number(),
  totals: z.object({ shares: z.int(), clicks: z.int(), views: z.int() }),
  byBusinessUnit: z.array(
    z.object({
      businessUnitId: IdSchema,
      name: z.string(),
      activeMembers: z.int(),
      sharingMembers: z.int(),
      participationRate: z.number(),
      shares: z.int(),
      clicks: z.int(),
      views: z.int(),
    }),
  ),
  byNetwork: z.array(z.object({ network: NetworkSchema, shares: z.int(), clicks: z.int(), views: z.int() })),
  topContent: z.array(z.object({ contentId: IdSchema, title: z.string(), shares: z.int(), clicks: z.int() })),
  /** From aggregated `rule_triggered` counts: which guideline rules fire most (at most 10). */
  topRules: z.array(z.object({ ruleId: z.string(), count: z.int() })),
  /** The rules advocates push back on most: *Not helpful* plus dismissals, most first (at most 10, none at 0). */
  noisyRules: z.array(NoisyRuleSchema),
  /** Active members without any event in the period. */
  idleMembers: z.array(z.object({ id: IdSchema, displayName: z.string(), businessUnitId: IdSchema })),
  /** Participation per day or week of the period, oldest first (the last bucket may be shorter). */
  participationSeries: z.array(ParticipationPointSchema),
  /** Active members without activity for 30 and 90 days, whatever the period; `members` lists the 30+ ones, the
   * longest idle first (at most 500). */
  inactive: z.object({ over30Days: z.int(), over90Days: z.int(), members: z.array(InactiveMemberSchema) }),
  /**
   * Coverage signals of the period: how often the extension saw an editor it did not recognise or a composer without
   * a Post button, per network, surface, kind and site-pack version (most first). Counts only.
   */
  coverage: z.array(CoverageRowSchema),
});
export type AnalyticsResponse = z.infer<typeof AnalyticsResponseSchema>;
