// Reading the catalog's tracks: the newest (or searched) tracks a page at a time, and one
// track's page, at the caller's access tier.
import type { Db } from '../../db/connection.js';
import type { TagHandlerPart } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { findTrack, listTracks, loadTrackDetails } from '../catalog/repository.js';
import { serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import { tracksAtTier } from '../catalog/viewer-tier.js';

export function createTrackCatalogReads(db: Db): TagHandlerPart<'Tracks', 'listTracks' | 'getTrack'> {
  return {
    async listTracks({ query, page, auth }) {
      const search = query.query?.trim() || undefined;
      const { rows, total } = await listTracks(db, { query: search, page });
      const data = await tracksAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total, { query: search }) } };
    },

    async getTrack({ params, query, auth }) {
      const loader = query.loader ?? 'trackPage';
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      if (!auth.user) return { status: 200, body: { track: serializeTrackPublic(track), loader } };
      const [details] = await loadTrackDetails(db, [track], auth.user.id);
      return { status: 200, body: { track: serializeTrack(details!), loader } };
    },
  };
}
