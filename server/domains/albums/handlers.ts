import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField, notFound, notFoundWith } from '../../contract/responses.js';
import type { RequestContext } from '../../http/request-context.js';
import { editableAlbumIds, parseIdList } from '../catalog/permissions.js';
import { resolveArtistCredits } from '../artists/credits.js';
import { deleteAlbums, existingAlbumIds, findAlbum, insertAlbum, listAlbums, loadAlbumDetails, updateAlbum, type AlbumRow } from './repository.js';
import { serializeAlbum, serializeAlbumPublic } from './serializers.js';
import { albumsAtTier } from '../catalog/viewer-tier.js';

const STAY_CREDITED = 'An album must stay credited to an artist profile you manage.';

/** The date format only checks the pattern; `2026-02-30` and year 0 (which PostgreSQL lacks) get here. */
function invalidReleaseDate(value: string | null | undefined) {
  if (value == null) return null;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  const real = year >= 1 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? null : invalidField('release_date', 'The release_date field must be a valid date.');
}

export function createAlbumHandlers(db: Db): TagHandlers<'Albums'> {
  async function rich(album: AlbumRow, auth: RequestContext) {
    const [details] = await loadAlbumDetails(db, [album], auth.user?.id ?? null);
    return serializeAlbum(details!);
  }

  return {
    async listAlbums({ page, auth }) {
      const { rows, total } = await listAlbums(db, page);
      const data = await albumsAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async createAlbum({ body, auth }) {
      const user = auth.user;
      const badDate = invalidReleaseDate(body.release_date);
      if (badDate) return badDate;
      const credits = await resolveArtistCredits(db, user.id, body.artists, {
        noProfile: 'You need an artist profile to create albums.',
        forbidden: 'You can only create albums for an artist profile you manage.',
      });
      if (!credits.ok) return credits.response;
      const album = await insertAlbum(
        db,
        user.id,
        {
          name: body.name,
          description: body.description,
          releaseDate: body.release_date,
          image: body.image,
        },
        credits.artistIds,
      );
      return { status: 200, body: { status: 'success', album: await rich(album, auth) } };
    },

    async getAlbum({ params, query, auth }) {
      const loader = query.loader ?? 'albumPage';
      const album = await findAlbum(db, params.album_id);
      if (!album) return notFound('Album');
      if (!auth.user) return { status: 200, body: { album: serializeAlbumPublic(album), loader } };
      return { status: 200, body: { album: await rich(album, auth), loader } };
    },

    async updateAlbum({ params, body, auth }) {
      const user = auth.user;
      const album = await findAlbum(db, params.album_id);
      if (!album) return notFound('Album');
      if (!(await editableAlbumIds(db, user.id, [album.id])).has(album.id)) {
        return forbidden('You may not change this album.');
      }
      const badDate = invalidReleaseDate(body.release_date);
      if (badDate) return badDate;
      let artistIds: number[] | undefined;
      if (body.artists !== undefined) {
        const credits = await resolveArtistCredits(db, user.id, body.artists, {
          noProfile: STAY_CREDITED,
          forbidden: STAY_CREDITED,
        });
        if (!credits.ok) return credits.response;
        artistIds = credits.artistIds;
      }
      const updated = await updateAlbum(
        db,
        album.id,
        {
          name: body.name,
          description: body.description,
          releaseDate: body.release_date,
          image: body.image,
        },
        artistIds,
      );
      return { status: 200, body: { status: 'success', album: await rich(updated, auth) } };
    },

    async deleteAlbums({ params, auth }) {
      const user = auth.user;
      const ids = parseIdList(params.album_id);
      const existing = await existingAlbumIds(db, ids);
      const missing = ids.find((id) => !existing.has(id));
      if (missing !== undefined) return notFoundWith(`Album ${missing} not found.`);
      const editable = await editableAlbumIds(db, user.id, ids);
      const denied = ids.find((id) => !editable.has(id));
      if (denied !== undefined) return forbidden(`You may not delete album ${denied}.`);
      await deleteAlbums(db, ids);
      return { status: 200, body: { status: 'success' } };
    },
  };
}
