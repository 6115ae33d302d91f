CREATE TABLE "content_rollups" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"content_id" uuid NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "content_rollups_org_id_day_content_id_pk" PRIMARY KEY("org_id","day","content_id")
);
--> statement-breakpoint
CREATE TABLE "member_days" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"active" bit(366) NOT NULL,
	"shared" bit(366) NOT NULL,
	"shared_before" bit(366) NOT NULL,
	CONSTRAINT "member_days_org_id_year_member_id_pk" PRIMARY KEY("org_id","year","member_id")
);
--> statement-breakpoint
CREATE TABLE "rule_totals" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"rule_id" text NOT NULL,
	"triggered" integer DEFAULT 0 NOT NULL,
	"dismissed" integer DEFAULT 0 NOT NULL,
	"not_helpful" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rule_totals_org_id_day_rule_id_pk" PRIMARY KEY("org_id","day","rule_id")
);
--> statement-breakpoint
CREATE TABLE "unit_rollups" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"network" text NOT NULL,
	"shares" integer DEFAULT 0 NOT NULL,
	"clicks" integer DEFAULT 0 NOT NULL,
	"views" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "unit_rollups_org_id_day_business_unit_id_network_pk" PRIMARY KEY("org_id","day","business_unit_id","network")
);
--> statement-breakpoint
-- Backfill (hand-written): the roll-ups the CoE's Analytics reads, from what ingest kept so far, by the same rules
-- server/rollups.ts keeps them from now on (member_days' bit: its `dayBit`).
INSERT INTO "unit_rollups" ("org_id", "day", "business_unit_id", "network", "shares", "clicks", "views")
SELECT org_id, day, business_unit_id, network, sum(shares), sum(clicks), sum(views) FROM daily_rollups
 GROUP BY 1, 2, 3, 4
HAVING sum(shares) <> 0 OR sum(clicks) <> 0 OR sum(views) <> 0;--> statement-breakpoint
INSERT INTO "rule_totals" ("org_id", "day", "rule_id", "triggered", "dismissed", "not_helpful")
SELECT org_id, day, rule_id, sum(triggered), sum(dismissed), sum(not_helpful) FROM rule_rollups
 GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "content_rollups" ("org_id", "day", "content_id", "shares", "clicks")
SELECT org_id, day, content_id, sum(shares), sum(clicks)
  FROM (SELECT org_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, content_id, 1 AS shares, 0 AS clicks FROM shares
         WHERE content_id IS NOT NULL
        UNION ALL
        SELECT k.org_id, k.day, l.content_id, 0, 1 FROM clicks k JOIN links l ON l.code = k.code AND l.org_id = k.org_id
         WHERE NOT k.bot AND l.content_id IS NOT NULL) x
 GROUP BY 1, 2, 3;--> statement-breakpoint
INSERT INTO "member_days" ("org_id", "member_id", "year", "active", "shared", "shared_before")
SELECT org_id, member_id, year, bit_or(active), bit_or(shared), bit_or(shared_before)
  FROM (SELECT org_id, member_id, year,
               CASE WHEN events > 0 THEN set_bit(B'0'::bit(366), day - make_date(year, 1, 1), 1) ELSE B'0'::bit(366) END AS active,
               CASE WHEN shares > 0 THEN set_bit(B'0'::bit(366), day - make_date(year, 1, 1), 1) ELSE B'0'::bit(366) END AS shared,
               B'0'::bit(366) AS shared_before
          FROM (SELECT *, extract(year FROM day)::int AS year FROM daily_rollups WHERE events > 0 OR shares > 0) d
        UNION ALL
        SELECT org_id, member_id, year + 1, B'0'::bit(366), B'0'::bit(366),
               set_bit(B'0'::bit(366), day - make_date(year, 1, 1), 1)
          FROM (SELECT *, extract(year FROM day)::int AS year FROM daily_rollups WHERE shares > 0) d) y
 GROUP BY 1, 2, 3;
