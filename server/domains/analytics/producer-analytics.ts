// The producer analytics of a track, album or artist (*designed here*; see the
// `ProducerAnalytics` schema): figures of the audience, which leaves out the subject's managers.
import type { components } from '../../../generated/api.js';
import type { Db } from '../../db/connection.js';
import { percentChange, serializeWindow, timelineBuckets, type Window } from './periods.js';
import { catalogTotals, engagement, playsBy, playStats, timelineCounts, topTracks, type Scope } from './repository.js';
import type { Subject } from './subjects.js';

type ProducerAnalytics = components['schemas']['ProducerAnalytics'];

const TOP_TRACKS = 10;
const BREAKDOWN_LIMIT = 50;
const LOCATION_LIMIT = 250;

export const audienceOf = (subject: Subject): Scope => ({ tracks: subject.tracks, excludedUserIds: subject.managerIds });

export async function producerAnalytics(db: Db, subject: Subject, window: Window): Promise<ProducerAnalytics> {
  const scope = audienceOf(subject);
  const range = { start: window.start, end: window.end };
  const [totals, plays, engaged, devices, browsers, platforms, locations, timeline, top] = await Promise.all([
    catalogTotals(db, scope),
    playStats(db, scope, window),
    engagement(db, scope, window),
    playsBy(db, scope, range, 'devices', BREAKDOWN_LIMIT),
    playsBy(db, scope, range, 'browsers', BREAKDOWN_LIMIT),
    playsBy(db, scope, range, 'platforms', BREAKDOWN_LIMIT),
    playsBy(db, scope, range, 'locations', LOCATION_LIMIT),
    timelineOf(db, scope, subject, window),
    subject.kind === 'track' ? Promise.resolve(undefined) : topTracks(db, scope, window, TOP_TRACKS),
  ]);
  return {
    basic_info: {
      id: subject.id,
      model_type: subject.kind,
      name: subject.name,
      image: subject.image,
      created_at: subject.createdAt.toISOString(),
      ...(subject.kind !== 'track' && { track_count: totals.tracks }),
    },
    period: serializeWindow(window),
    performance_metrics: {
      lifetime_plays: totals.lifetimePlays,
      plays: plays.plays,
      anonymous_plays: plays.anonymous,
      unique_listeners: plays.listeners,
      average_listen_ms: plays.averageListenMs,
      completion_rate: plays.plays === 0 ? 0 : Math.round((plays.completed / plays.plays) * 1000) / 1000,
    },
    engagement_metrics: {
      likes: engaged.likes,
      reposts: engaged.reposts,
      comments: engaged.comments,
      downloads: engaged.downloads,
      unique_downloaders: engaged.downloaders,
    },
    growth: {
      plays_change: percentChange(plays.plays, plays.previousPlays),
      listeners_change: percentChange(plays.listeners, plays.previousListeners),
      downloads_change: percentChange(engaged.downloads, engaged.previousDownloads),
    },
    audience_insights: { devices, browsers, platforms, locations },
    timeline,
    ...(top && { top_tracks: top }),
  };
}

async function timelineOf(db: Db, scope: Scope, subject: Subject, window: Window): Promise<ProducerAnalytics['timeline']> {
  const granularity = window.start ? 'day' : 'month';
  const counts = await timelineCounts(db, scope, window, granularity, ['plays', 'downloads', 'likes']);
  const buckets = timelineBuckets(
    window,
    subject.createdAt,
    counts.map((c) => c.bucket),
  );
  const points = new Map(buckets.dates.map((date) => [date, { date, plays: 0, downloads: 0, likes: 0 }]));
  for (const c of counts) {
    const point = points.get(c.bucket);
    if (point) point[c.kind] = c.n;
  }
  return { granularity: buckets.granularity, data: [...points.values()] };
}
