// The older insights report (`GET /api/v1/insights-report`), kept for older clients: plays
// over time in the caller's time zone, and plays broken down by device, browser, platform,
// country, track, artist, album and listener. It counts every logged play of the model,
// the managers' own included.
import { sql, type SQL } from 'drizzle-orm';
import type { components } from '../../../generated/api.js';
import type { Db } from '../../db/connection.js';
import type { FieldErrors } from '../../contract/responses.js';
import { at, logged, playsBy, type Dimension, type Scope } from './repository.js';

type InsightsReport = components['schemas']['InsightsReport'];
type Breakdown = components['schemas']['InsightsBreakdown'];
type TimeSeries = components['schemas']['InsightsTimeSeries'];
export type Metric = keyof InsightsReport;

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 7;
const MAX_DAYS = 3660;
const BREAKDOWN_LIMIT = 50;
const LOCATION_LIMIT = 250;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export interface ReportRange {
  timezone: string;
  start: Date;
  end: Date;
  granularity: TimeSeries['granularity'];
}

const zoneNames = new WeakMap<Db, Promise<Set<string>>>();

/** The time zones the database knows (IANA names), read once per database. */
function knownZones(db: Db): Promise<Set<string>> {
  let zones = zoneNames.get(db);
  if (!zones) {
    zones = db.execute(sql`select name from pg_timezone_names`).then((r) => new Set(rowsOf<{ name: string }>(r).map((z) => z.name)));
    zones.catch(() => zoneNames.delete(db));
    zoneNames.set(db, zones);
  }
  return zones;
}

interface WrittenInstant {
  date: string;
  time: string | null;
  offset: string | null;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;

/** Splits an ISO 8601 date or date-time, checking every field (the database would fail on 2026-02-30). */
function readInstant(value: string): WrittenInstant | undefined {
  const m = INSTANT.exec(value);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 2000 || year > 2999) return undefined;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (m[4] === undefined) return { date, time: null, offset: null };
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return undefined;
  if (m[8] !== undefined && m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10] ?? 0) > 59)) return undefined;
  return { date, time: `${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`, offset: m[8] ?? null };
}

/** The instant as SQL: a date is midnight (or, for an end, the next midnight) in the time zone. */
function instantSql(written: WrittenInstant, timezone: string, endOfDay: boolean): SQL {
  if (written.offset !== null) return sql`${`${written.date}T${written.time}${written.offset}`}::timestamptz`;
  const local =
    written.time !== null
      ? sql`${`${written.date} ${written.time}`}::timestamp`
      : endOfDay
        ? sql`(${written.date}::date + 1)::timestamp`
        : sql`${written.date}::date::timestamp`;
  return sql`(${local} at time zone ${timezone})`;
}

/** Reads `startDate`, `endDate` and `timezone`; field errors when they do not make a range. */
export async function reportRange(db: Db, query: { startDate?: string; endDate?: string; timezone?: string }): Promise<ReportRange | { errors: FieldErrors }> {
  const timezone = query.timezone ?? 'UTC';
  if (!(await knownZones(db)).has(timezone)) return { errors: { timezone: ['The timezone must be a valid IANA time zone.'] } };
  const errors: FieldErrors = {};
  const start = query.startDate === undefined ? null : readInstant(query.startDate);
  const end = query.endDate === undefined ? null : readInstant(query.endDate);
  if (start === undefined) errors.startDate = ['The startDate must be a valid ISO 8601 date between the years 2000 and 2999.'];
  if (end === undefined) errors.endDate = ['The endDate must be a valid ISO 8601 date between the years 2000 and 2999.'];
  if (start === undefined || end === undefined) return { errors };

  const [row] = rowsOf<{ start: string | Date | null; end: string | Date }>(
    await db.execute(sql`
    select ${start ? instantSql(start, timezone, false) : sql`null::timestamptz`} as start,
           ${end ? instantSql(end, timezone, true) : sql`now()`} as end`),
  );
  const endAt = new Date(row!.end);
  const startAt = row!.start === null ? new Date(endAt.getTime() - DEFAULT_DAYS * DAY_MS) : new Date(row!.start);
  if (startAt >= endAt) return { errors: { startDate: ['The startDate must be before the endDate.'] } };
  const days = (endAt.getTime() - startAt.getTime()) / DAY_MS;
  if (days > MAX_DAYS) return { errors: { endDate: ['The endDate must be at most ten years after the startDate.'] } };
  return { timezone, start: startAt, end: endAt, granularity: days <= 62 ? 'day' : days <= 366 ? 'week' : 'month' };
}

