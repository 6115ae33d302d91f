CREATE TABLE "member_identities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"issuer" text NOT NULL,
	"subject" text,
	"user_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sso_configs" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_env" text,
	"client_secret_sealed" text,
	"client_authentication" text DEFAULT 'client_secret_basic' NOT NULL,
	"scopes" jsonb NOT NULL,
	"user_name_claim" text NOT NULL,
	"display_name_claim" text NOT NULL,
	"groups_claim" text NOT NULL,
	"business_unit_claim" text,
	"business_unit_map" jsonb NOT NULL,
	"default_business_unit_id" uuid,
	"coe_group" text,
	"token_max_age_days" integer DEFAULT 30 NOT NULL,
	"invites_enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_logins" (
	"state_hash" text PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"pkce_verifier" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"client_challenge" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"handoff_hash" text,
	"identity_id" uuid,
	"idp_refresh_token" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "identity_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "idp_refresh_token" text;--> statement-breakpoint
ALTER TABLE "member_identities" ADD CONSTRAINT "member_identities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_identities" ADD CONSTRAINT "member_identities_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_configs" ADD CONSTRAINT "sso_configs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_configs" ADD CONSTRAINT "sso_configs_default_business_unit_id_business_units_id_fk" FOREIGN KEY ("default_business_unit_id") REFERENCES "public"."business_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_logins" ADD CONSTRAINT "sso_logins_identity_id_member_identities_id_fk" FOREIGN KEY ("identity_id") REFERENCES "public"."member_identities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "member_identities_member_idx" ON "member_identities" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "member_identities_subject_idx" ON "member_identities" USING btree ("org_id","issuer","subject");--> statement-breakpoint
CREATE INDEX "member_identities_user_name_idx" ON "member_identities" USING btree ("org_id","user_name");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_configs_slug_idx" ON "sso_configs" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_logins_handoff_idx" ON "sso_logins" USING btree ("handoff_hash");--> statement-breakpoint
CREATE INDEX "sso_logins_expires_idx" ON "sso_logins" USING btree ("expires_at");