CREATE TABLE "row_counts" (
	"table_name" text PRIMARY KEY NOT NULL,
	"total" bigint NOT NULL
);
--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk insert (the seed, an import)
-- updates the count once, not once per row. The counter row is locked until the writing
-- transaction commits, so concurrent track inserts queue briefly on it; reads never wait.
INSERT INTO "row_counts" ("table_name", "total") SELECT 'tracks', count(*) FROM "tracks";
--> statement-breakpoint
CREATE FUNCTION "count_inserted_tracks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "row_counts" SET "total" = "total" + (SELECT count(*) FROM inserted) WHERE "table_name" = 'tracks';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "count_deleted_tracks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "row_counts" SET "total" = "total" - (SELECT count(*) FROM deleted) WHERE "table_name" = 'tracks';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "count_truncated_tracks"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "row_counts" SET "total" = 0 WHERE "table_name" = 'tracks';
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "tracks_count_insert" AFTER INSERT ON "tracks" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "count_inserted_tracks"();
--> statement-breakpoint
CREATE TRIGGER "tracks_count_delete" AFTER DELETE ON "tracks" REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "count_deleted_tracks"();
--> statement-breakpoint
CREATE TRIGGER "tracks_count_truncate" AFTER TRUNCATE ON "tracks" FOR EACH STATEMENT EXECUTE FUNCTION "count_truncated_tracks"();
