import { z } from 'zod';
import { SEMANTIC_RULE_CATEGORIES } from './semantic';

// The policy-as-code schema. A pack is plain JSON data (never code): dictionaries, calendars, settings and rules.
// Every rule names its matchers, combines them with a small condition algebra and carries its own tests.

const SeveritySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof SeveritySchema>;
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

const NetworkSchema = z.enum(['linkedin', 'x']);
export type Network = z.infer<typeof NetworkSchema>;
const PostKindSchema = z.enum(['post', 'comment', 'reply', 'message']);
export type PostKind = z.infer<typeof PostKindSchema>;

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const Name = z.string().regex(NAME, 'use letters, digits, "_" or "-" (max 64), starting with a letter');

/** A phrase: a plain string, or an object with explicit forms and options. */
const PhraseSchema = z.union([
  z.string().min(1).max(200),
  z
    .object({
      text: z.string().min(1).max(200),
      /** Extra explicit forms ("went" for "go"). */
      forms: z.array(z.string().min(1).max(200)).max(50).optional(),
      /** Simple English inflections: -s, -es, -ed, -ing, 's (overrides the matcher's setting). */
      inflect: z.boolean().optional(),
    })
    .strict(),
]);
export type Phrase = z.infer<typeof PhraseSchema>;

/**
 * A secret dictionary as members' devices receive it (`sealed.ts`): each entry's skeleton as a keyed digest, never
 * the words; `entries` is then empty. Made by the hub (`packForMember`), never written by a CoE.
 */
const SealedEntriesSchema = z
  .object({
    /** HMAC-SHA-256 key (hex). It ships with the digests, so it is a salt: digests differ per organisation and
     * policy version, but anyone holding the pack can test guesses. */
    key: z.string().regex(/^[0-9a-f]{64}$/, 'a 32-byte key in hex'),
    /** Bits of each entry's fingerprint (a fast prefilter in front of the digest). */
    bits: z.number().int().min(8).max(32),
    /** The longest entry's skeleton, in UTF-16 units: how far a candidate is read. */
    maxLength: z.number().int().min(1).max(1_000),
    /** One per entry form: "<words>.<fingerprint>.<first 16 bytes of the digest, hex>". */
    digests: z.array(z.string().regex(/^\d{1,3}\.\d{1,10}\.[0-9a-f]{32}$/, 'words.fingerprint.digest')).max(5_100_000),
  })
  .strict();

const DictionarySchema = z
  .object({
    /** Secret entries (codenames) never appear in messages, rationales, fix labels or validation errors, and reach
     * members' devices only as keyed digests (`sealed`). */
    secret: z.boolean().default(false),
    description: z.string().max(500).optional(),
    entries: z.array(PhraseSchema).max(100_000).default([]),
    sealed: SealedEntriesSchema.optional(),
  })
  .strict();

const NormalizeSchema = z
  .object({
    /** Fold leetspeak digits (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g) on both text and terms. */
    leet: z.boolean().default(false),
    /** Fold common Cyrillic/Greek look-alikes to Latin (a small UTS #39 subset). */
    confusables: z.boolean().default(false),
    /** Strip combining marks (é→e, İ→i). */
    stripMarks: z.boolean().default(false),
  })
  .strict();

const DETECTORS = [
  'email',
  'phone',
  'payment_card',
  'iban',
  'us_ssn',
  'url',
  'hashtag',
  'mention',
  'cashtag',
  'money',
  'percent',
  'number',
] as const;
const DetectorNameSchema = z.enum(DETECTORS);
export type DetectorName = z.infer<typeof DetectorNameSchema>;

const MatcherSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('phrases'),
      phrases: z.array(PhraseSchema).max(100_000).default([]),
      /** Dictionaries whose entries are matched too. */
      dicts: z.array(Name).max(20).default([]),
      /** Apply simple English inflections to every phrase (not to dictionary entries). */
      inflect: z.boolean().default(false),
      /** "word" (Unicode-aware, never JS \b) or "none" (substring). */
      boundary: z.enum(['word', 'none']).default('word'),
      /** Allow-list: a hit inside one of these is not a hit. */
      exceptions: z.array(PhraseSchema).max(10_000).default([]),
      exceptionDicts: z.array(Name).max(20).default([]),
      /**
       * Also find spellings meant to slip past the list (leetspeak, look-alikes, spaced, hyphenated or masked
       * letters, names inside hashtags). Default: on for the company, product, competitor, codename and customer
       * dictionaries and for the phrases of conduct, confidential, legal and security rules; masked letters ("f*ck")
       * for conduct rules.
       */
      evasions: z.boolean().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('semantic'),
      /** Which of the on-device classifier's categories this matcher reports (sentences scoring at least the
       * threshold). */
      category: z.enum(SEMANTIC_RULE_CATEGORIES),
      /** 0..1; default: the model's threshold for this category, chosen for precision. Lower finds more. */
      threshold: z.number().min(0.05).max(0.999).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('pattern'),
      /** RE2 syntax, linear time: no back-references, no look-around, no nested quantifiers. Matched against the
       * normalised (case-folded) text, so letters are folded to lower case before compiling. */
      pattern: z.string().min(1).max(2000),
      boundary: z.enum(['word', 'none']).default('word'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('detector'),
      detector: DetectorNameSchema,
      /** url: keep only links whose registrable domain is (not) in these dictionaries / lists. */
      domainsIn: z.array(Name).max(20).optional(),
      domainsNotIn: z.array(Name).max(20).optional(),
      domains: z.array(z.string().min(1).max(253)).max(10_000).optional(),
      /** url: keep only links that lack one of these query parameters. */
      missingParams: z.array(z.string().min(1).max(64)).max(20).optional(),
      /** cashtag/hashtag: keep only tags listed in this dictionary (compared without the sigil). */
      tagsIn: z.array(Name).max(20).optional(),
      /** number/money: minimum absolute value (after k/m/bn multipliers). */
      min: z.number().optional(),
      /** email: only a person's addresses, not role mailboxes such as press@ or careers@. */
      personal: z.boolean().optional(),
    })
    .strict(),
]);
export type Matcher = z.infer<typeof MatcherSchema>;

