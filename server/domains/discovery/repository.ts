// Discovery reads: every ranking here is one SQL statement over what listeners did (plays,
// likes, follows) and what the catalog holds, returning ids in their final order; the rows
// are then loaded by id and serialised at the caller's tier. Every order ends on the id, so
// equal data always gives the same list.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { artists, genres, tracks } from '../../db/schema.js';

export type TrackRow = typeof tracks.$inferSelect;
export type ArtistRow = typeof artists.$inferSelect;
export type GenreRow = typeof genres.$inferSelect;

/** Days behind "recent" (carousels, highlights, rising stars) and "trending" rankings. */
export const RECENT_DAYS = 30;
export const TRENDING_DAYS = 7;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;
const since = (days: number) => sql`now() - make_interval(days => ${days})`;

async function idsOf(db: Db, query: SQL): Promise<number[]> {
  return rowsOf<{ id: number }>(await db.execute(query)).map((r) => Number(r.id));
}

async function countOf(db: Db, query: SQL): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

export interface Window {
  limit: number;
  offset: number;
}

// ---------------------------------------------------------------------------------------
// Radio

/**
 * What a station is seeded with: a set of seed tracks (whose listeners define the overlap),
 * the genres and tags to match, the tempo and key to stay near, and the tracks left out.
 */
export interface RadioSeed {
  seedTracks: SQL;
  genreIds: SQL;
  tagIds: SQL;
  bpm: number | null;
  key: { key: string; scale: string } | null;
  excluded: SQL;
}

/** Radio weights, documented in the radio operation's description. */
export const RADIO_WEIGHTS = { genre: 3, tag: 2, bpmClose: 2, bpmNear: 1, key: 1, listener: 1 } as const;
export const RADIO_SIZE = 50;

export function trackSeed(track: TrackRow): RadioSeed {
  const one = sql`select ${track.id}::int`;
  return {
    seedTracks: one,
    genreIds: sql`select genre_id from track_genres where track_id = ${track.id}`,
    tagIds: sql`select tag_id from track_tags where track_id = ${track.id}`,
    bpm: track.bpm,
    key: { key: track.key, scale: track.scale },
    excluded: one,
  };
}

export async function artistSeed(db: Db, artistId: number): Promise<RadioSeed> {
  const own = sql`select track_id from track_artists where artist_id = ${artistId}`;
  // The artist's usual tempo: the rounded mean of their tracks' BPM (none without tracks).
  const bpm = await countOf(db, sql`select coalesce(round(avg(bpm)), 0)::int as n from tracks where id in (${own})`);
  return {
    seedTracks: own,
    genreIds: sql`select genre_id from track_genres where track_id in (${own})`,
    tagIds: sql`select tag_id from track_tags where track_id in (${own})`,
    bpm: bpm > 0 ? bpm : null,
    key: null,
    excluded: own,
  };
}

export function genreSeed(genreId: number): RadioSeed {
  return {
    seedTracks: sql`select track_id from track_genres where genre_id = ${genreId}`,
    genreIds: sql`select ${genreId}::int`,
    tagIds: sql`select null::int where false`,
    bpm: null,
    key: null,
    excluded: sql`select null::int where false`,
  };
}

