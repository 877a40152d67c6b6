// Search reads: the relations behind the "related" and "sounds like" routes, which are catalog queries, not text search.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { tracks } from '../../db/schema.js';

async function ids(db: Db, statement: ReturnType<typeof sql>): Promise<number[]> {
  const result = (await db.execute(statement)) as unknown as { rows: { id: number }[] };
  return result.rows.map((r) => Number(r.id));
}

/**
 * Artists related to an artist: co-credited on its tracks (10 points per shared track), then
 * sharing genres (3 points per genre) and tags (1 per tag) across their tracks.
 */
export function relatedArtistIds(db: Db, artistId: number, limit: number): Promise<number[]> {
  return ids(
    db,
    sql`with own as (select track_id from track_artists where artist_id = ${artistId}),
      own_genres as (select distinct tg.genre_id from own join track_genres tg on tg.track_id = own.track_id),
      own_tags as (select distinct tt.tag_id from own join track_tags tt on tt.track_id = own.track_id),
      scored as (
        select ta.artist_id, 10 * count(*) as points from track_artists ta join own on own.track_id = ta.track_id
          where ta.artist_id <> ${artistId} group by ta.artist_id
        union all
        select ta.artist_id, 3 * count(distinct tg.genre_id) from track_genres tg
          join track_artists ta on ta.track_id = tg.track_id
          where tg.genre_id in (select genre_id from own_genres) and ta.artist_id <> ${artistId} group by ta.artist_id
        union all
        select ta.artist_id, count(distinct tt.tag_id) from track_tags tt
          join track_artists ta on ta.track_id = tt.track_id
          where tt.tag_id in (select tag_id from own_tags) and ta.artist_id <> ${artistId} group by ta.artist_id
      )
      select artist_id as id from scored group by artist_id order by sum(points) desc, artist_id asc limit ${limit}`,
  );
}

/**
 * Albums related to an album: by the same artists (10 points per shared artist), then
 * sharing genres (3 points per genre) and tags (1 per tag) across their tracks.
 */
export function relatedAlbumIds(db: Db, albumId: number, limit: number): Promise<number[]> {
  return ids(
    db,
    sql`with own_artists as (select artist_id from album_artists where album_id = ${albumId}),
      own_tracks as (select id from tracks where album_id = ${albumId}),
      own_genres as (select distinct tg.genre_id from own_tracks join track_genres tg on tg.track_id = own_tracks.id),
      own_tags as (select distinct tt.tag_id from own_tracks join track_tags tt on tt.track_id = own_tracks.id),
      scored as (
        select aa.album_id, 10 * count(*) as points from album_artists aa
          where aa.artist_id in (select artist_id from own_artists) and aa.album_id <> ${albumId} group by aa.album_id
        union all
        select t.album_id, 3 * count(distinct tg.genre_id) from track_genres tg join tracks t on t.id = tg.track_id
          where tg.genre_id in (select genre_id from own_genres) and t.album_id is not null and t.album_id <> ${albumId} group by t.album_id
        union all
        select t.album_id, count(distinct tt.tag_id) from track_tags tt join tracks t on t.id = tt.track_id
          where tt.tag_id in (select tag_id from own_tags) and t.album_id is not null and t.album_id <> ${albumId} group by t.album_id
      )
      select album_id as id from scored group by album_id order by sum(points) desc, album_id desc limit ${limit}`,
  );
}

/** Tempo window of similar tracks, in BPM either side. */
export const SIMILAR_BPM_WINDOW = 15;

/**
 * Tracks that sound like a track (ranking documented in SimilarAudioTracks.yaml): sharing a
 * genre or tag, within the tempo window, ranked by shared genres and tags, tempo and key.
 */
export function similarTrackIds(db: Db, track: typeof tracks.$inferSelect, limit: number): Promise<number[]> {
  return ids(
    db,
    sql`with shared as (
        select tg.track_id, 3 as points from track_genres tg
          where tg.genre_id in (select genre_id from track_genres where track_id = ${track.id}) and tg.track_id <> ${track.id}
        union all
        select tt.track_id, 2 from track_tags tt
          where tt.tag_id in (select tag_id from track_tags where track_id = ${track.id}) and tt.track_id <> ${track.id}
      ),
      candidates as (select track_id, sum(points) as points from shared group by track_id)
      select t.id from candidates c join tracks t on t.id = c.track_id
      where abs(t.bpm - ${track.bpm}) <= ${SIMILAR_BPM_WINDOW}
      order by c.points
        + (case when abs(t.bpm - ${track.bpm}) <= 5 then 3 when abs(t.bpm - ${track.bpm}) <= 10 then 1 else 0 end)
        + (case when t.key = ${track.key} and t.scale = ${track.scale} then 3 when t.key = ${track.key} then 1 else 0 end) desc,
        t.plays desc, t.id desc
      limit ${limit}`,
  );
}
