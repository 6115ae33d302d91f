CREATE TABLE "coverage_rollups" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"network" text NOT NULL,
	"surface" text NOT NULL,
	"kind" text NOT NULL,
	"site_pack" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "coverage_rollups_org_id_day_network_surface_kind_site_pack_pk" PRIMARY KEY("org_id","day","network","surface","kind","site_pack")
);
--> statement-breakpoint
-- Backfill (hand-written): the coverage roll-up is kept at ingest from now on; build it once from the events stored so far.
DELETE FROM "coverage_rollups";--> statement-breakpoint
INSERT INTO "coverage_rollups" ("org_id", "day", "network", "surface", "kind", "site_pack", "count")
SELECT org_id, (occurred_at AT TIME ZONE 'UTC')::date, network, props->>'surface', props->>'kind', props->>'sitePack',
       sum((props->>'count')::int)
  FROM events WHERE type = 'coverage'
 GROUP BY 1, 2, 3, 4, 5, 6;