const CompareOpSchema = z.enum(['<', '<=', '>', '>=', '==']);
export type CompareOp = z.infer<typeof CompareOpSchema>;
const METRICS = [
  'xWeightedLength',
  'chars',
  'hashtags',
  'mentions',
  'capsRatio',
  'shoutingWords',
  'exclamations',
] as const;
const MetricSchema = z.enum(METRICS);
type Metric = z.infer<typeof MetricSchema>;
/** Thresholds a check context may carry for its member (`CheckContext`): X Premium posts up to 25,000. */
const CONTEXT_LIMITS = ['xPostLimit'] as const;
type ContextLimit = (typeof CONTEXT_LIMITS)[number];

/** The trigger algebra. Matcher names refer to the rule's own `matchers`. */
export type Cond =
  | { has: string }
  | { count: string; op: CompareOp; n: number }
  | { near: [string, string]; within: number }
  | { position: string; where: 'hashtagCluster' | 'afterChars'; chars?: number }
  | { metric: Metric; op: CompareOp; value: number; minLetters?: number; valueFrom?: ContextLimit }
  | { calendar: string }
  | { network: Network[] }
  | { postKind: PostKind[] }
  | { not: Cond }
  | { all: Cond[] }
  | { any: Cond[] };

const CondSchema: z.ZodType<Cond> = z.lazy(() =>
  z.union([
    z.object({ has: Name }).strict(),
    z.object({ count: Name, op: CompareOpSchema, n: z.number().int().min(0) }).strict(),
    z.object({ near: z.tuple([Name, Name]), within: z.number().int().min(0).max(100) }).strict(),
    z
      .object({
        position: Name,
        where: z.enum(['hashtagCluster', 'afterChars']),
        chars: z.number().int().min(0).optional(),
      })
      .strict(),
    z
      .object({
        metric: MetricSchema,
        op: CompareOpSchema,
        value: z.number(),
        minLetters: z.number().int().min(0).optional(),
        /** Compare with this limit of the check context when it has one (the member's own), else with `value`. */
        valueFrom: z.enum(CONTEXT_LIMITS).optional(),
      })
      .strict(),
    z.object({ calendar: Name }).strict(),
    z.object({ network: z.array(NetworkSchema).min(1) }).strict(),
    z.object({ postKind: z.array(PostKindSchema).min(1) }).strict(),
    z.object({ not: CondSchema }).strict(),
    z.object({ all: z.array(CondSchema).min(1).max(20) }).strict(),
    z.object({ any: z.array(CondSchema).min(1).max(20) }).strict(),
  ]),
);

const FixSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('replace'),
      /** A replacement, or a swap map keyed by the normalised match (lower case). */
      with: z.union([z.string().max(500), z.record(z.string().min(1).max(200), z.string().max(500))]),
      label: z.string().max(200).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('insert'),
      at: z.enum(['start', 'end', 'afterFirstSentence']),
      text: z.string().min(1).max(500),
      label: z.string().max(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('remove'), label: z.string().max(200).optional() }).strict(),
  z.object({ kind: z.literal('mask'), label: z.string().max(200).optional() }).strict(),
  z.object({ kind: z.literal('moveToStart'), label: z.string().max(200).optional() }).strict(),
  z
    .object({
      kind: z.literal('appendUtm'),
      params: z.record(z.string().regex(/^[a-z0-9_]{1,64}$/), z.string().min(1).max(200)),
      label: z.string().max(200).optional(),
    })
    .strict(),
]);
export type Fix = z.infer<typeof FixSchema>;

const RuleTestSchema = z
  .object({
    text: z.string().max(20_000),
    expect: z.enum(['hit', 'miss']),
    network: NetworkSchema.optional(),
    postKind: PostKindSchema.optional(),
    businessUnit: z.string().optional(),
    /** ISO date-time for calendar rules. */
    now: z.string().optional(),
    note: z.string().max(300).optional(),
  })
  .strict();

