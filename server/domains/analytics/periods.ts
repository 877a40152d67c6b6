// Reporting windows of the analytics routes: the last 7, 30 or 90 whole UTC days (today
// included) or all time, with the window of the same length just before for growth figures.

export type PeriodKey = '7d' | '30d' | '90d' | 'all';

const DAY_MS = 86_400_000;
const DAYS: Record<Exclude<PeriodKey, 'all'>, number> = { '7d': 7, '30d': 30, '90d': 90 };

export interface Window {
  key: PeriodKey;
  /** Inclusive; null for all time. */
  start: Date | null;
  /** Exclusive: the moment the figures are computed. */
  end: Date;
  /** Start of the window just before, of the same length (its end is `start`); null for all time. */
  previousStart: Date | null;
}

export function windowOf(key: PeriodKey, now = new Date()): Window {
  if (key === 'all') return { key, start: null, end: now, previousStart: null };
  const days = DAYS[key];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const start = today - (days - 1) * DAY_MS;
  return { key, start: new Date(start), end: now, previousStart: new Date(start - days * DAY_MS) };
}

export function serializeWindow(window: Window) {
  return { key: window.key, start: window.start?.toISOString() ?? null, end: window.end.toISOString() };
}

/** Change from `previous` to `current` in percent, one decimal; null when there is nothing to compare with. */
export function percentChange(current: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return Math.round(((current - previous) / previous) * 1000) / 10;
}

export type Granularity = 'day' | 'month';

/**
 * The window's buckets: UTC days, or for all time months from the subject's creation (or the
 * first bucket with logged events, if earlier) to now.
 */
export function timelineBuckets(window: Window, createdAt: Date, logged: readonly string[]): { granularity: Granularity; dates: string[] } {
  const dates: string[] = [];
  if (window.start) {
    for (let t = window.start.getTime(); t < window.end.getTime(); t += DAY_MS) dates.push(isoDate(t));
    return { granularity: 'day', dates };
  }
  const since = logged.reduce((min, bucket) => (bucket < min ? bucket : min), isoDate(createdAt.getTime()));
  let year = Number(since.slice(0, 4));
  let month = Number(since.slice(5, 7)) - 1;
  const last = Date.UTC(window.end.getUTCFullYear(), window.end.getUTCMonth(), 1);
  for (let t = Date.UTC(year, month, 1); t <= last; t = Date.UTC(year, month, 1)) {
    dates.push(isoDate(t));
    month += 1;
    if (month === 12) {
      month = 0;
      year += 1;
    }
  }
  return { granularity: 'month', dates };
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
