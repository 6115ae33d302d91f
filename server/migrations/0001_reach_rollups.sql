CREATE TABLE "member_months" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"network" text NOT NULL,
	"month" date NOT NULL,
	"shares" integer[] NOT NULL,
	"clicks" integer[] NOT NULL,
	"views" bigint[] NOT NULL,
	CONSTRAINT "member_months_org_id_member_id_network_month_pk" PRIMARY KEY("org_id","member_id","network","month")
);
--> statement-breakpoint
CREATE TABLE "reach_posts" (
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"network" text NOT NULL,
	"post_ref" text NOT NULL,
	"content_id" uuid,
	"link_code" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"views" bigint NOT NULL,
	"reactions" bigint,
	"comments" bigint,
	"reposts" bigint,
	"share_event_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reach_posts_org_id_member_id_network_post_ref_pk" PRIMARY KEY("org_id","member_id","network","post_ref")
);
--> statement-breakpoint
CREATE TABLE "shares" (
	"org_id" uuid NOT NULL,
	"client_event_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"network" text NOT NULL,
	"content_id" uuid,
	"link_code" text,
	"post_ref" text,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shares_org_id_client_event_id_pk" PRIMARY KEY("org_id","client_event_id")
);
--> statement-breakpoint
ALTER TABLE "links" ADD COLUMN "human_clicks" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "reach_posts_member_seen_idx" ON "reach_posts" USING btree ("org_id","member_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "reach_posts_share_idx" ON "reach_posts" USING btree ("org_id","share_event_id");--> statement-breakpoint
CREATE INDEX "shares_member_time_idx" ON "shares" USING btree ("org_id","member_id","occurred_at");--> statement-breakpoint
CREATE INDEX "shares_member_content_idx" ON "shares" USING btree ("org_id","member_id","content_id","network","occurred_at");--> statement-breakpoint
CREATE INDEX "daily_rollups_member_day_idx" ON "daily_rollups" USING btree ("org_id","member_id","day");--> statement-breakpoint
-- Backfill (hand-written): the roll-ups are now kept at ingest; build them once from the events and clicks stored so far.
UPDATE "links" SET "human_clicks" = (SELECT count(*) FROM "clicks" c WHERE c."code" = "links"."code" AND NOT c."bot");--> statement-breakpoint
DELETE FROM "daily_rollups";--> statement-breakpoint
INSERT INTO "daily_rollups" ("org_id", "day", "member_id", "business_unit_id", "network", "shares", "clicks", "views", "events")
SELECT org_id, day, member_id, (array_agg(bu))[1], network, sum(shares), sum(clicks), 0, sum(events)
  FROM (
    SELECT org_id, (occurred_at AT TIME ZONE 'UTC')::date AS day, member_id, business_unit_id AS bu, network,
           count(*) FILTER (WHERE type = 'post_published') AS shares, 0 AS clicks, count(*) AS events
      FROM events GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT c.org_id, c.day, l.member_id, m.business_unit_id, l.network, 0, count(*) FILTER (WHERE NOT c.bot), 0
      FROM clicks c JOIN links l ON l.code = c.code AND l.org_id = c.org_id JOIN members m ON m.id = l.member_id
     GROUP BY 1, 2, 3, 4, 5
  ) x
 GROUP BY org_id, day, member_id, network;--> statement-breakpoint
INSERT INTO "shares" ("org_id", "client_event_id", "member_id", "network", "content_id", "link_code", "post_ref", "occurred_at")
SELECT org_id, client_event_id, member_id, network, content_id, props->>'linkCode', props->>'postRef', occurred_at
  FROM events WHERE type = 'post_published';--> statement-breakpoint
DELETE FROM "reach_snapshots";--> statement-breakpoint
INSERT INTO "reach_snapshots" ("org_id", "member_id", "network", "post_ref", "day", "views", "reactions", "comments", "reposts", "captured_at")
SELECT DISTINCT ON (org_id, member_id, network, props->>'postRef', (occurred_at AT TIME ZONE 'UTC')::date)
       org_id, member_id, network, props->>'postRef', (occurred_at AT TIME ZONE 'UTC')::date, (props->>'views')::bigint,
       (props->>'reactions')::bigint, (props->>'comments')::bigint, (props->>'reposts')::bigint, occurred_at
  FROM events WHERE type = 'reach_snapshot'
 ORDER BY org_id, member_id, network, props->>'postRef', (occurred_at AT TIME ZONE 'UTC')::date, occurred_at DESC, seq DESC;--> statement-breakpoint
INSERT INTO "reach_posts" ("org_id", "member_id", "network", "post_ref", "content_id", "link_code", "first_seen_at", "last_seen_at", "views", "reactions", "comments", "reposts", "published_at")
SELECT org_id, member_id, network, props->>'postRef',
       (array_agg(content_id ORDER BY occurred_at) FILTER (WHERE content_id IS NOT NULL))[1],
       (array_agg(props->>'linkCode' ORDER BY occurred_at) FILTER (WHERE props ? 'linkCode'))[1],
       min(occurred_at), max(occurred_at),
       (array_agg((props->>'views')::bigint ORDER BY occurred_at DESC, seq DESC))[1],
       (array_agg((props->>'reactions')::bigint ORDER BY occurred_at DESC, seq DESC) FILTER (WHERE props ? 'reactions'))[1],
       (array_agg((props->>'comments')::bigint ORDER BY occurred_at DESC, seq DESC) FILTER (WHERE props ? 'comments'))[1],
       (array_agg((props->>'reposts')::bigint ORDER BY occurred_at DESC, seq DESC) FILTER (WHERE props ? 'reposts'))[1],
       min(occurred_at)
  FROM events WHERE type = 'reach_snapshot'
 GROUP BY org_id, member_id, network, props->>'postRef';--> statement-breakpoint
UPDATE "reach_posts" p SET
  "share_event_id" = (SELECT s.client_event_id FROM shares s
                       WHERE s.org_id = p.org_id AND s.member_id = p.member_id AND s.content_id = p.content_id
                         AND s.network = p.network AND s.occurred_at <= p.first_seen_at
                       ORDER BY s.occurred_at DESC LIMIT 1),
  "published_at" = coalesce((SELECT max(s.occurred_at) FROM shares s
                       WHERE s.org_id = p.org_id AND s.member_id = p.member_id AND s.content_id = p.content_id
                         AND s.network = p.network AND s.occurred_at <= p.first_seen_at), p.first_seen_at)
 WHERE p.content_id IS NOT NULL;--> statement-breakpoint
UPDATE "daily_rollups" r SET "views" = g.views
  FROM (SELECT org_id, member_id, network, day, sum(gain) AS views
          FROM (SELECT org_id, member_id, network, day,
                       greatest(0, views - coalesce(lag(views) OVER (PARTITION BY org_id, member_id, network, post_ref ORDER BY day), 0)) AS gain
                  FROM reach_snapshots) s
         GROUP BY 1, 2, 3, 4) g
 WHERE r.org_id = g.org_id AND r.member_id = g.member_id AND r.network = g.network AND r.day = g.day;--> statement-breakpoint
INSERT INTO "member_months" ("org_id", "member_id", "network", "month", "shares", "clicks", "views")
SELECT k.org_id, k.member_id, k.network, k.month, array_agg(coalesce(d.shares, 0) ORDER BY s.g),
       array_agg(coalesce(d.clicks, 0) ORDER BY s.g), array_agg(coalesce(d.views, 0) ORDER BY s.g)
  FROM (SELECT DISTINCT org_id, member_id, network, date_trunc('month', day::timestamp)::date AS month FROM daily_rollups
         WHERE shares > 0 OR clicks > 0 OR views <> 0) k
 CROSS JOIN generate_series(1, 31) AS s(g)
  LEFT JOIN daily_rollups d ON d.org_id = k.org_id AND d.member_id = k.member_id AND d.network = k.network
        AND date_trunc('month', d.day::timestamp)::date = k.month AND extract(day FROM d.day)::int = s.g
 GROUP BY 1, 2, 3, 4;
