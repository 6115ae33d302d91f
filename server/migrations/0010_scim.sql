CREATE TABLE "scim_secrets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "member_identities" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "scim_secrets" ADD CONSTRAINT "scim_secrets_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "scim_secrets_hash_idx" ON "scim_secrets" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "scim_secrets_org_idx" ON "scim_secrets" USING btree ("org_id");