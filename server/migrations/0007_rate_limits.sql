-- Unlogged (written by hand; Drizzle has no word for it): a bucket is rewritten on every request it limits, and
-- losing the buckets in a crash or a failover only fills them up again, so they are not worth a WAL flush each.
CREATE UNLOGGED TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"full_at" timestamp with time zone NOT NULL
);
