// The library: likes of tracks (`track_likes`), albums (`album_likes`) and artists
// (`artist_likes`), at most 10,000 together per user. Adds and removes run in one
// transaction that first locks the user's row, so the cap is counted after every earlier
// change by the same user has committed (one instance or two). A track's `likes_count`
// moves in the same transaction by exactly the rows inserted or deleted, so concurrent likes
// of one track by many users stay exact.
import { and, count, desc, eq, exists, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { albumLikes, albums, artistLikes, artists, playlistEditors, playlistFollowers, playlists, trackLikes, tracks, users } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';

export const LIBRARY_CAP = 10_000;

export type LikeableType = 'track' | 'album' | 'artist';
/** Distinct ids per type. */
export type Likeables = Record<LikeableType, number[]>;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type TrackRow = typeof tracks.$inferSelect;
type AlbumRow = typeof albums.$inferSelect;
type ArtistRow = typeof artists.$inferSelect;
type PlaylistRow = typeof playlists.$inferSelect;

const TABLES = {
  track: { table: tracks, id: tracks.id },
  album: { table: albums, id: albums.id },
  artist: { table: artists, id: artists.id },
} as const;

/** The ids of each type that exist. */
export async function existingLikeables(db: Db, items: Likeables): Promise<Record<LikeableType, Set<number>>> {
  const find = async (type: LikeableType) => {
    const ids = items[type];
    if (ids.length === 0) return new Set<number>();
    const { table, id } = TABLES[type];
    const rows = await db.select({ id }).from(table).where(inArray(id, ids));
    return new Set(rows.map((r) => r.id));
  };
  const [track, album, artist] = await Promise.all([find('track'), find('album'), find('artist')]);
  return { track, album, artist };
}

async function lockUser(tx: Tx, userId: number) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

async function librarySize(tx: Tx, userId: number): Promise<number> {
  const [row] = await tx
    .select({
      n: sql<number>`((select count(*) from ${trackLikes} where ${trackLikes.userId} = ${userId})
        + (select count(*) from ${albumLikes} where ${albumLikes.userId} = ${userId})
        + (select count(*) from ${artistLikes} where ${artistLikes.userId} = ${userId}))::int`,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row?.n ?? 0;
}

async function alreadySaved(tx: Tx, userId: number, items: Likeables): Promise<number> {
  const [t, al, ar] = await Promise.all([
    items.track.length === 0
      ? [{ n: 0 }]
      : tx
          .select({ n: count() })
          .from(trackLikes)
          .where(and(eq(trackLikes.userId, userId), inArray(trackLikes.trackId, items.track))),
    items.album.length === 0
      ? [{ n: 0 }]
      : tx
          .select({ n: count() })
          .from(albumLikes)
          .where(and(eq(albumLikes.userId, userId), inArray(albumLikes.albumId, items.album))),
    items.artist.length === 0
      ? [{ n: 0 }]
      : tx
          .select({ n: count() })
          .from(artistLikes)
          .where(and(eq(artistLikes.userId, userId), inArray(artistLikes.artistId, items.artist))),
  ]);
  return (t[0]?.n ?? 0) + (al[0]?.n ?? 0) + (ar[0]?.n ?? 0);
}

export type AddOutcome = { added: number; duplicates: number } | 'all-saved' | 'full';

export async function addToLibrary(db: Db, userId: number, items: Likeables): Promise<AddOutcome> {
  const requested = items.track.length + items.album.length + items.artist.length;
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    // New statements after the lock see every change this user committed before it.
    const saved = await alreadySaved(tx, userId, items);
    if (saved === requested) return 'all-saved' as const;
    if ((await librarySize(tx, userId)) + (requested - saved) > LIBRARY_CAP) return 'full' as const;
    let added = 0;
    if (items.track.length > 0) {
      const inserted = await tx
        .insert(trackLikes)
        .values(items.track.map((trackId) => ({ trackId, userId })))
        .onConflictDoNothing()
        .returning({ id: trackLikes.trackId });
      added += inserted.length;
      if (inserted.length > 0) {
        await tx
          .update(tracks)
          .set({ likesCount: sql`${tracks.likesCount} + 1` })
          .where(
            inArray(
              tracks.id,
              inserted.map((r) => r.id),
            ),
          );
      }
    }
    if (items.album.length > 0) {
      const inserted = await tx
        .insert(albumLikes)
        .values(items.album.map((albumId) => ({ albumId, userId })))
        .onConflictDoNothing()
        .returning({ id: albumLikes.albumId });
      added += inserted.length;
    }
    if (items.artist.length > 0) {
      const inserted = await tx
        .insert(artistLikes)
        .values(items.artist.map((artistId) => ({ artistId, userId })))
        .onConflictDoNothing()
        .returning({ id: artistLikes.artistId });
      added += inserted.length;
    }
    return { added, duplicates: requested - added };
  });
}

/** Removes the items the user has saved; answers how many rows went. */
export async function removeFromLibrary(db: Db, userId: number, items: Likeables): Promise<number> {
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    let removed = 0;
    if (items.track.length > 0) {
      const deleted = await tx
        .delete(trackLikes)
        .where(and(eq(trackLikes.userId, userId), inArray(trackLikes.trackId, items.track)))
        .returning({ id: trackLikes.trackId });
      removed += deleted.length;
      if (deleted.length > 0) {
        await tx
          .update(tracks)
          .set({ likesCount: sql`greatest(${tracks.likesCount} - 1, 0)` })
          .where(
            inArray(
              tracks.id,
              deleted.map((r) => r.id),
            ),
          );
      }
    }
    if (items.album.length > 0) {
      const deleted = await tx
        .delete(albumLikes)
        .where(and(eq(albumLikes.userId, userId), inArray(albumLikes.albumId, items.album)))
        .returning({ id: albumLikes.albumId });
      removed += deleted.length;
    }
    if (items.artist.length > 0) {
      const deleted = await tx
        .delete(artistLikes)
        .where(and(eq(artistLikes.userId, userId), inArray(artistLikes.artistId, items.artist)))
        .returning({ id: artistLikes.artistId });
      removed += deleted.length;
    }
    return removed;
  });
}

