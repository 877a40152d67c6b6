import type { Db } from '../../db/connection.js';
import { buildPage, pageRequest, pagingLinkQuery } from '../../http/pagination.js';
import { findTrack } from '../catalog/repository.js';
import type { DomainHandlers } from '../handler-types.js';
import { listTrackComments } from './repository.js';
import { serializeComment } from './serializers.js';

/** BeatPass's published spec pages comments by 20. */
const COMMENTS_PER_PAGE = 20;

export function createCommentHandlers(db: Db): DomainHandlers<'listTrackComments'> {
  return {
    async listTrackComments({ params, query, auth }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return { status: 404, body: { message: 'Track not found.' } };
      const page = pageRequest(query, COMMENTS_PER_PAGE);
      const { rows, total } = await listTrackComments(db, track.id, page);
      const data = rows.map(serializeComment);
      return { status: 200, body: { status: 'success', pagination: buildPage(data, total, page, auth.url, pagingLinkQuery(query)) } };
    },
  };
}
