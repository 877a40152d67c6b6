// Genres: the list, and one genre with a page of its tracks.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound } from '../../contract/responses.js';
import { listGenres } from '../catalog/repository.js';
import { serializeGenre } from '../catalog/serializers.js';
import { tracksAtTier } from '../catalog/viewer-tier.js';
import { findGenreByName, listGenreTracks } from '../tags/repository.js';

export function createGenreHandlers(db: Db): TagHandlers<'Genres'> {
  return {
    async listGenres({ page }) {
      const { rows, total } = await listGenres(db, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(rows.map(serializeGenre), total) } };
    },

    async getGenre({ params, page, auth }) {
      const genre = await findGenreByName(db, params.genre_name);
      if (!genre) return notFound('Genre');
      const { rows, total } = await listGenreTracks(db, genre.id, page);
      const data = await tracksAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', genre: serializeGenre(genre), tracks: page.lengthAware(data, total) } };
    },
  };
}
