// Artist profiles: lists with their counts (one grouped query per count), writes, the
// artist's tracks and followers, and the pinned track.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { artistFollowers, artists, trackArtists, tracks, users } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';

export type ArtistRow = typeof artists.$inferSelect;
type TrackRow = typeof tracks.$inferSelect;
type UserRow = typeof users.$inferSelect;

export interface ArtistSummary {
  artist: ArtistRow;
  followersCount: number;
  plays: number;
  following: boolean;
}

export async function listArtists(db: Db, page: PageRequest): Promise<{ rows: ArtistRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(artists)
      .orderBy(asc(sql`lower(${artists.name})`), asc(artists.id))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(artists),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Follower counts, plays and the viewer's follow for each artist, keeping the order. */
export async function loadArtistSummaries(db: Db, rows: ArtistRow[], viewerId: number): Promise<ArtistSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((a) => a.id);
  const [followerRows, playRows, followingRows] = await Promise.all([
    db
      .select({ artistId: artistFollowers.artistId, n: count() })
      .from(artistFollowers)
      .where(inArray(artistFollowers.artistId, ids))
      .groupBy(artistFollowers.artistId),
    db
      .select({ artistId: trackArtists.artistId, n: sql<number>`coalesce(sum(${tracks.plays}), 0)::float8` })
      .from(trackArtists)
      .innerJoin(tracks, eq(tracks.id, trackArtists.trackId))
      .where(inArray(trackArtists.artistId, ids))
      .groupBy(trackArtists.artistId),
    db
      .select({ artistId: artistFollowers.artistId })
      .from(artistFollowers)
      .where(and(inArray(artistFollowers.artistId, ids), eq(artistFollowers.userId, viewerId))),
  ]);
  const followers = new Map(followerRows.map((r) => [r.artistId, r.n]));
  const plays = new Map(playRows.map((r) => [r.artistId, r.n]));
  const following = new Set(followingRows.map((r) => r.artistId));
  return rows.map((artist) => ({
    artist,
    followersCount: followers.get(artist.id) ?? 0,
    plays: plays.get(artist.id) ?? 0,
    following: following.has(artist.id),
  }));
}

export interface ArtistFields {
  name?: string;
  bio?: string | null;
  imageSmall?: string | null;
  website?: string | null;
}

export async function insertArtist(db: Db, userId: number, fields: ArtistFields & { name: string }): Promise<ArtistRow> {
  const [row] = await db
    .insert(artists)
    .values({ ...fields, userId })
    .returning();
  return row!;
}

export async function updateArtist(db: Db, id: number, fields: ArtistFields): Promise<ArtistRow> {
  const [row] = await db.update(artists).set(fields).where(eq(artists.id, id)).returning();
  return row!;
}

export async function artistOwners(db: Db, ids: number[]): Promise<Map<number, number | null>> {
  const rows = await db.select({ id: artists.id, userId: artists.userId }).from(artists).where(inArray(artists.id, ids));
  return new Map(rows.map((r) => [r.id, r.userId]));
}

/** Deletes the artists; their credits go with them (cascade), their tracks and albums stay. */
export async function deleteArtists(db: Db, ids: number[]): Promise<void> {
  await db.delete(artists).where(inArray(artists.id, ids));
}

export async function listArtistTracks(db: Db, artistId: number, page: PageRequest): Promise<{ rows: TrackRow[]; total: number }> {
  const credited = db.select({ id: trackArtists.trackId }).from(trackArtists).where(eq(trackArtists.artistId, artistId));
  const [rows, [totals]] = await Promise.all([
    db.select().from(tracks).where(inArray(tracks.id, credited)).orderBy(desc(tracks.createdAt), desc(tracks.id)).limit(page.perPage).offset(page.offset),
    db.select({ total: count() }).from(trackArtists).where(eq(trackArtists.artistId, artistId)),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

export async function listArtistFollowers(db: Db, artistId: number, page: PageRequest): Promise<{ rows: UserRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select({ user: users })
      .from(artistFollowers)
      .innerJoin(users, eq(users.id, artistFollowers.userId))
      .where(eq(artistFollowers.artistId, artistId))
      .orderBy(desc(artistFollowers.createdAt), desc(artistFollowers.userId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(artistFollowers).where(eq(artistFollowers.artistId, artistId)),
  ]);
  return { rows: rows.map((r) => r.user), total: totals?.total ?? 0 };
}

export async function isTrackCredited(db: Db, artistId: number, trackId: number): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(trackArtists)
    .where(and(eq(trackArtists.artistId, artistId), eq(trackArtists.trackId, trackId)));
  return (row?.n ?? 0) > 0;
}

export async function setPinnedTrack(db: Db, artistId: number, trackId: number): Promise<void> {
  await db.update(artists).set({ pinnedTrackId: trackId }).where(eq(artists.id, artistId));
}

/** Clears the pin only if it is this track. */
export async function clearPinnedTrack(db: Db, artistId: number, trackId: number): Promise<void> {
  await db
    .update(artists)
    .set({ pinnedTrackId: null })
    .where(and(eq(artists.id, artistId), eq(artists.pinnedTrackId, trackId)));
}

/** The pinned track, if it still exists and is still credited to the artist. */
export async function findPinnedTrack(db: Db, artist: ArtistRow): Promise<TrackRow | undefined> {
  if (artist.pinnedTrackId === null) return undefined;
  const [row] = await db
    .select({ track: tracks })
    .from(tracks)
    .innerJoin(trackArtists, and(eq(trackArtists.trackId, tracks.id), eq(trackArtists.artistId, artist.id)))
    .where(eq(tracks.id, artist.pinnedTrackId))
    .limit(1);
  return row?.track;
}
