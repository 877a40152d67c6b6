import type { Db } from '../../db/connection.js';
import { buildPage, pageRequest, pagingLinkQuery } from '../../http/pagination.js';
import type { DomainHandlers } from '../handler-types.js';
import {
  findArtist, findTrack, listGenres, listTracks, loadArtistDetails, loadTrackDetails,
} from './repository.js';
import { serializeArtist, serializeArtistPublic, serializeGenre, serializeTrack, serializeTrackPublic } from './serializers.js';
import { tracksAtTier } from './viewer-tier.js';

export function createCatalogHandlers(db: Db): DomainHandlers<'listGenres' | 'listTracks' | 'getTrack' | 'getArtist'> {
  return {
    async listGenres({ query, auth }) {
      const page = pageRequest(query, 15);
      const { rows, total } = await listGenres(db, page);
      return {
        status: 200,
        body: { status: 'success', pagination: buildPage(rows.map(serializeGenre), total, page, auth.url, { per_page: query.per_page }) },
      };
    },

    async listTracks({ query, auth }) {
      const page = pageRequest(query, 15);
      const search = query.query?.trim() || undefined;
      const { rows, total } = await listTracks(db, { query: search, page });
      const data = await tracksAtTier(db, rows, auth.user);
      const links = { query: search, ...pagingLinkQuery(query) };
      return { status: 200, body: { status: 'success', pagination: buildPage(data, total, page, auth.url, links) } };
    },

    async getTrack({ params, auth }) {
      const track = await findTrack(db, Number(params.track_id));
      if (!track) return { status: 404, body: { message: 'Track not found.' } };
      if (!auth.user) return { status: 200, body: { track: serializeTrackPublic(track), loader: 'trackPage' } };
      const [details] = await loadTrackDetails(db, [track], auth.user.id);
      return { status: 200, body: { track: serializeTrack(details!), loader: 'trackPage' } };
    },

    async getArtist({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return { status: 404, body: { message: 'Artist not found.' } };
      if (!auth.user) return { status: 200, body: { artist: serializeArtistPublic(artist), loader: 'artistPage' } };
      return { status: 200, body: { artist: serializeArtist(await loadArtistDetails(db, artist, auth.user.id)), loader: 'artistPage' } };
    },
  };
}
