ALTER TABLE "albums" ADD CONSTRAINT "albums_name_length" CHECK (char_length("albums"."name") <= 255);--> statement-breakpoint
ALTER TABLE "albums" ADD CONSTRAINT "albums_description_length" CHECK (char_length("albums"."description") <= 5000);--> statement-breakpoint
ALTER TABLE "albums" ADD CONSTRAINT "albums_image_length" CHECK (char_length("albums"."image") <= 2048);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_title_length" CHECK (char_length("artist_credits"."title") <= 255);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_album_name_length" CHECK (char_length("artist_credits"."album_name") <= 255);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_release_date_length" CHECK (char_length("artist_credits"."release_date") <= 10);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_image_length" CHECK (char_length("artist_credits"."image") <= 2048);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_spotify_track_id_length" CHECK (char_length("artist_credits"."spotify_track_id") <= 22);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_spotify_album_id_length" CHECK (char_length("artist_credits"."spotify_album_id") <= 22);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_spotify_url_length" CHECK (char_length("artist_credits"."spotify_url") <= 2048);--> statement-breakpoint
ALTER TABLE "artist_credits" ADD CONSTRAINT "artist_credits_release_artists_count" CHECK (jsonb_array_length("artist_credits"."release_artists") <= 20);--> statement-breakpoint
ALTER TABLE "artists" ADD CONSTRAINT "artists_name_length" CHECK (char_length("artists"."name") <= 255);--> statement-breakpoint
ALTER TABLE "artists" ADD CONSTRAINT "artists_image_small_length" CHECK (char_length("artists"."image_small") <= 2048);--> statement-breakpoint
ALTER TABLE "artists" ADD CONSTRAINT "artists_bio_length" CHECK (char_length("artists"."bio") <= 5000);--> statement-breakpoint
ALTER TABLE "artists" ADD CONSTRAINT "artists_website_length" CHECK (char_length("artists"."website") <= 2048);--> statement-breakpoint
ALTER TABLE "developer_tokens" ADD CONSTRAINT "developer_tokens_name_length" CHECK (char_length("developer_tokens"."name") <= 100);--> statement-breakpoint
ALTER TABLE "file_entries" ADD CONSTRAINT "file_entries_original_name_length" CHECK (char_length("file_entries"."original_name") <= 255);--> statement-breakpoint
ALTER TABLE "genres" ADD CONSTRAINT "genres_name_length" CHECK (char_length("genres"."name") <= 100);--> statement-breakpoint
ALTER TABLE "genres" ADD CONSTRAINT "genres_display_name_length" CHECK (char_length("genres"."display_name") <= 100);--> statement-breakpoint
ALTER TABLE "lyrics" ADD CONSTRAINT "lyrics_text_length" CHECK (char_length("lyrics"."text") <= 20000);--> statement-breakpoint
ALTER TABLE "playlists" ADD CONSTRAINT "playlists_name_length" CHECK (char_length("playlists"."name") <= 250);--> statement-breakpoint
ALTER TABLE "playlists" ADD CONSTRAINT "playlists_description_length" CHECK (char_length("playlists"."description") <= 170);--> statement-breakpoint
ALTER TABLE "playlists" ADD CONSTRAINT "playlists_image_length" CHECK (char_length("playlists"."image") <= 2048);--> statement-breakpoint
ALTER TABLE "plays" ADD CONSTRAINT "plays_listened_ms_range" CHECK ("plays"."listened_ms" between 0 and 86400000);--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_name_length" CHECK (char_length("tags"."name") <= 100);--> statement-breakpoint
ALTER TABLE "track_comments" ADD CONSTRAINT "track_comments_content_length" CHECK (char_length("track_comments"."content") <= 1000);--> statement-breakpoint
ALTER TABLE "track_comments" ADD CONSTRAINT "track_comments_position_range" CHECK ("track_comments"."position" between 0 and 2147483);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_name_length" CHECK (char_length("tracks"."name") <= 255);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_image_length" CHECK (char_length("tracks"."image") <= 2048);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_description_length" CHECK (char_length("tracks"."description") <= 5000);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_key_length" CHECK (char_length("tracks"."key") <= 10);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_scale_length" CHECK (char_length("tracks"."scale") <= 20);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_exclusive_contact_email_length" CHECK (char_length("tracks"."exclusive_contact_email") <= 255);--> statement-breakpoint
ALTER TABLE "tracks" ADD CONSTRAINT "tracks_bpm_range" CHECK ("tracks"."bpm" between 60 and 200);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_length" CHECK (char_length("users"."email") <= 255);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_username_length" CHECK (char_length("users"."username") <= 31);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_display_name_length" CHECK (char_length("users"."display_name") <= 255);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_avatar_length" CHECK (char_length("users"."avatar") <= 2048);