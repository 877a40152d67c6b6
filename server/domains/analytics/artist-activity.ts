// An artist's audience activity (BeatPass's source-verified shape, camelCase and unwrapped)
// and download analytics (*designed here*). Both leave out the artist's managers.
import type { components } from '../../../generated/api.js';
import type { Db } from '../../db/connection.js';
import type { PageRequest } from '../../http/pagination.js';
import { percentChange, serializeWindow, timelineBuckets, type Window } from './periods.js';
import { catalogTotals, downloadEvents, engagement, mostDownloaded, playStats, timelineCounts } from './repository.js';
import { audienceOf } from './producer-analytics.js';
import type { Subject } from './subjects.js';

type ArtistActivity = components['schemas']['ArtistActivity'];
type DownloadsAnalytics = components['schemas']['DownloadsAnalytics'];

const TOP_DOWNLOADED = 20;

export async function artistActivity(db: Db, artist: Subject, window: Window, { page, perPage, offset }: PageRequest): Promise<ArtistActivity> {
  const scope = audienceOf(artist);
  const [totals, plays, engaged, [top], events] = await Promise.all([
    catalogTotals(db, scope),
    playStats(db, scope, window),
    engagement(db, scope, window),
    mostDownloaded(db, scope, window, 1),
    downloadEvents(db, scope, window, { limit: perPage, offset }),
  ]);
  return {
    hasTracks: totals.tracks > 0,
    period: serializeWindow(window),
    summary: {
      audienceDownloads: engaged.downloads,
      uniqueDownloaders: engaged.downloaders,
      // Downloads issue no license certificates until the commerce routes exist.
      licensesIssued: 0,
      audiencePlays: plays.plays,
      likes: engaged.likes,
      reposts: engaged.reposts,
      comments: engaged.comments,
      topDownloadedTrack: top ? { id: top.id, name: top.name, image: top.image, downloads: top.downloads } : null,
    },
    downloadEvents: events.map((e) => ({
      id: e.id,
      occurredAt: new Date(e.created_at).toISOString(),
      track: { id: e.track_id, name: e.track_name, image: e.track_image },
      downloader: e.user_id === null ? null : { id: e.user_id, displayName: e.display_name!, avatar: e.avatar },
      license: null,
    })),
    pagination: { page, perPage, total: engaged.downloads, hasMore: page * perPage < engaged.downloads },
  };
}

export async function downloadsAnalytics(db: Db, artist: Subject, window: Window): Promise<DownloadsAnalytics> {
  const scope = audienceOf(artist);
  const granularity = window.start ? 'day' : 'month';
  const [engaged, counts, top] = await Promise.all([
    engagement(db, scope, window),
    timelineCounts(db, scope, window, granularity, ['downloads']),
    mostDownloaded(db, scope, window, TOP_DOWNLOADED),
  ]);
  const buckets = timelineBuckets(
    window,
    artist.createdAt,
    counts.map((c) => c.bucket),
  );
  const byBucket = new Map(counts.map((c) => [c.bucket, c.n]));
  return {
    period: serializeWindow(window),
    downloads: engaged.downloads,
    unique_downloaders: engaged.downloaders,
    downloads_change: percentChange(engaged.downloads, engaged.previousDownloads),
    timeline: { granularity: buckets.granularity, data: buckets.dates.map((date) => ({ date, downloads: byBucket.get(date) ?? 0 })) },
    top_tracks: top.map((t) => ({ id: t.id, name: t.name, image: t.image, downloads: t.downloads, unique_downloaders: t.downloaders })),
  };
}
