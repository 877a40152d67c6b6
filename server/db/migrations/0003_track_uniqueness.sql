CREATE UNIQUE INDEX "tracks_name_unique" ON "tracks" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "tracks_file_entry_unique" ON "tracks" USING btree ("file_entry_id");