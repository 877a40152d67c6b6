// Leaderboard reads beyond the producers' metrics (artists/achievements.ts): per-artist counts
// for one genre or one period, and the platform totals of the stats.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

async function perArtist(db: Db, query: SQL): Promise<Map<number, number>> {
  const rows = rowsOf<{ artist_id: number; n: number }>(await db.execute(query));
  return new Map(rows.map((r) => [Number(r.artist_id), Number(r.n)]));
}

/** All-time plays of each artist's tracks in one genre; only artists with such tracks. */
export const genrePlaysByArtist = (db: Db, genreId: number) =>
  perArtist(
    db,
    sql`select ta.artist_id, coalesce(sum(t.plays), 0)::float8 as n
    from track_genres tg join tracks t on t.id = tg.track_id join track_artists ta on ta.track_id = t.id
    where tg.genre_id = ${genreId} group by ta.artist_id`,
  );

/** Plays of each artist's tracks in the last `days` days; only artists that had some. */
export const recentPlaysByArtist = (db: Db, days: number) =>
  perArtist(
    db,
    sql`select ta.artist_id, count(*)::float8 as n
    from plays p join track_artists ta on ta.track_id = p.track_id
    where p.created_at >= now() - make_interval(days => ${days}) group by ta.artist_id`,
  );

export interface PlatformTotals {
  tracks: number;
  plays: number;
  likes: number;
  follows: number;
  recentPlays: number;
}

export async function platformTotals(db: Db, days: number): Promise<PlatformTotals> {
  const [row] = rowsOf<Record<keyof PlatformTotals, number>>(
    await db.execute(sql`select
      (select count(*) from tracks)::float8 as "tracks",
      (select coalesce(sum(plays), 0) from tracks)::float8 as "plays",
      (select coalesce(sum(likes_count), 0) from tracks)::float8 as "likes",
      (select count(*) from artist_followers)::float8 as "follows",
      (select count(*) from plays where created_at >= now() - make_interval(days => ${days}))::float8 as "recentPlays"`),
  );
  return {
    tracks: Number(row?.tracks ?? 0),
    plays: Number(row?.plays ?? 0),
    likes: Number(row?.likes ?? 0),
    follows: Number(row?.follows ?? 0),
    recentPlays: Number(row?.recentPlays ?? 0),
  };
}
