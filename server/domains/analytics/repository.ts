// Reads of the analytics routes. Every figure is counted from logged rows (plays, likes,
// reposts, comments, downloads) of the tracks in a scope, within a window; the managers of
// what is reported on can be left out, so that their own listening is not counted as audience.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Granularity, Window } from './periods.js';

export interface Scope {
  /** A subquery selecting the ids of the tracks reported on. */
  tracks: SQL;
  /** Users whose own plays, likes and downloads are not audience; empty to count everyone. */
  excludedUserIds: number[];
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Rows of the audience: anonymous ones and those of users not excluded. */
function audience(alias: string, excluded: number[]): SQL {
  if (excluded.length === 0) return sql`true`;
  const column = sql.raw(`${alias}.user_id`);
  return sql`(${column} is null or ${column} not in (${sql.join(
    excluded.map((id) => sql`${id}::int`),
    sql`, `,
  )}))`;
}

/** Rows logged from `start` on (all rows for null). */
function from(alias: string, start: Date | null): SQL {
  return start ? sql`${sql.raw(`${alias}.created_at`)} >= ${at(start)}` : sql`true`;
}

/** Rows of the scope's tracks, by its audience, logged from `start` (all time for null) until `end`. */
export function logged(alias: string, scope: Scope, start: Date | null, end: Date): SQL {
  return sql`${sql.raw(alias)}.track_id in (${scope.tracks}) and ${audience(alias, scope.excludedUserIds)}
    and ${from(alias, start)} and ${sql.raw(alias)}.created_at < ${at(end)}`;
}

export interface PlayStats {
  plays: number;
  anonymous: number;
  listeners: number;
  averageListenMs: number;
  completed: number;
  previousPlays: number | null;
  previousListeners: number | null;
}

export async function playStats(db: Db, scope: Scope, window: Window): Promise<PlayStats> {
  const now = from('p', window.start);
  const [row] = rowsOf<Record<'plays' | 'anonymous' | 'listeners' | 'average' | 'completed' | 'previous_plays' | 'previous_listeners', number>>(
    await db.execute(sql`
    select count(*) filter (where ${now})::int as plays,
           count(*) filter (where ${now} and p.user_id is null)::int as anonymous,
           count(distinct p.user_id) filter (where ${now})::int as listeners,
           coalesce(round(avg(p.listened_ms) filter (where ${now})), 0)::int as average,
           count(*) filter (where ${now} and p.listened_ms >= t.duration_ms * 0.9)::int as completed,
           count(*) filter (where not ${now})::int as previous_plays,
           count(distinct p.user_id) filter (where not ${now})::int as previous_listeners
    from plays p join tracks t on t.id = p.track_id
    where ${logged('p', scope, window.previousStart, window.end)}`),
  );
  const hasPrevious = window.previousStart !== null;
  return {
    plays: row!.plays,
    anonymous: row!.anonymous,
    listeners: row!.listeners,
    averageListenMs: row!.average,
    completed: row!.completed,
    previousPlays: hasPrevious ? row!.previous_plays : null,
    previousListeners: hasPrevious ? row!.previous_listeners : null,
  };
}

export interface Engagement {
  likes: number;
  reposts: number;
  comments: number;
  downloads: number;
  downloaders: number;
  previousDownloads: number | null;
}

export async function engagement(db: Db, scope: Scope, window: Window): Promise<Engagement> {
  const inWindow = (alias: string) => logged(alias, scope, window.start, window.end);
  const now = from('d', window.start);
  const [row] = rowsOf<Record<'likes' | 'reposts' | 'comments' | 'downloads' | 'downloaders' | 'previous_downloads', number>>(
    await db.execute(sql`
    select (select count(*) from track_likes l where ${inWindow('l')})::int as likes,
           (select count(*) from track_reposts r where ${inWindow('r')})::int as reposts,
           (select count(*) from track_comments c where ${inWindow('c')} and c.deleted_at is null)::int as comments,
           count(*) filter (where ${now})::int as downloads,
           count(distinct d.user_id) filter (where ${now})::int as downloaders,
           count(*) filter (where not ${now})::int as previous_downloads
    from track_downloads d
    where ${logged('d', scope, window.previousStart, window.end)}`),
  );
  return {
    likes: row!.likes,
    reposts: row!.reposts,
    comments: row!.comments,
    downloads: row!.downloads,
    downloaders: row!.downloaders,
    previousDownloads: window.previousStart !== null ? row!.previous_downloads : null,
  };
}

export interface Slice {
  label: string;
  value: number;
}

const DIMENSIONS = { devices: 'device', browsers: 'browser', platforms: 'platform', locations: 'country' } as const;
export type Dimension = keyof typeof DIMENSIONS;

/** Plays in the window by one dimension, largest first; `Unknown` for plays without it. */
export async function playsBy(db: Db, scope: Scope, range: { start: Date | null; end: Date }, dimension: Dimension, limit: number): Promise<Slice[]> {
  const column = sql.raw(`p.${DIMENSIONS[dimension]}`);
  return rowsOf<Slice>(
    await db.execute(sql`
    select coalesce(${column}, 'Unknown') as label, count(*)::int as value
    from plays p
    where ${logged('p', scope, range.start, range.end)}
    group by 1 order by 2 desc, coalesce(${column}, 'Unknown') collate "C" limit ${limit}`),
  );
}

export type TimelineKind = 'plays' | 'downloads' | 'likes';

/** Counts per UTC day or month of the window, per kind of event; only buckets with events. */
export async function timelineCounts(
  db: Db,
  scope: Scope,
  window: Window,
  granularity: Granularity,
  kinds: readonly TimelineKind[],
): Promise<{ kind: TimelineKind; bucket: string; n: number }[]> {
  const tables: Record<TimelineKind, string> = { plays: 'plays', downloads: 'track_downloads', likes: 'track_likes' };
  const parts = kinds.map(
    (kind) => sql`
    select ${kind}::text as kind, e.created_at from ${sql.raw(tables[kind])} e where ${logged('e', scope, window.start, window.end)}`,
  );
  return rowsOf(
    await db.execute(sql`
    select kind, to_char(date_trunc(${granularity}, created_at at time zone 'UTC'), 'YYYY-MM-DD') as bucket, count(*)::int as n
    from (${sql.join(parts, sql` union all `)}) events group by 1, 2`),
  );
}

export interface TrackFigures {
  id: number;
  name: string;
  image: string | null;
  plays: number;
  downloads: number;
  likes: number;
}

/** The tracks in scope with the most audience plays in the window, with their downloads and likes. */
export async function topTracks(db: Db, scope: Scope, window: Window, limit: number): Promise<TrackFigures[]> {
  const counted = (table: string) => sql`
    select e.track_id, count(*)::int as n from ${sql.raw(table)} e
    where ${logged('e', scope, window.start, window.end)} group by e.track_id`;
  return rowsOf(
    await db.execute(sql`
    with p as (${counted('plays')}), d as (${counted('track_downloads')}), l as (${counted('track_likes')})
    select t.id, t.name, t.image, coalesce(p.n, 0) as plays, coalesce(d.n, 0) as downloads, coalesce(l.n, 0) as likes
    from tracks t left join p on p.track_id = t.id left join d on d.track_id = t.id left join l on l.track_id = t.id
    where t.id in (${scope.tracks})
    order by plays desc, downloads desc, t.id limit ${limit}`),
  );
}

/** How many tracks are in scope, and the play counts shown on them. */
export async function catalogTotals(db: Db, scope: Scope): Promise<{ tracks: number; lifetimePlays: number }> {
  // float8: a sum over many tracks can pass the int range, and stays a number in both drivers.
  const [row] = rowsOf<{ tracks: number; plays: number }>(
    await db.execute(sql`
    select count(*)::int as tracks, coalesce(sum(t.plays), 0)::float8 as plays
    from tracks t where t.id in (${scope.tracks})`),
  );
  return { tracks: row!.tracks, lifetimePlays: row!.plays };
}

export interface DownloadedTrack {
  id: number;
  name: string;
  image: string | null;
  downloads: number;
  downloaders: number;
}

/** The tracks in scope downloaded most in the window (only those downloaded at all). */
export async function mostDownloaded(db: Db, scope: Scope, window: Window, limit: number): Promise<DownloadedTrack[]> {
  return rowsOf(
    await db.execute(sql`
    select t.id, t.name, t.image, count(*)::int as downloads, count(distinct d.user_id)::int as downloaders
    from track_downloads d join tracks t on t.id = d.track_id
    where ${logged('d', scope, window.start, window.end)}
    group by t.id order by downloads desc, t.id limit ${limit}`),
  );
}

export interface DownloadEventRow {
  id: number;
  created_at: string | Date;
  track_id: number;
  track_name: string;
  track_image: string | null;
  user_id: number | null;
  display_name: string | null;
  avatar: string | null;
}

/** One page of the window's audience downloads, newest first. */
export async function downloadEvents(db: Db, scope: Scope, window: Window, page: { limit: number; offset: number }): Promise<DownloadEventRow[]> {
  return rowsOf(
    await db.execute(sql`
    select d.id, d.created_at, t.id as track_id, t.name as track_name, t.image as track_image,
           u.id as user_id, u.display_name, u.avatar
    from track_downloads d join tracks t on t.id = d.track_id left join users u on u.id = d.user_id
    where ${logged('d', scope, window.start, window.end)}
    order by d.created_at desc, d.id desc limit ${page.limit} offset ${page.offset}`),
  );
}
