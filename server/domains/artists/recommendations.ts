// Collaboration recommendations: artists whose tracks share genres with an artist's tracks.
//
// An artist's genre profile counts, per genre, the tracks credited to the artist that carry
// it. A candidate is any other artist whose profile shares at least one genre, except
// artists already collaborated with (credited together on a track or an album); the score is
// the cosine similarity of the two profiles, rounded to 4 decimals. Order: score, then more
// genres in common, then more tracks, then lower artist ID, so equal data gives equal lists.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { ArtistRow } from './repository.js';

export interface GenreUse {
  name: string;
  genreId: number;
}

export interface Candidate {
  artist: Pick<ArtistRow, 'id' | 'name' | 'imageSmall' | 'verified'>;
  trackCount: number;
  /** Genre names in common, in the order of the artist's own genres. */
  commonGenres: string[];
  score: number;
}

export interface Recommendations {
  artistGenres: string[];
  totalFound: number;
  candidates: Candidate[];
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The artist's genres, most used first (then by genre ID). */
async function artistGenres(db: Db, artistId: number): Promise<GenreUse[]> {
  const rows = rowsOf<{ genre_id: number; name: string }>(
    await db.execute(sql`
    select g.id as genre_id, g.name, count(*)::int as uses
    from track_artists ta join track_genres tg on tg.track_id = ta.track_id join genres g on g.id = tg.genre_id
    where ta.artist_id = ${artistId}
    group by g.id, g.name order by uses desc, g.id`),
  );
  return rows.map((r) => ({ genreId: r.genre_id, name: r.name }));
}

export async function recommendCollaborators(db: Db, artistId: number, limit: number): Promise<Recommendations> {
  const genres = await artistGenres(db, artistId);
  if (genres.length === 0) return { artistGenres: [], totalFound: 0, candidates: [] };
  type Row = {
    id: number;
    name: string;
    image_small: string | null;
    verified: boolean;
    track_count: number;
    common: number[];
    score: number;
    total_found: number;
  };
  const rows = rowsOf<Row>(
    await db.execute(sql`
    with profiles as (
      select ta.artist_id, tg.genre_id, count(*)::float8 as n
      from track_artists ta join track_genres tg on tg.track_id = ta.track_id
      group by ta.artist_id, tg.genre_id
    ),
    mine as (select genre_id, n from profiles where artist_id = ${artistId}),
    partners as (
      select other.artist_id from track_artists own join track_artists other on other.track_id = own.track_id where own.artist_id = ${artistId}
      union
      select other.artist_id from album_artists own join album_artists other on other.album_id = own.album_id where own.artist_id = ${artistId}
    ),
    scored as (
      select p.artist_id,
        round((sum(coalesce(m.n, 0) * p.n) / (sqrt((select sum(n * n) from mine)) * sqrt(sum(p.n * p.n))))::numeric, 4)::float8 as score,
        array_agg(m.genre_id) filter (where m.genre_id is not null) as common
      from profiles p left join mine m on m.genre_id = p.genre_id
      where p.artist_id <> ${artistId} and p.artist_id not in (select artist_id from partners)
      group by p.artist_id
      having count(m.genre_id) > 0
    )
    select a.id, a.name, a.image_small, a.verified, s.score, s.common,
      (select count(*) from track_artists c where c.artist_id = a.id)::int as track_count,
      count(*) over ()::int as total_found
    from scored s join artists a on a.id = s.artist_id
    order by s.score desc, cardinality(s.common) desc, track_count desc, a.id
    limit ${limit}`),
  );
  const rank = new Map(genres.map((g, i) => [g.genreId, i]));
  return {
    artistGenres: genres.map((g) => g.name),
    totalFound: rows[0]?.total_found ?? 0,
    candidates: rows.map((r) => ({
      artist: { id: r.id, name: r.name, imageSmall: r.image_small, verified: r.verified },
      trackCount: r.track_count,
      commonGenres: [...r.common].sort((x, y) => rank.get(x)! - rank.get(y)!).map((id) => genres[rank.get(id)!]!.name),
      score: r.score,
    })),
  };
}
