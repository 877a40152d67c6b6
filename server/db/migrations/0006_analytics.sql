CREATE TABLE "track_downloads" (
	"id" serial PRIMARY KEY NOT NULL,
	"track_id" integer NOT NULL,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "track_reposts" (
	"track_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "track_reposts_track_id_user_id_pk" PRIMARY KEY("track_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "device" text;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "browser" text;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "platform" text;--> statement-breakpoint
ALTER TABLE "plays" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "track_downloads" ADD CONSTRAINT "track_downloads_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_downloads" ADD CONSTRAINT "track_downloads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_reposts" ADD CONSTRAINT "track_reposts_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "track_reposts" ADD CONSTRAINT "track_reposts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "track_downloads_track_created_idx" ON "track_downloads" USING btree ("track_id","created_at");--> statement-breakpoint
CREATE INDEX "track_downloads_user_track_idx" ON "track_downloads" USING btree ("user_id","track_id","created_at");--> statement-breakpoint
CREATE INDEX "track_reposts_track_created_idx" ON "track_reposts" USING btree ("track_id","created_at");--> statement-breakpoint
CREATE INDEX "plays_track_created_idx" ON "plays" USING btree ("track_id","created_at");