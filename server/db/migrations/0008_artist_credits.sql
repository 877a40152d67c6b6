CREATE TABLE "artist_credits" (
	"id" serial PRIMARY KEY NOT NULL,
	"artist_id" integer NOT NULL,
	"title" text NOT NULL,
	"role" text NOT NULL,
	"release_artists" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"album_name" text,
	"release_date" text,
	"image" text,
	"spotify_track_id" text,
	"spotify_album_id" text,
	"spotify_url" text,
	"track_id" integer,
	"album_id" integer,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_artist_id_artists_id_fk" FOREIGN KEY ("artist_id") REFERENCES "public"."artists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "artist_credits_artist_position_idx" ON "artist_credits" USING btree ("artist_id","position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "artist_credits_spotify_track_unique" ON "artist_credits" USING btree ("artist_id","spotify_track_id","role") WHERE "artist_credits"."spotify_track_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "artist_credits_track_unique" ON "artist_credits" USING btree ("artist_id","track_id","role") WHERE "artist_credits"."track_id" is not null;