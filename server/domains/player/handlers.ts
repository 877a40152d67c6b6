// Tracks for playback: a player queue's IDs in, the tracks the caller may see out, in queue
// order, at the caller's access tier.
import type { Db } from '../../db/connection.js';
import { loadTrackDetails } from '../catalog/repository.js';
import { serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import type { DomainHandlers } from '../handler-types.js';
import { tracksInOrder } from './repository.js';

export function createPlayerHandlers(db: Db): DomainHandlers<'getPlayerTracks'> {
  return {
    async getPlayerTracks({ body, auth }) {
      const rows = await tracksInOrder(db, body.track_ids);
      const data = auth.user
        ? (await loadTrackDetails(db, rows, auth.user.id)).map(serializeTrack)
        : rows.map(serializeTrackPublic);
      return { status: 200, body: { status: 'success', tracks: data } };
    },
  };
}
