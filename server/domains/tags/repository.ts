// Genres and tags addressed by name, and the tracks filed under them.
import { asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { genres, tags, trackGenres, tracks, trackTags } from '../../db/schema.js';
import type { PageRequest, ProbeRequest } from '../../http/pagination.js';

type GenreRow = typeof genres.$inferSelect;
type TagRow = typeof tags.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;

const newestFirst = [desc(tracks.createdAt), desc(tracks.id)];

export async function findGenreByName(db: Db, name: string): Promise<GenreRow | undefined> {
  const [row] = await db.select().from(genres).where(sql`lower(${genres.name}) = lower(${name})`).orderBy(asc(genres.id)).limit(1);
  return row;
}

export async function findTagByName(db: Db, name: string): Promise<TagRow | undefined> {
  const [row] = await db.select().from(tags).where(sql`lower(${tags.name}) = lower(${name})`).orderBy(asc(tags.id)).limit(1);
  return row;
}

export async function listGenreTracks(db: Db, genreId: number, page: PageRequest): Promise<{ rows: TrackRow[]; total: number }> {
  const filed = db.select({ id: trackGenres.trackId }).from(trackGenres).where(eq(trackGenres.genreId, genreId));
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(tracks)
      .where(inArray(tracks.id, filed))
      .orderBy(...newestFirst)
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(trackGenres).where(eq(trackGenres.genreId, genreId)),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** One page of tagged tracks and one more, to tell whether a next page exists. */
export async function listTagTracks(db: Db, tagId: number, page: ProbeRequest): Promise<TrackRow[]> {
  const tagged = db.select({ id: trackTags.trackId }).from(trackTags).where(eq(trackTags.tagId, tagId));
  return db
    .select()
    .from(tracks)
    .where(inArray(tracks.id, tagged))
    .orderBy(...newestFirst)
    .limit(page.probeSize)
    .offset(page.offset);
}
