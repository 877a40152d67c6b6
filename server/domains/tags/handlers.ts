import type { Db } from '../../db/connection.js';
import { buildPage, pageRequest, pagingLinkQuery } from '../../http/pagination.js';
import { buildSimplePage, splitProbe } from '../../http/simple-pagination.js';
import { listTagAlbums } from '../albums/repository.js';
import { serializeGenre } from '../catalog/serializers.js';
import type { DomainHandlers } from '../handler-types.js';
import { findGenreByName, findTagByName, listGenreTracks, listTagTracks } from './repository.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';

const tagNotFound = { status: 404 as const, body: { message: 'Tag not found.' } };

export function createTagHandlers(db: Db): DomainHandlers<'getGenre' | 'listTagTracks' | 'listTagAlbums'> {
  return {
    async getGenre({ params, query, auth }) {
      const genre = await findGenreByName(db, params.genre_name);
      if (!genre) return { status: 404, body: { message: 'Genre not found.' } };
      const page = pageRequest(query, 15);
      const { rows, total } = await listGenreTracks(db, genre.id, page);
      const data = await tracksAtTier(db, rows, auth.user);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', genre: serializeGenre(genre), tracks: buildPage(data, total, page, auth.url, links) } };
    },

    async listTagTracks({ params, query, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return tagNotFound;
      const page = pageRequest(query, 15);
      const { rows, hasMore } = splitProbe(await listTagTracks(db, tag.id, page, 1), page.perPage);
      const data = await tracksAtTier(db, rows, auth.user);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildSimplePage(data, hasMore, page, auth.url, links) } };
    },

    async listTagAlbums({ params, query, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return tagNotFound;
      const page = pageRequest(query, 15);
      const { rows, hasMore } = splitProbe(await listTagAlbums(db, tag.id, page, 1), page.perPage);
      const data = await albumsAtTier(db, rows, auth.user);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildSimplePage(data, hasMore, page, auth.url, links) } };
    },
  };
}
