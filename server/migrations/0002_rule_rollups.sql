CREATE TABLE "rule_rollups" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"business_unit_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"triggered" integer DEFAULT 0 NOT NULL,
	"dismissed" integer DEFAULT 0 NOT NULL,
	"not_helpful" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rule_rollups_org_id_day_business_unit_id_rule_id_pk" PRIMARY KEY("org_id","day","business_unit_id","rule_id")
);
--> statement-breakpoint
-- Backfill (hand-written): the rule roll-up is kept at ingest from now on; build it once from the events stored so far.
DELETE FROM "rule_rollups";--> statement-breakpoint
INSERT INTO "rule_rollups" ("org_id", "day", "business_unit_id", "rule_id", "triggered", "dismissed", "not_helpful")
SELECT org_id, (occurred_at AT TIME ZONE 'UTC')::date, business_unit_id, props->>'ruleId',
       coalesce(sum((props->>'count')::int) FILTER (WHERE type = 'rule_triggered'), 0),
       coalesce(sum((props->>'dismissed')::int) FILTER (WHERE type = 'rule_triggered'), 0),
       count(*) FILTER (WHERE type = 'guideline_feedback')
  FROM events WHERE type IN ('rule_triggered', 'guideline_feedback')
 GROUP BY 1, 2, 3, 4;
