// Tracks for playback: a player queue's IDs in, the tracks the caller may see out, in queue
// order, at the caller's access tier.
import type { Db } from '../../db/connection.js';
import type { TagHandlerPart } from '../../contract/handlers.js';
import { tracksInOrder } from '../catalog/rows-in-order.js';
import { tracksAtTier } from '../catalog/viewer-tier.js';

export function createPlayerHandlers(db: Db): TagHandlerPart<'Tracks', 'getPlayerTracks'> {
  return {
    async getPlayerTracks({ body, auth }) {
      const rows = await tracksInOrder(db, body.track_ids);
      const data = await tracksAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', tracks: data } };
    },
  };
}