type Page<T> = Promise<{ rows: T[]; total: number }>;

/** The user's liked tracks, most recently liked first. */
export async function listLikedTracks(db: Db, userId: number, page: PageRequest): Page<TrackRow> {
  const where = eq(trackLikes.userId, userId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ row: tracks })
      .from(trackLikes)
      .innerJoin(tracks, eq(tracks.id, trackLikes.trackId))
      .where(where)
      .orderBy(desc(trackLikes.createdAt), desc(trackLikes.trackId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(trackLikes).where(where),
  ]);
  return { rows: rows.map((r) => r.row), total: totals?.total ?? 0 };
}

export async function listLikedAlbums(db: Db, userId: number, page: PageRequest): Page<AlbumRow> {
  const where = eq(albumLikes.userId, userId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ row: albums })
      .from(albumLikes)
      .innerJoin(albums, eq(albums.id, albumLikes.albumId))
      .where(where)
      .orderBy(desc(albumLikes.createdAt), desc(albumLikes.albumId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(albumLikes).where(where),
  ]);
  return { rows: rows.map((r) => r.row), total: totals?.total ?? 0 };
}

export async function listLikedArtists(db: Db, userId: number, page: PageRequest): Page<ArtistRow> {
  const where = eq(artistLikes.userId, userId);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ row: artists })
      .from(artistLikes)
      .innerJoin(artists, eq(artists.id, artistLikes.artistId))
      .where(where)
      .orderBy(desc(artistLikes.createdAt), desc(artistLikes.artistId))
      .limit(page.perPage)
      .offset(page.offset),
    db.select({ total: count() }).from(artistLikes).where(where),
  ]);
  return { rows: rows.map((r) => r.row), total: totals?.total ?? 0 };
}

/**
 * The playlists a user created, edits or follows, newest first: the public ones, plus, when
 * the viewer is the user, the private ones they own or edit (a private playlist they only
 * follow is no longer theirs to see).
 */
export async function listUserPlaylists(db: Db, userId: number, viewerIsUser: boolean, page: PageRequest): Page<PlaylistRow> {
  const edits = exists(sql`(select 1 from ${playlistEditors} where ${playlistEditors.playlistId} = ${playlists.id} and ${playlistEditors.userId} = ${userId})`);
  const follows = exists(
    sql`(select 1 from ${playlistFollowers} where ${playlistFollowers.playlistId} = ${playlists.id} and ${playlistFollowers.userId} = ${userId})`,
  );
  const owns = eq(playlists.ownerId, userId);
  const where = viewerIsUser ? or(owns, edits, and(follows, eq(playlists.public, true))) : and(eq(playlists.public, true), or(owns, edits, follows));
  const [rows, [totals]] = await Promise.all([
    db.select().from(playlists).where(where).orderBy(desc(playlists.createdAt), desc(playlists.id)).limit(page.perPage).offset(page.offset),
    db.select({ total: count() }).from(playlists).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}
