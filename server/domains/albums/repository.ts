// Albums: reads (one page of ids first, then relations in one query per relation) and
// writes. An album's genres and tags are those of its tracks; its plays, their sum.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { albumArtists, albums, artists, tracks, trackTags } from '../../db/schema.js';
import type { PageRequest, ProbeRequest } from '../../http/pagination.js';
import { loadTrackDetails, type TrackDetails } from '../catalog/repository.js';

export type AlbumRow = typeof albums.$inferSelect;
type ArtistRow = typeof artists.$inferSelect;

export interface AlbumDetails {
  album: AlbumRow;
  artists: ArtistRow[];
  tracks: TrackDetails[];
}

const newestFirst = [desc(albums.createdAt), desc(albums.id)];

export async function listAlbums(db: Db, page: PageRequest): Promise<{ rows: AlbumRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(albums)
      .orderBy(...newestFirst)
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(albums),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Albums crediting an artist, newest release first. */
export async function listArtistAlbums(db: Db, artistId: number, page: ProbeRequest): Promise<AlbumRow[]> {
  const credited = db.select({ id: albumArtists.albumId }).from(albumArtists).where(eq(albumArtists.artistId, artistId));
  return db
    .select()
    .from(albums)
    .where(inArray(albums.id, credited))
    .orderBy(sql`${albums.releaseDate} desc nulls last`, ...newestFirst)
    .limit(page.probeSize)
    .offset(page.offset);
}

/** Albums with at least one track carrying the tag, newest first. */
export async function listTagAlbums(db: Db, tagId: number, page: ProbeRequest): Promise<AlbumRow[]> {
  const tagged = db
    .select({ id: tracks.albumId })
    .from(tracks)
    .innerJoin(trackTags, eq(trackTags.trackId, tracks.id))
    .where(and(eq(trackTags.tagId, tagId), sql`${tracks.albumId} is not null`));
  return db
    .select()
    .from(albums)
    .where(inArray(albums.id, tagged))
    .orderBy(...newestFirst)
    .limit(page.probeSize)
    .offset(page.offset);
}

export async function findAlbum(db: Db, id: number): Promise<AlbumRow | undefined> {
  const [row] = await db.select().from(albums).where(eq(albums.id, id)).limit(1);
  return row;
}

/** Loads credited artists and tracks (with their own details) for each album, keeping the order. */
export async function loadAlbumDetails(db: Db, rows: AlbumRow[], viewerId: number | null): Promise<AlbumDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((a) => a.id);
  const [artistRows, trackRows] = await Promise.all([
    db
      .select({ albumId: albumArtists.albumId, artist: artists })
      .from(albumArtists)
      .innerJoin(artists, eq(artists.id, albumArtists.artistId))
      .where(inArray(albumArtists.albumId, ids))
      .orderBy(asc(albumArtists.position), asc(artists.id)),
    db.select().from(tracks).where(inArray(tracks.albumId, ids)).orderBy(sql`${tracks.number} asc nulls last`, asc(tracks.id)),
  ]);
  const trackDetails = await loadTrackDetails(db, trackRows, viewerId);
  return rows.map((album) => ({
    album,
    artists: artistRows.filter((r) => r.albumId === album.id).map((r) => r.artist),
    tracks: trackDetails.filter((t) => t.track.albumId === album.id),
  }));
}

export interface AlbumFields {
  name?: string;
  description?: string | null;
  releaseDate?: string | null;
  image?: string;
}

export async function insertAlbum(db: Db, ownerId: number, fields: AlbumFields & { name: string; image: string }, artistIds: number[]): Promise<AlbumRow> {
  return db.transaction(async (tx) => {
    const [album] = await tx
      .insert(albums)
      .values({
        name: fields.name,
        description: fields.description ?? null,
        releaseDate: fields.releaseDate ?? null,
        image: fields.image,
        ownerId,
      })
      .returning();
    await tx.insert(albumArtists).values(artistIds.map((artistId, position) => ({ albumId: album!.id, artistId, position })));
    return album!;
  });
}

export async function updateAlbum(db: Db, id: number, fields: AlbumFields, artistIds: number[] | undefined): Promise<AlbumRow> {
  return db.transaction(async (tx) => {
    const [album] = await tx
      .update(albums)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(albums.id, id))
      .returning();
    if (artistIds) {
      await tx.delete(albumArtists).where(eq(albumArtists.albumId, id));
      await tx.insert(albumArtists).values(artistIds.map((artistId, position) => ({ albumId: id, artistId, position })));
    }
    return album!;
  });
}

export async function existingAlbumIds(db: Db, ids: number[]): Promise<Set<number>> {
  const rows = await db.select({ id: albums.id }).from(albums).where(inArray(albums.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Deletes the albums; their tracks stay, without an album (the foreign key sets null). */
export async function deleteAlbums(db: Db, ids: number[]): Promise<void> {
  await db.delete(albums).where(inArray(albums.id, ids));
}
