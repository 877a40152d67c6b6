// Catalog reads. Lists fetch one page of ids first, then their relations in one query per
// relation, so a page costs a fixed number of queries whatever its size.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/connection.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { artistFollowers, artists, genres, rowCounts, tags, trackArtists, trackGenres, trackLikes, tracks, trackTags } from '../../db/schema.js';
import type { PageRequest } from '../../http/pagination.js';

type TrackRow = typeof tracks.$inferSelect;
type ArtistRow = typeof artists.$inferSelect;
type GenreRow = typeof genres.$inferSelect;
type TagRow = typeof tags.$inferSelect;

export interface TrackDetails {
  track: TrackRow;
  artists: ArtistRow[];
  genres: GenreRow[];
  tags: TagRow[];
  liked: boolean;
}
export interface ArtistDetails {
  artist: ArtistRow;
  followersCount: number;
  plays: number;
  following: boolean;
  genres: GenreRow[];
  topTracks: TrackDetails[];
}

export async function listGenres(db: Db, page: PageRequest): Promise<{ rows: GenreRow[]; total: number }> {
  const [rows, [totals]] = await Promise.all([
    db.select().from(genres).orderBy(asc(genres.displayName), asc(genres.id)).limit(page.perPage).offset(page.offset),
    db.select({ total: count() }).from(genres),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

/** Full-text match on name and description, plus a substring match on the name. */
function searchCondition(query: string) {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`(${tracks.search} @@ websearch_to_tsquery('simple', ${query}) or ${tracks.name} ilike ${pattern})`;
}

const newestTracks = preparedPerDatabase((db) => ({
  page: db
    .select()
    .from(tracks)
    .orderBy(desc(tracks.createdAt), desc(tracks.id))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare('catalog_newest_tracks'),
  // The whole catalog's size is kept by a trigger; only a search has to count its matches.
  total: db.select({ total: rowCounts.total }).from(rowCounts).where(eq(rowCounts.tableName, 'tracks')).prepare('catalog_track_total'),
}));

export async function listTracks(db: Db, options: { query?: string; page: PageRequest }): Promise<{ rows: TrackRow[]; total: number }> {
  if (!options.query) {
    const newest = newestTracks(db);
    const [rows, [totals]] = await Promise.all([newest.page.execute({ limit: options.page.perPage, offset: options.page.offset }), newest.total.execute()]);
    return { rows, total: totals?.total ?? 0 };
  }
  const where = searchCondition(options.query);
  const [rows, [totals]] = await Promise.all([
    db
      .select()
      .from(tracks)
      .where(where)
      .orderBy(desc(sql`ts_rank(${tracks.search}, websearch_to_tsquery('simple', ${options.query}))`), desc(tracks.createdAt), desc(tracks.id))
      .limit(options.page.perPage)
      .offset(options.page.offset),
    db.select({ total: count() }).from(tracks).where(where),
  ]);
  return { rows, total: totals?.total ?? 0 };
}

const trackById = preparedPerDatabase((db) =>
  db
    .select()
    .from(tracks)
    .where(eq(tracks.id, sql.placeholder('id')))
    .limit(1)
    .prepare('catalog_track_by_id'),
);

export async function findTrack(db: Db, id: number): Promise<TrackRow | undefined> {
  const [row] = await trackById(db).execute({ id });
  return row;
}

/** `column = any($ids)`: one statement text whatever the number of ids, so it can be prepared. */
const anyOf = (column: AnyPgColumn) => sql`${column} = any(${sql.placeholder('ids')}::int[])`;

const trackRelations = preparedPerDatabase((db) => ({
  artists: db
    .select({ trackId: trackArtists.trackId, artist: artists })
    .from(trackArtists)
    .innerJoin(artists, eq(artists.id, trackArtists.artistId))
    .where(anyOf(trackArtists.trackId))
    .orderBy(asc(trackArtists.position))
    .prepare('catalog_track_artists'),
  genres: db
    .select({ trackId: trackGenres.trackId, genre: genres })
    .from(trackGenres)
    .innerJoin(genres, eq(genres.id, trackGenres.genreId))
    .where(anyOf(trackGenres.trackId))
    .orderBy(asc(genres.id))
    .prepare('catalog_track_genres'),
  tags: db
    .select({ trackId: trackTags.trackId, tag: tags })
    .from(trackTags)
    .innerJoin(tags, eq(tags.id, trackTags.tagId))
    .where(anyOf(trackTags.trackId))
    .orderBy(asc(tags.id))
    .prepare('catalog_track_tags'),
  likes: db
    .select({ trackId: trackLikes.trackId })
    .from(trackLikes)
    .where(and(eq(trackLikes.userId, sql.placeholder('viewerId')), anyOf(trackLikes.trackId)))
    .prepare('catalog_track_likes'),
}));

/** Loads artists, genres, tags and the viewer's like for each track, keeping the order. */
export async function loadTrackDetails(db: Db, rows: TrackRow[], viewerId: number | null): Promise<TrackDetails[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((t) => t.id);
  const relations = trackRelations(db);
  const [artistRows, genreRows, tagRows, likeRows] = await Promise.all([
    relations.artists.execute({ ids }),
    relations.genres.execute({ ids }),
    relations.tags.execute({ ids }),
    viewerId === null ? Promise.resolve([]) : relations.likes.execute({ ids, viewerId }),
  ]);
  const group = <T>(list: { trackId: number }[], pick: (row: never) => T) => {
    const map = new Map<number, T[]>();
    for (const row of list) {
      const items = map.get(row.trackId) ?? [];
      items.push(pick(row as never));
      map.set(row.trackId, items);
    }
    return map;
  };
  const byArtist = group<ArtistRow>(artistRows, (r: { artist: ArtistRow }) => r.artist);
  const byGenre = group<GenreRow>(genreRows, (r: { genre: GenreRow }) => r.genre);
  const byTag = group<TagRow>(tagRows, (r: { tag: TagRow }) => r.tag);
  const liked = new Set(likeRows.map((r) => r.trackId));
  return rows.map((track) => ({
    track,
    artists: byArtist.get(track.id) ?? [],
    genres: byGenre.get(track.id) ?? [],
    tags: byTag.get(track.id) ?? [],
    liked: liked.has(track.id),
  }));
}

export async function findArtist(db: Db, id: number): Promise<ArtistRow | undefined> {
  const [row] = await db.select().from(artists).where(eq(artists.id, id)).limit(1);
  return row;
}

export async function loadArtistDetails(db: Db, artist: ArtistRow, viewerId: number): Promise<ArtistDetails> {
  const artistTracks = db.select({ trackId: trackArtists.trackId }).from(trackArtists).where(eq(trackArtists.artistId, artist.id));
  const [[followers], [plays], [following], genreRows, topRows] = await Promise.all([
    db.select({ n: count() }).from(artistFollowers).where(eq(artistFollowers.artistId, artist.id)),
    db
      .select({ n: sql<number>`coalesce(sum(${tracks.plays}), 0)::float8` })
      .from(tracks)
      .where(inArray(tracks.id, artistTracks)),
    db
      .select({ n: count() })
      .from(artistFollowers)
      .where(and(eq(artistFollowers.artistId, artist.id), eq(artistFollowers.userId, viewerId))),
    db
      .select({ genre: genres, uses: count() })
      .from(trackGenres)
      .innerJoin(genres, eq(genres.id, trackGenres.genreId))
      .where(inArray(trackGenres.trackId, artistTracks))
      .groupBy(genres.id)
      .orderBy(desc(count()), asc(genres.id)),
    db.select().from(tracks).where(inArray(tracks.id, artistTracks)).orderBy(desc(tracks.plays), desc(tracks.id)).limit(10),
  ]);
  return {
    artist,
    followersCount: followers?.n ?? 0,
    plays: plays?.n ?? 0,
    following: (following?.n ?? 0) > 0,
    genres: genreRows.map((r) => r.genre),
    topTracks: await loadTrackDetails(db, topRows, viewerId),
  };
}
