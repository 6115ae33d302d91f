CREATE TABLE "site_packs" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"pack" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "site_packs" ADD CONSTRAINT "site_packs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;