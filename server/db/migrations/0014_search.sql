-- Trigram operators and GIN opclass (PGlite loads the extension in server/db/connection.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "tracks" drop column "search";--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED;--> statement-breakpoint
-- Dropping the column dropped its index; drizzle-kit does not see that.
CREATE INDEX "tracks_search_idx" ON "tracks" USING gin ("search");--> statement-breakpoint
ALTER TABLE "albums" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "artists" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(bio, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "playlists" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(name, '')), 'A') || setweight(to_tsvector('simple', coalesce(description, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', coalesce(display_name, '')), 'A') || setweight(to_tsvector('simple', coalesce(username, '')), 'A')) STORED;--> statement-breakpoint
CREATE INDEX "albums_search_idx" ON "albums" USING gin ("search");--> statement-breakpoint
CREATE INDEX "albums_name_trgm_idx" ON "albums" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "artists_search_idx" ON "artists" USING gin ("search");--> statement-breakpoint
CREATE INDEX "artists_name_trgm_idx" ON "artists" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "playlists_search_idx" ON "playlists" USING gin ("search");--> statement-breakpoint
CREATE INDEX "playlists_name_trgm_idx" ON "playlists" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tags_name_trgm_idx" ON "tags" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "track_genres_genre_idx" ON "track_genres" USING btree ("genre_id");--> statement-breakpoint
CREATE INDEX "track_tags_tag_idx" ON "track_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "tracks_name_trgm_idx" ON "tracks" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_search_idx" ON "users" USING gin ("search");--> statement-breakpoint
CREATE INDEX "users_display_name_trgm_idx" ON "users" USING gin ("display_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_username_trgm_idx" ON "users" USING gin ("username" gin_trgm_ops);