const CATEGORIES = [
  'disclosure',
  'spokesperson',
  'securities',
  'regulated-finance',
  'privacy',
  'healthcare',
  'confidential',
  'legal',
  'security',
  'competitors',
  'claims',
  'conduct',
  'tone',
  'brand',
  'links',
  'format',
] as const;

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[A-Z][A-Z0-9]*-[0-9]{3}$/, 'rule ids look like "ABC-001"'),
    title: z.string().min(1).max(80),
    category: z.enum(CATEGORIES),
    severity: SeveritySchema,
    scope: z
      .object({
        networks: z.array(NetworkSchema).min(1).optional(),
        postKinds: z.array(PostKindSchema).min(1).optional(),
        businessUnits: z.array(z.string().min(1).max(100)).min(1).optional(),
      })
      .strict()
      .default({}),
    normalize: NormalizeSchema.default({ leet: false, confusables: false, stripMarks: false }),
    matchers: z.record(Name, MatcherSchema).default({}),
    when: CondSchema,
    unless: CondSchema.optional(),
    /** Raise the severity when a condition holds (e.g. inside a quiet period). Never lowers it. */
    escalate: z
      .array(z.object({ when: CondSchema, severity: SeveritySchema }).strict())
      .max(5)
      .default([]),
    /** Which matcher's hits become findings (default: the first matcher the trigger mentions). */
    report: Name.optional(),
    /** "all" hits, or only the "first" one. */
    highlight: z.enum(['all', 'first']).default('all'),
    /** Silence the rule when the text is about the author's own pay, hours, conditions or collective action.
     * Default: on for every rule except format ones (length limits are not about what is said). */
    protectedActivityGuard: z.boolean().optional(),
    /** Placeholders: {match} {company} {count} {value} {limit} {network} {disclosureTag}. Plain text only. */
    message: z.string().min(1).max(240),
    rationale: z.string().min(1).max(1000),
    source: z.object({ label: z.string().min(1).max(300), url: z.string().url().max(2000).optional() }).strict(),
    fixes: z.array(FixSchema).max(5).default([]),
    /** Examples the rule must get right (at least one hit and one miss: `validatePack`). Members' devices get the
     * rules without them (`packForMember`): examples may quote what the rule guards. */
    tests: z.array(RuleTestSchema).max(50).default([]),
  })
  .strict();
export type Rule = z.infer<typeof RuleSchema>;

const CalendarWindowSchema = z
  .object({
    /** "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm", in the pack's time zone; end dates are inclusive. */
    start: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/),
    end: z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/),
    label: z.string().max(200).optional(),
  })
  .strict();

const SettingsSchema = z
  .object({
    /** IANA zone for calendar windows; default UTC. */
    timeZone: z.string().max(100).optional(),
    /** The extension asks for a confirmation before posting when a critical finding is open. */
    confirmBeforePosting: z.boolean().default(false),
    /** Shown in fixes as {disclosureTag}; default "#{first company name}Employee". */
    disclosureTag: z.string().max(100).optional(),
    /** Where the organisation's people work (ISO 3166 codes): phone numbers in these countries' national formats
     * are recognised as well as international ones. */
    countries: z
      .array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as "DE"'))
      .max(60)
      .optional(),
  })
  .strict();

export const PolicyPackSchema = z
  .object({
    id: Name,
    version: z.string().min(1).max(100),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    settings: SettingsSchema.default({ confirmBeforePosting: false }),
    dictionaries: z.record(Name, DictionarySchema).default({}),
    calendars: z.record(Name, z.array(CalendarWindowSchema).max(500)).default({}),
    rules: z.array(RuleSchema).max(500),
  })
  .strict();
export type PolicyPack = z.infer<typeof PolicyPackSchema>;

/** A business-unit overlay: adds rules and dictionary entries, tightens severities; never weakens. */
export const OverlaySchema = z
  .object({
    id: Name,
    version: z.string().min(1).max(100),
    name: z.string().max(200).optional(),
    /** Rules added by this overlay only apply to this unit (and its children, if the caller chains overlays). */
    businessUnit: z.string().min(1).max(100).optional(),
    dictionaries: z
      .record(Name, z.object({ entries: z.array(PhraseSchema).max(100_000), secret: z.boolean().optional() }).strict())
      .default({}),
    calendars: z.record(Name, z.array(CalendarWindowSchema).max(500)).default({}),
    rules: z.array(RuleSchema).max(500).default([]),
    tighten: z
      .array(z.object({ ruleId: z.string().min(1), severity: SeveritySchema }).strict())
      .max(500)
      .default([]),
    settings: z
      .object({ confirmBeforePosting: z.literal(true).optional() })
      .strict()
      .default({}),
  })
  .strict();
export type Overlay = z.infer<typeof OverlaySchema>;
