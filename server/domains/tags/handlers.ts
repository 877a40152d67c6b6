import type { Db } from '../../db/connection.js';
import { buildPage, pageRequest, pagingLinkQuery } from '../../http/pagination.js';
import { buildSimplePage } from '../../http/simple-pagination.js';
import { listTagAlbums, loadAlbumDetails } from '../albums/repository.js';
import { serializeAlbum, serializeAlbumPublic } from '../albums/serializers.js';
import { loadTrackDetails } from '../catalog/repository.js';
import { serializeGenre, serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import type { DomainHandlers } from '../handler-types.js';
import { findGenreByName, findTagByName, listGenreTracks, listTagTracks } from './repository.js';

const tagNotFound = { status: 404 as const, body: { message: 'Tag not found.' } };

export function createTagHandlers(db: Db): DomainHandlers<'getGenre' | 'listTagTracks' | 'listTagAlbums'> {
  return {
    async getGenre({ params, query, auth }) {
      const genre = await findGenreByName(db, params.genre_name);
      if (!genre) return { status: 404, body: { message: 'Genre not found.' } };
      const page = pageRequest(query, 15);
      const { rows, total } = await listGenreTracks(db, genre.id, page);
      const data = auth.user
        ? (await loadTrackDetails(db, rows, auth.user.id)).map(serializeTrack)
        : rows.map(serializeTrackPublic);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', genre: serializeGenre(genre), tracks: buildPage(data, total, page, auth.url, links) } };
    },

    async listTagTracks({ params, query, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return tagNotFound;
      const page = pageRequest(query, 15);
      const rows = await listTagTracks(db, tag.id, page, 1);
      const shown = rows.slice(0, page.perPage);
      const data = auth.user
        ? (await loadTrackDetails(db, shown, auth.user.id)).map(serializeTrack)
        : shown.map(serializeTrackPublic);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildSimplePage(data, rows.length > page.perPage, page, auth.url, links) } };
    },

    async listTagAlbums({ params, query, auth }) {
      const tag = await findTagByName(db, params.tag_name);
      if (!tag) return tagNotFound;
      const page = pageRequest(query, 15);
      const rows = await listTagAlbums(db, tag.id, page, 1);
      const shown = rows.slice(0, page.perPage);
      const data = auth.user
        ? (await loadAlbumDetails(db, shown, auth.user.id)).map(serializeAlbum)
        : shown.map(serializeAlbumPublic);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildSimplePage(data, rows.length > page.perPage, page, auth.url, links) } };
    },
  };
}
