// Tags: the tracks and albums filed under one, a simple page at a time.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { listTagAlbums } from '../albums/repository.js';
import { findTagByName, listTagTracks } from './repository.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';

export function createTagHandlers(db: Db): TagHandlers<'Tags'> {
  return {
    async listTagTracks({ params, page, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return notFound('Tag');
      const probed = await listTagTracks(db, tag.id, page);
      return { status: 200, body: { status: 'success', pagination: page.simple(await tracksAtTier(db, probed, auth.user)) } };
    },

    async listTagAlbums({ params, page, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return notFound('Tag');
      const probed = await listTagAlbums(db, tag.id, page);
      return { status: 200, body: { status: 'success', pagination: page.simple(await albumsAtTier(db, probed, auth.user)) } };
    },
  };
}
