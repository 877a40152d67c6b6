import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import { buildPage, pageRequest, pagingLinkQuery } from '../../http/pagination.js';
import { buildSimplePage, splitProbe } from '../../http/simple-pagination.js';
import { listArtistAlbums } from '../albums/repository.js';
import { parseIdList } from '../catalog/permissions.js';
import { findArtist, findTrack, loadArtistDetails, loadTrackDetails } from '../catalog/repository.js';
import { serializeArtist, serializeArtistPublic, serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import type { DomainHandlers } from '../handler-types.js';
import { serializeUser } from '../users/serializers.js';
import { artistOwners, clearPinnedTrack, deleteArtists, findPinnedTrack, insertArtist, isTrackCredited, listArtistFollowers, listArtists, listArtistTracks, loadArtistSummaries, setPinnedTrack, updateArtist, type ArtistRow } from './repository.js';
import { evaluateAchievements, loadArtistMetrics } from './achievements.js';
import { recommendCollaborators } from './recommendations.js';
import { serializeAchievements, serializeAchievementsPublic, serializeArtistSummary, serializeRecommendation, serializeRecommendationPublic } from './serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';

type ArtistOperations =
  | 'listArtists' | 'createArtist' | 'updateArtist' | 'deleteArtists' | 'listArtistTracks' | 'listArtistAlbums'
  | 'listArtistFollowers' | 'pinArtistTrack' | 'unpinArtistTrack' | 'getArtistPinnedTrack'
  | 'listArtistProducerAchievements' | 'checkArtistOwnership' | 'listArtistCollaborationRecommendations';

const artistNotFound = { status: 404 as const, body: { message: 'Artist not found.' } };
const alreadyAnArtist = { status: 403 as const, body: { message: 'You already manage an artist profile.' } };
const notPinManager = { status: 403 as const, body: { message: "Only the artist's manager may change its pinned track." } };

export function createArtistHandlers(db: Db): DomainHandlers<ArtistOperations> {
  return {
    async listArtists({ query, auth }) {
      const page = pageRequest(query, 15);
      const { rows, total } = await listArtists(db, page);
      const data = auth.user
        ? (await loadArtistSummaries(db, rows, auth.user.id)).map(serializeArtistSummary)
        : rows.map(serializeArtistPublic);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildPage(data, total, page, auth.url, links) } };
    },

    async createArtist({ body, auth }) {
      const user = auth.user!;
      let artist: ArtistRow;
      try {
        artist = await insertArtist(db, user.id, { name: body.name, bio: body.description ?? null, imageSmall: body.image_small ?? null });
      } catch (err) {
        // The unique index on artists(user_id) is the one check, so two racing creates cannot both pass it.
        if (uniqueViolation(err)?.constraint === 'artists_user_unique') return alreadyAnArtist;
        throw err;
      }
      return { status: 200, body: { status: 'success', artist: serializeArtist(await loadArtistDetails(db, artist, user.id)) } };
    },

    async updateArtist({ params, body, auth }) {
      const user = auth.user!;
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      if (artist.userId !== user.id) return { status: 403, body: { message: 'You do not manage this artist.' } };
      const updated = await updateArtist(db, artist.id, {
        name: body.name, bio: body.description, imageSmall: body.image_small, website: body.website,
      });
      return { status: 200, body: { status: 'success', artist: serializeArtist(await loadArtistDetails(db, updated, user.id)) } };
    },

    async deleteArtists({ params, auth }) {
      const user = auth.user!;
      const ids = parseIdList(params.artist_id);
      const owners = await artistOwners(db, ids);
      const missing = ids.find((id) => !owners.has(id));
      if (missing !== undefined) return { status: 404, body: { message: `Artist ${missing} not found.` } };
      const forbidden = ids.find((id) => owners.get(id) !== user.id);
      if (forbidden !== undefined) return { status: 403, body: { message: `You do not manage artist ${forbidden}.` } };
      await deleteArtists(db, ids);
      return { status: 200, body: { status: 'success' } };
    },

    async listArtistTracks({ params, query, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const page = pageRequest(query, 20);
      const { rows, total } = await listArtistTracks(db, artist.id, page);
      const data = await tracksAtTier(db, rows, auth.user);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildPage(data, total, page, auth.url, links) } };
    },

    async listArtistAlbums({ params, query, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const page = pageRequest(query, 5);
      const { rows, hasMore } = splitProbe(await listArtistAlbums(db, artist.id, page, 1), page.perPage);
      const data = await albumsAtTier(db, rows, auth.user);
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildSimplePage(data, hasMore, page, auth.url, links) } };
    },

    async listArtistFollowers({ params, query, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const page = pageRequest(query, 25);
      const { rows, total } = await listArtistFollowers(db, artist.id, page);
      const data = rows.map((user) => serializeUser(user, false));
      const links = pagingLinkQuery(query);
      return { status: 200, body: { status: 'success', pagination: buildPage(data, total, page, auth.url, links) } };
    },

    async pinArtistTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      if (artist.userId !== auth.user!.id) return notPinManager;
      if (!(await findTrack(db, params.track_id))) return { status: 404, body: { message: 'Track not found.' } };
      if (!(await isTrackCredited(db, artist.id, params.track_id))) {
        const message = 'The track is not credited to this artist.';
        return { status: 422, body: { message, errors: { track_id: [message] } } };
      }
      await setPinnedTrack(db, artist.id, params.track_id);
      return { status: 200, body: { status: 'success' } };
    },

    async unpinArtistTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      if (artist.userId !== auth.user!.id) return notPinManager;
      if (!(await findTrack(db, params.track_id))) return { status: 404, body: { message: 'Track not found.' } };
      await clearPinnedTrack(db, artist.id, params.track_id);
      return { status: 200, body: { status: 'success' } };
    },

    async getArtistPinnedTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const track = await findPinnedTrack(db, artist);
      if (!track) return { status: 200, body: { status: 'success', track: null } };
      if (!auth.user) return { status: 200, body: { status: 'success', track: serializeTrackPublic(track) } };
      const [details] = await loadTrackDetails(db, [track], auth.user.id);
      return { status: 200, body: { status: 'success', track: serializeTrack(details!) } };
    },

    async listArtistProducerAchievements({ params, auth }) {
      const metrics = await loadArtistMetrics(db, params.artist_id);
      if (!metrics) return artistNotFound;
      const result = evaluateAchievements(metrics);
      return {
        status: 200,
        body: auth.user ? serializeAchievements(params.artist_id, result) : serializeAchievementsPublic(params.artist_id, result),
      };
    },

    async checkArtistOwnership({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const owned = auth.user !== null && artist.userId === auth.user.id;
      return { status: 200, body: { owned, artist_id: artist.id, artist_name: artist.name } };
    },

    async listArtistCollaborationRecommendations({ params, query, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return artistNotFound;
      const { artistGenres, totalFound, candidates } = await recommendCollaborators(db, artist.id, query.limit ?? 10);
      const recommendations = candidates.map(auth.user ? serializeRecommendation : serializeRecommendationPublic);
      return { status: 200, body: { artist_genres: artistGenres, total_found: totalFound, recommendations } };
    },
  };
}
