import type { Db } from '../../db/connection.js';
import type { TagHandlerPart } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { findTrack } from '../catalog/repository.js';
import { listTrackComments } from './repository.js';
import { serializeComment } from './serializers.js';

export function createCommentHandlers(db: Db): TagHandlerPart<'Tracks', 'listTrackComments'> {
  return {
    async listTrackComments({ params, page }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      const { rows, total } = await listTrackComments(db, track.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(rows.map(serializeComment), total) } };
    },
  };
}
