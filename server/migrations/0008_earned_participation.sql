ALTER TABLE "content_items" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "clock_skew" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reach_posts" ADD COLUMN "counting_changed_at" timestamp with time zone;--> statement-breakpoint
-- Items already archived or deleted left the library when they were last changed, as near as is known.
UPDATE "content_items" SET "withdrawn_at" = coalesce("deleted_at", "updated_at")
 WHERE "status" = 'archived' OR "deleted_at" IS NOT NULL;--> statement-breakpoint
-- Backfill (hand-written): from now on only earned participation counts (server/rollups.ts): a share is a
-- post_published of an item, once per member, item, network and UTC day; a post of an item gains views once a share of
-- that item came at or before its first reading (an own post always). Recount the roll-ups so earlier periods compare.
DELETE FROM "shares" s USING "shares" t
 WHERE s.content_id IS NOT NULL AND t.org_id = s.org_id AND t.member_id = s.member_id AND t.content_id = s.content_id
   AND t.network = s.network AND (t.occurred_at AT TIME ZONE 'UTC')::date = (s.occurred_at AT TIME ZONE 'UTC')::date
   AND (t.occurred_at, t.client_event_id) < (s.occurred_at, s.client_event_id);--> statement-breakpoint
UPDATE "reach_posts" p SET
  "share_event_id" = (SELECT s.client_event_id FROM shares s
                       WHERE s.org_id = p.org_id AND s.member_id = p.member_id AND s.content_id = p.content_id
                         AND s.network = p.network AND s.occurred_at <= p.first_seen_at
                       ORDER BY s.occurred_at DESC LIMIT 1),
  "published_at" = coalesce((SELECT max(s.occurred_at) FROM shares s
                       WHERE s.org_id = p.org_id AND s.member_id = p.member_id AND s.content_id = p.content_id
                         AND s.network = p.network AND s.occurred_at <= p.first_seen_at), p.first_seen_at)
 WHERE p.content_id IS NOT NULL;--> statement-breakpoint
UPDATE "daily_rollups" r SET
  "views" = 0,
  "shares" = (SELECT count(*) FROM shares s
               WHERE s.org_id = r.org_id AND s.member_id = r.member_id AND s.network = r.network
                 AND s.content_id IS NOT NULL
                 AND s.occurred_at >= r.day::timestamp AT TIME ZONE 'UTC'
                 AND s.occurred_at < (r.day + 1)::timestamp AT TIME ZONE 'UTC');--> statement-breakpoint
UPDATE "daily_rollups" r SET "views" = g.views
  FROM (SELECT org_id, member_id, network, day, sum(gain) AS views
          FROM (SELECT c.org_id, c.member_id, c.network, c.day,
                       greatest(0, c.views - coalesce(lag(c.views) OVER (PARTITION BY c.org_id, c.member_id, c.network, c.post_ref ORDER BY c.day), 0)) AS gain
                  FROM reach_snapshots c
                  JOIN reach_posts p ON p.org_id = c.org_id AND p.member_id = c.member_id AND p.network = c.network
                                    AND p.post_ref = c.post_ref
                 WHERE p.content_id IS NULL OR p.share_event_id IS NOT NULL) s
         GROUP BY 1, 2, 3, 4) g
 WHERE r.org_id = g.org_id AND r.member_id = g.member_id AND r.network = g.network AND r.day = g.day;--> statement-breakpoint
DELETE FROM "member_months";--> statement-breakpoint
INSERT INTO "member_months" ("org_id", "member_id", "network", "month", "shares", "clicks", "views")
SELECT k.org_id, k.member_id, k.network, k.month, array_agg(coalesce(d.shares, 0) ORDER BY s.g),
       array_agg(coalesce(d.clicks, 0) ORDER BY s.g), array_agg(coalesce(d.views, 0) ORDER BY s.g)
  FROM (SELECT DISTINCT org_id, member_id, network, date_trunc('month', day::timestamp)::date AS month FROM daily_rollups
         WHERE shares > 0 OR clicks > 0 OR views <> 0) k
 CROSS JOIN generate_series(1, 31) AS s(g)
  LEFT JOIN daily_rollups d ON d.org_id = k.org_id AND d.member_id = k.member_id AND d.network = k.network
        AND date_trunc('month', d.day::timestamp)::date = k.month AND extract(day FROM d.day)::int = s.g
 GROUP BY 1, 2, 3, 4;
