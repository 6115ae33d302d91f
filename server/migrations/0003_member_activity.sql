CREATE TABLE "member_activity" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"last_event_at" timestamp with time zone NOT NULL,
	CONSTRAINT "member_activity_org_id_member_id_pk" PRIMARY KEY("org_id","member_id")
);
--> statement-breakpoint
-- Backfill (hand-written): the last activity is kept at ingest from now on; build it once from the events stored so far.
DELETE FROM "member_activity";--> statement-breakpoint
INSERT INTO "member_activity" ("org_id", "member_id", "last_event_at")
SELECT org_id, member_id, max(occurred_at) FROM events GROUP BY 1, 2;
