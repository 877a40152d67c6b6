// Analytics of what a producer manages: producer analytics of tracks, albums and artists, an
// artist's download analytics and audience activity, and the older insights report. Only the
// managers of the track, album or artist may read them.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, notFound } from '../../contract/responses.js';
import type { UserRow } from '../users/repository.js';
import { artistActivity, downloadsAnalytics } from './artist-activity.js';
import { insightsReport, reportRange, type Metric } from './insights-report.js';
import { windowOf, type PeriodKey } from './periods.js';
import { producerAnalytics } from './producer-analytics.js';
import { findSubject, type Subject, type SubjectKind } from './subjects.js';

const NAMES: Record<SubjectKind, string> = { track: 'Track', album: 'Album', artist: 'Artist' };
const NO_STORE = { 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0' };

type Managed = { subject: Subject } | ReturnType<typeof notFound> | ReturnType<typeof forbidden>;

/** The subject, when it exists and the user manages it. */
async function managed(db: Db, kind: SubjectKind, id: number, user: UserRow): Promise<Managed> {
  const subject = await findSubject(db, kind, id);
  if (!subject) return notFound(NAMES[kind]);
  if (!subject.managerIds.includes(user.id)) return forbidden(`Unauthorized access to ${kind} analytics.`);
  return { subject };
}

const windowFor = (period: PeriodKey | undefined, fallback: PeriodKey) => windowOf(period ?? fallback);

export function createAnalyticsHandlers(db: Db): TagHandlers<'Analytics'> {
  return {
    async getTrackProducerAnalytics({ params, query, auth }) {
      const found = await managed(db, 'track', params.track_id, auth.user);
      if (!('subject' in found)) return found;
      return { status: 200, body: { status: 'success', analytics: await producerAnalytics(db, found.subject, windowFor(query.period, '30d')) } };
    },

    async getAlbumProducerAnalytics({ params, query, auth }) {
      const found = await managed(db, 'album', params.album_id, auth.user);
      if (!('subject' in found)) return found;
      return { status: 200, body: { status: 'success', analytics: await producerAnalytics(db, found.subject, windowFor(query.period, '30d')) } };
    },

    async getArtistProducerAnalytics({ params, query, auth }) {
      const found = await managed(db, 'artist', params.artist_id, auth.user);
      if (!('subject' in found)) return found;
      return { status: 200, body: { status: 'success', analytics: await producerAnalytics(db, found.subject, windowFor(query.period, '30d')) } };
    },

    async getArtistDownloadsAnalytics({ params, query, auth }) {
      const found = await managed(db, 'artist', params.artist_id, auth.user);
      if (!('subject' in found)) return found;
      return { status: 200, body: { status: 'success', analytics: await downloadsAnalytics(db, found.subject, windowFor(query.period, '30d')) } };
    },

    async getArtistActivity({ params, query, page, auth }) {
      const found = await managed(db, 'artist', params.artist_id, auth.user);
      if (!('subject' in found)) return found;
      return { status: 200, body: await artistActivity(db, found.subject, windowFor(query.period, '90d'), page) };
    },

    async getInsightsReport({ query, auth }) {
      const range = await reportRange(db, query);
      if ('errors' in range) return invalid(range.errors);
      const [type, id] = (query.model ?? 'track_play:0').split(':') as [SubjectKind | 'track_play', string];
      if (type === 'track_play') return forbidden('Platform-wide insights need administrator access.');
      const found = await managed(db, type, Number(id), auth.user);
      if (!('subject' in found)) return found;
      const metrics = (query.metrics ?? 'plays').split(',') as Metric[];
      const scope = { tracks: found.subject.tracks, excludedUserIds: [] };
      return { status: 200, headers: NO_STORE, body: { status: 'success', report: await insightsReport(db, scope, range, metrics) } };
    },
  };
}