/** The station's tracks: best score first, then most played, then lowest id. */
export async function radioTrackIds(db: Db, seed: RadioSeed): Promise<number[]> {
  const w = RADIO_WEIGHTS;
  const bpmScore =
    seed.bpm === null
      ? sql`0`
      : sql`case when abs(t.bpm - ${seed.bpm}) <= 5 then ${w.bpmClose} when abs(t.bpm - ${seed.bpm}) <= 15 then ${w.bpmNear} else 0 end`;
  const keyScore = seed.key === null ? sql`0` : sql`case when t.key = ${seed.key.key} and t.scale = ${seed.key.scale} then ${w.key} else 0 end`;
  return idsOf(
    db,
    sql`
    with listeners as (
      select user_id from plays where track_id in (${seed.seedTracks}) and user_id is not null
      union select user_id from track_likes where track_id in (${seed.seedTracks})
    ),
    overlap as (
      select e.track_id, count(distinct e.user_id)::int as n from (
        select track_id, user_id from plays where user_id in (select user_id from listeners)
        union select track_id, user_id from track_likes where user_id in (select user_id from listeners)
      ) e group by e.track_id
    ),
    genre_match as (select track_id, count(*)::int as n from track_genres where genre_id in (${seed.genreIds}) group by track_id),
    tag_match as (select track_id, count(*)::int as n from track_tags where tag_id in (${seed.tagIds}) group by track_id),
    scored as (
      select t.id, t.plays,
        ${w.genre} * coalesce(g.n, 0) + ${w.tag} * coalesce(x.n, 0) + ${bpmScore} + ${keyScore} + ${w.listener} * coalesce(o.n, 0) as score
      from tracks t
      left join genre_match g on g.track_id = t.id
      left join tag_match x on x.track_id = t.id
      left join overlap o on o.track_id = t.id
      where t.id not in (${seed.excluded})
    )
    select id from scored where score > 0 order by score desc, plays desc, id limit ${RADIO_SIZE}`,
  );
}

// ---------------------------------------------------------------------------------------
// Rankings shared by channels, carousels, highlights and the landing page

/** Newest tracks first. */
export const newestTracks = (db: Db, w: Window) => idsOf(db, sql`select id from tracks order by created_at desc, id desc limit ${w.limit} offset ${w.offset}`);

/** Tracks played in the last `days` days, most plays in that window first. */
export const trendingTracks = (db: Db, days: number, w: Window) =>
  idsOf(
    db,
    sql`select t.id from tracks t join (select track_id, count(*) as n from plays where created_at >= ${since(days)} group by track_id) p on p.track_id = t.id
    order by p.n desc, t.plays desc, t.id limit ${w.limit} offset ${w.offset}`,
  );
export const trendingTrackCount = (db: Db, days: number) =>
  countOf(db, sql`select count(distinct track_id)::int as n from plays where created_at >= ${since(days)}`);

/** Every track by all-time plays. */
export const popularTracks = (db: Db, w: Window) => idsOf(db, sql`select id from tracks order by plays desc, id limit ${w.limit} offset ${w.offset}`);

/** Tracks by likes received in the last `days` days, then all-time likes, then newest. */
export const mostLikedRecentTracks = (db: Db, days: number, w: Window) =>
  idsOf(
    db,
    sql`select t.id from tracks t left join (select track_id, count(*) as n from track_likes where created_at >= ${since(days)} group by track_id) l on l.track_id = t.id
    order by coalesce(l.n, 0) desc, t.likes_count desc, t.created_at desc, t.id desc limit ${w.limit} offset ${w.offset}`,
  );

/** Albums with tracks, by their tracks' plays in the last `days` days (all time when `days` is null), then all-time plays. */
export const popularAlbums = (db: Db, days: number | null, w: Window) =>
  idsOf(
    db,
    sql`select a.id from albums a
    join (select album_id, sum(plays) as total from tracks where album_id is not null group by album_id) t on t.album_id = a.id
    left join (select tr.album_id, count(*) as n from plays p join tracks tr on tr.id = p.track_id
      where tr.album_id is not null and ${days === null ? sql`false` : sql`p.created_at >= ${since(days)}`} group by tr.album_id) r on r.album_id = a.id
    order by coalesce(r.n, 0) desc, t.total desc, a.created_at desc, a.id desc limit ${w.limit} offset ${w.offset}`,
  );
export const albumsWithTracksCount = (db: Db) => countOf(db, sql`select count(distinct album_id)::int as n from tracks where album_id is not null`);

/** Producers: artists credited on at least one track. */
const producers = sql`select distinct artist_id from track_artists`;
export const producerCount = (db: Db) => countOf(db, sql`select count(distinct artist_id)::int as n from track_artists`);

/** Producers by all-time plays of their tracks, then followers. */
export const topProducers = (db: Db, w: Window) =>
  idsOf(
    db,
    sql`select a.id from artists a
    join (select ta.artist_id, sum(t.plays) as total from track_artists ta join tracks t on t.id = ta.track_id group by ta.artist_id) p on p.artist_id = a.id
    left join (select artist_id, count(*) as n from artist_followers group by artist_id) f on f.artist_id = a.id
    order by p.total desc, coalesce(f.n, 0) desc, a.id limit ${w.limit} offset ${w.offset}`,
  );

