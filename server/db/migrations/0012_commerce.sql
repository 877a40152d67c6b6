CREATE TABLE "coupons" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"user_id" integer,
	"product_ids" jsonb,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_type" CHECK ("coupons"."type" in ('percentage', 'fixed')),
	CONSTRAINT "coupons_amount" CHECK (("coupons"."type" = 'percentage' and "coupons"."amount" between 1 and 100) or ("coupons"."type" = 'fixed' and "coupons"."amount" between 1 and 100000000)),
	CONSTRAINT "coupons_code_length" CHECK (char_length("coupons"."code") <= 50),
	CONSTRAINT "coupons_currency_length" CHECK (char_length("coupons"."currency") <= 3)
);
--> statement-breakpoint
CREATE TABLE "exclusive_license_presets" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"is_default" boolean DEFAULT false NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exclusive_license_presets_name_length" CHECK (char_length("exclusive_license_presets"."name") <= 100),
	CONSTRAINT "exclusive_license_presets_description_length" CHECK (char_length("exclusive_license_presets"."description") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "licenses" (
	"id" serial PRIMARY KEY NOT NULL,
	"uuid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"track_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"purchase_id" integer,
	"license_type" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"terms" jsonb NOT NULL,
	"integrity_hash" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"revoked_by" integer,
	CONSTRAINT "licenses_license_type" CHECK ("licenses"."license_type" in ('non_exclusive', 'exclusive')),
	CONSTRAINT "licenses_status" CHECK ("licenses"."status" in ('active', 'revoked')),
	CONSTRAINT "licenses_revoked_reason_length" CHECK (char_length("licenses"."revoked_reason") <= 500),
	CONSTRAINT "licenses_integrity_hash_length" CHECK (char_length("licenses"."integrity_hash") <= 64)
);
--> statement-breakpoint
CREATE TABLE "local_payment_intents" (
	"id" text PRIMARY KEY NOT NULL,
	"client_secret" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"destination" text,
	"application_fee" integer DEFAULT 0 NOT NULL,
	"charge_id" text,
	"amount_refunded" integer DEFAULT 0 NOT NULL,
	"last_payment_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_accounts" (
	"artist_id" integer PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"country" text NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"requirements_due" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_accounts_account_id_length" CHECK (char_length("payout_accounts"."account_id") <= 255),
	CONSTRAINT "payout_accounts_country_length" CHECK (char_length("payout_accounts"."country") <= 2)
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"artist_id" integer NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"failure_message" text,
	"arrival_date" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_webhook_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchases" (
	"id" serial PRIMARY KEY NOT NULL,
	"buyer_id" integer NOT NULL,
	"track_id" integer NOT NULL,
	"artist_id" integer NOT NULL,
	"license_type" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"currency" text NOT NULL,
	"track_price_minor" integer NOT NULL,
	"platform_fee_minor" integer NOT NULL,
	"platform_fee_rate_bps" integer NOT NULL,
	"platform_fee_flat_minor" integer NOT NULL,
	"platform_fee_waived" boolean DEFAULT false NOT NULL,
	"platform_fee_plan_id" text,
	"total_minor" integer NOT NULL,
	"artist_amount_minor" integer NOT NULL,
	"refunded_minor" integer DEFAULT 0 NOT NULL,
	"payment_intent_id" text,
	"failure_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	CONSTRAINT "purchases_license_type" CHECK ("purchases"."license_type" in ('non_exclusive', 'exclusive')),
	CONSTRAINT "purchases_status" CHECK ("purchases"."status" in ('pending', 'succeeded', 'failed', 'refunded')),
	CONSTRAINT "purchases_amounts" CHECK ("purchases"."track_price_minor" >= 0 and "purchases"."platform_fee_minor" >= 0 and "purchases"."artist_amount_minor" >= 0 and "purchases"."total_minor" = "purchases"."platform_fee_minor" + "purchases"."artist_amount_minor" and "purchases"."refunded_minor" between 0 and "purchases"."total_minor"),
	CONSTRAINT "purchases_currency_length" CHECK (char_length("purchases"."currency") <= 3),
	CONSTRAINT "purchases_payment_intent_id_length" CHECK (char_length("purchases"."payment_intent_id") <= 255),
	CONSTRAINT "purchases_failure_message_length" CHECK (char_length("purchases"."failure_message") <= 500),
	CONSTRAINT "purchases_platform_fee_plan_id_length" CHECK (char_length("purchases"."platform_fee_plan_id") <= 50)
);
--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "exclusive_license_default" jsonb;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "exclusive_license_preset_id" integer;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exclusive_license_presets" ADD CONSTRAINT "exclusive_license_presets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_purchase_id_purchases_id_fk" FOREIGN KEY ("purchase_id") REFERENCES "public"."purchases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licenses" ADD CONSTRAINT "licenses_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchases" ADD CONSTRAINT "purchases_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_code_unique" ON "coupons" USING btree ("code");--> statement-breakpoint
CREATE INDEX "exclusive_license_presets_user_idx" ON "exclusive_license_presets" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "exclusive_license_presets_one_default" ON "exclusive_license_presets" USING btree ("user_id") WHERE "exclusive_license_presets"."is_default";--> statement-breakpoint
CREATE UNIQUE INDEX "licenses_uuid_unique" ON "licenses" USING btree ("uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "licenses_purchase_unique" ON "licenses" USING btree ("purchase_id");--> statement-breakpoint
CREATE INDEX "licenses_user_track_idx" ON "licenses" USING btree ("user_id","track_id");--> statement-breakpoint
CREATE INDEX "licenses_track_idx" ON "licenses" USING btree ("track_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_account_unique" ON "payout_accounts" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "payouts_artist_created_idx" ON "payouts" USING btree ("artist_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_payment_intent_unique" ON "purchases" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "purchases_buyer_created_idx" ON "purchases" USING btree ("buyer_id","created_at","id");--> statement-breakpoint
CREATE INDEX "purchases_artist_created_idx" ON "purchases" USING btree ("artist_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_buyer_track_open_unique" ON "purchases" USING btree ("buyer_id","track_id","license_type") WHERE "purchases"."status" in ('pending', 'succeeded');--> statement-breakpoint
CREATE UNIQUE INDEX "purchases_exclusive_sold_unique" ON "purchases" USING btree ("track_id") WHERE "purchases"."license_type" = 'exclusive' and "purchases"."status" = 'succeeded';--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_exclusive_license_preset_id_exclusive_license_presets_id_fk" FOREIGN KEY ("exclusive_license_preset_id") REFERENCES "public"."exclusive_license_presets"("id") ON DELETE restrict ON UPDATE no action;