// Who may change catalog content. A user manages the artist profiles linked to their
// account; a track's or album's owner, and the managers of its credited artists
// (collaborators), may edit or delete it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { albumArtists, albums, artists, trackArtists, tracks } from '../../db/schema.js';

/** The artist profile the user manages (one per account at most; migration 0005). */
export async function findManagedArtist(db: Db, userId: number): Promise<typeof artists.$inferSelect | undefined> {
  const [row] = await db.select().from(artists).where(eq(artists.userId, userId)).limit(1);
  return row;
}

export async function managedArtistIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.select({ id: artists.id }).from(artists).where(eq(artists.userId, userId));
  return rows.map((r) => r.id);
}

/** The subset of `trackIds` the user may edit. */
export async function editableTrackIds(db: Db, userId: number, trackIds: number[]): Promise<Set<number>> {
  if (trackIds.length === 0) return new Set();
  const [owned, credited] = await Promise.all([
    db
      .select({ id: tracks.id })
      .from(tracks)
      .where(and(inArray(tracks.id, trackIds), eq(tracks.ownerId, userId))),
    db
      .select({ id: trackArtists.trackId })
      .from(trackArtists)
      .innerJoin(artists, eq(artists.id, trackArtists.artistId))
      .where(and(inArray(trackArtists.trackId, trackIds), eq(artists.userId, userId))),
  ]);
  return new Set([...owned, ...credited].map((r) => r.id));
}

/** The subset of `albumIds` the user may edit. */
export async function editableAlbumIds(db: Db, userId: number, albumIds: number[]): Promise<Set<number>> {
  if (albumIds.length === 0) return new Set();
  const [owned, credited] = await Promise.all([
    db
      .select({ id: albums.id })
      .from(albums)
      .where(and(inArray(albums.id, albumIds), eq(albums.ownerId, userId))),
    db
      .select({ id: albumArtists.albumId })
      .from(albumArtists)
      .innerJoin(artists, eq(artists.id, albumArtists.artistId))
      .where(and(inArray(albumArtists.albumId, albumIds), eq(artists.userId, userId))),
  ]);
  return new Set([...owned, ...credited].map((r) => r.id));
}

/** Parses a validated comma-separated id list (`"3,5,8"`), dropping duplicates. */
export function parseIdList(value: string): number[] {
  return [...new Set(value.split(',').map(Number))];
}