/** Producers by plays of their tracks in the last `days` days, then followers gained then, then all followers. */
export const risingProducers = (db: Db, days: number, w: Window) =>
  idsOf(
    db,
    sql`select a.id from artists a
    left join (select ta.artist_id, count(*) as n from plays p join track_artists ta on ta.track_id = p.track_id
      where p.created_at >= ${since(days)} group by ta.artist_id) p on p.artist_id = a.id
    left join (select artist_id, count(*) filter (where created_at >= ${since(days)}) as recent, count(*) as total
      from artist_followers group by artist_id) f on f.artist_id = a.id
    where a.id in (${producers})
    order by coalesce(p.n, 0) desc, coalesce(f.recent, 0) desc, coalesce(f.total, 0) desc, a.id limit ${w.limit} offset ${w.offset}`,
  );

/** Producers by followers, then all-time plays. */
export const mostFollowedProducers = (db: Db, w: Window) =>
  idsOf(
    db,
    sql`select a.id from artists a
    join (select ta.artist_id, sum(t.plays) as total from track_artists ta join tracks t on t.id = ta.track_id group by ta.artist_id) p on p.artist_id = a.id
    left join (select artist_id, count(*) as n from artist_followers group by artist_id) f on f.artist_id = a.id
    order by coalesce(f.n, 0) desc, p.total desc, a.id limit ${w.limit} offset ${w.offset}`,
  );

/** Genres by how many tracks carry them, then name. */
export const genresByTracks = (db: Db, w: Window) =>
  idsOf(
    db,
    sql`select g.id from genres g left join (select genre_id, count(*) as n from track_genres group by genre_id) c on c.genre_id = g.id
    order by coalesce(c.n, 0) desc, g.name, g.id limit ${w.limit} offset ${w.offset}`,
  );
export const genreCount = (db: Db) => countOf(db, sql`select count(*)::int as n from genres`);
export const trackCount = (db: Db) => countOf(db, sql`select count(*)::int as n from tracks`);

// ---------------------------------------------------------------------------------------
// Producer highlights

export type HighlightCategory = 'most_played_week' | 'most_followed_month' | 'most_liked_month' | 'most_releases_month';

/**
 * The one producer leading each category, with the count that puts them there; categories
 * nobody scored in are left out.
 */
export async function highlightLeaders(db: Db): Promise<{ category: HighlightCategory; artistId: number; value: number }[]> {
  const leader = async (category: HighlightCategory, query: SQL) => {
    const [row] = rowsOf<{ id: number; n: number }>(await db.execute(query));
    return row && Number(row.n) > 0 ? [{ category, artistId: Number(row.id), value: Number(row.n) }] : [];
  };
  const results = await Promise.all([
    leader(
      'most_played_week',
      sql`select ta.artist_id as id, count(*)::int as n from plays p join track_artists ta on ta.track_id = p.track_id
      where p.created_at >= ${since(TRENDING_DAYS)} group by ta.artist_id order by n desc, id limit 1`,
    ),
    leader(
      'most_followed_month',
      sql`select artist_id as id, count(*)::int as n from artist_followers where created_at >= ${since(RECENT_DAYS)}
      group by artist_id order by n desc, id limit 1`,
    ),
    leader(
      'most_liked_month',
      sql`select ta.artist_id as id, count(*)::int as n from track_likes l join track_artists ta on ta.track_id = l.track_id
      where l.created_at >= ${since(RECENT_DAYS)} group by ta.artist_id order by n desc, id limit 1`,
    ),
    leader(
      'most_releases_month',
      sql`select ta.artist_id as id, count(*)::int as n from tracks t join track_artists ta on ta.track_id = t.id
      where t.created_at >= ${since(RECENT_DAYS)} group by ta.artist_id order by n desc, id limit 1`,
    ),
  ]);
  return results.flat();
}