/** Plays per bucket of `start`..`end` in the time zone, every bucket listed. */
async function series(db: Db, scope: Scope, range: ReportRange, start: Date, end: Date) {
  const local = (date: Date) => sql`(${at(date)} at time zone ${range.timezone})`;
  return rowsOf<{ date: string; value: number }>(
    await db.execute(sql`
    with counted as (
      select date_trunc(${range.granularity}, p.created_at at time zone ${range.timezone}) as bucket, count(*)::int as n
      from plays p where ${logged('p', scope, start, end)} group by 1
    )
    select to_char(b, 'YYYY-MM-DD') as date, coalesce(counted.n, 0) as value
    from generate_series(date_trunc(${range.granularity}, ${local(start)}), ${local(end)} - interval '1 microsecond',
                         ${`1 ${range.granularity}`}::interval) as b
    left join counted on counted.bucket = b
    order by b`),
  );
}

async function playsSeries(db: Db, scope: Scope, range: ReportRange): Promise<TimeSeries> {
  const length = range.end.getTime() - range.start.getTime();
  const previousStart = new Date(range.start.getTime() - length);
  const [now, before] = await Promise.all([series(db, scope, range, range.start, range.end), series(db, scope, range, previousStart, range.start)]);
  return {
    granularity: range.granularity,
    total: now.reduce((sum, point) => sum + point.value, 0),
    datasets: [
      { label: 'Current period', data: now },
      { label: 'Previous period', data: before },
    ],
  };
}

const LABELS: Record<Exclude<Metric, 'plays'>, Breakdown['datasets'][number]['label']> = {
  devices: 'Devices',
  browsers: 'Browsers',
  platforms: 'Platforms',
  locations: 'Locations',
  tracks: 'Tracks',
  artists: 'Artists',
  albums: 'Albums',
  users: 'Users',
};

/** Plays of the range per track, artist, album or listener, by name. */
function playsPerEntity(metric: 'tracks' | 'artists' | 'albums' | 'users', where: SQL): SQL {
  switch (metric) {
    case 'tracks':
      return sql`select t.name as label, count(*)::int as value from plays p join tracks t on t.id = p.track_id
        where ${where} group by t.id order by value desc, t.id limit ${BREAKDOWN_LIMIT}`;
    case 'artists':
      return sql`select a.name as label, count(*)::int as value from plays p
        join track_artists ta on ta.track_id = p.track_id join artists a on a.id = ta.artist_id
        where ${where} group by a.id order by value desc, a.id limit ${BREAKDOWN_LIMIT}`;
    case 'albums':
      return sql`select al.name as label, count(*)::int as value from plays p
        join tracks t on t.id = p.track_id join albums al on al.id = t.album_id
        where ${where} group by al.id order by value desc, al.id limit ${BREAKDOWN_LIMIT}`;
    case 'users':
      return sql`select u.display_name as label, count(*)::int as value from plays p join users u on u.id = p.user_id
        where ${where} group by u.id order by value desc, u.id limit ${BREAKDOWN_LIMIT}`;
  }
}

async function breakdown(db: Db, scope: Scope, range: ReportRange, metric: Exclude<Metric, 'plays'>): Promise<Breakdown> {
  const where = logged('p', scope, range.start, range.end);
  const [totals] = rowsOf<{ total: number; signed_in: number }>(
    await db.execute(sql`
    select count(*)::int as total, count(p.user_id)::int as signed_in from plays p where ${where}`),
  );
  const data =
    metric === 'tracks' || metric === 'artists' || metric === 'albums' || metric === 'users'
      ? rowsOf<{ label: string; value: number }>(await db.execute(playsPerEntity(metric, where)))
      : await playsBy(db, scope, range, metric satisfies Dimension, metric === 'locations' ? LOCATION_LIMIT : BREAKDOWN_LIMIT);
  return { total: metric === 'users' ? totals!.signed_in : totals!.total, datasets: [{ label: LABELS[metric], data }] };
}

export async function insightsReport(db: Db, scope: Scope, range: ReportRange, metrics: readonly Metric[]): Promise<InsightsReport> {
  const report: InsightsReport = {};
  for (const metric of new Set(metrics)) {
    if (metric === 'plays') report.plays = await playsSeries(db, scope, range);
    else report[metric] = await breakdown(db, scope, range, metric);
  }
  return report;
}
