import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalidField, notFound, notFoundWith } from '../../contract/responses.js';
import { listArtistAlbums } from '../albums/repository.js';
import { parseIdList } from '../catalog/permissions.js';
import { findArtist, findTrack, loadArtistDetails, loadTrackDetails } from '../catalog/repository.js';
import { serializeArtist, serializeArtistPublic, serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import { serializeUser } from '../users/serializers.js';
import {
  artistOwners,
  clearPinnedTrack,
  deleteArtists,
  findPinnedTrack,
  insertArtist,
  isTrackCredited,
  listArtistFollowers,
  listArtists,
  listArtistTracks,
  loadArtistSummaries,
  setPinnedTrack,
  updateArtist,
  type ArtistRow,
} from './repository.js';
import { evaluateAchievements, loadArtistMetrics } from './achievements.js';
import { recommendCollaborators } from './recommendations.js';
import {
  serializeAchievements,
  serializeAchievementsPublic,
  serializeArtistSummary,
  serializeRecommendation,
  serializeRecommendationPublic,
} from './serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';

const NOT_PIN_MANAGER = "Only the artist's manager may change its pinned track.";

export function createArtistHandlers(db: Db): TagHandlers<'Artists'> {
  return {
    async listArtists({ page, auth }) {
      const { rows, total } = await listArtists(db, page);
      const data = auth.user ? (await loadArtistSummaries(db, rows, auth.user.id)).map(serializeArtistSummary) : rows.map(serializeArtistPublic);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async getArtist({ params, query, auth }) {
      const loader = query.loader ?? 'artistPage';
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      if (!auth.user) return { status: 200, body: { artist: serializeArtistPublic(artist), loader } };
      return { status: 200, body: { artist: serializeArtist(await loadArtistDetails(db, artist, auth.user.id)), loader } };
    },

    async createArtist({ body, auth }) {
      const user = auth.user;
      let artist: ArtistRow;
      try {
        artist = await insertArtist(db, user.id, { name: body.name, bio: body.description ?? null, imageSmall: body.image_small ?? null });
      } catch (err) {
        // The unique index on artists(user_id) is the one check, so two racing creates cannot both pass it.
        if (uniqueViolation(err)?.constraint === 'artists_user_unique') return forbidden('You already manage an artist profile.');
        throw err;
      }
      return { status: 200, body: { status: 'success', artist: serializeArtist(await loadArtistDetails(db, artist, user.id)) } };
    },

    async updateArtist({ params, body, auth }) {
      const user = auth.user;
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      if (artist.userId !== user.id) return forbidden('You do not manage this artist.');
      const updated = await updateArtist(db, artist.id, {
        name: body.name,
        bio: body.description,
        imageSmall: body.image_small,
        website: body.website,
      });
      return { status: 200, body: { status: 'success', artist: serializeArtist(await loadArtistDetails(db, updated, user.id)) } };
    },

    async deleteArtists({ params, auth }) {
      const user = auth.user;
      const ids = parseIdList(params.artist_id);
      const owners = await artistOwners(db, ids);
      const missing = ids.find((id) => !owners.has(id));
      if (missing !== undefined) return notFoundWith(`Artist ${missing} not found.`);
      const notManaged = ids.find((id) => owners.get(id) !== user.id);
      if (notManaged !== undefined) return forbidden(`You do not manage artist ${notManaged}.`);
      await deleteArtists(db, ids);
      return { status: 200, body: { status: 'success' } };
    },

    async listArtistTracks({ params, page, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const { rows, total } = await listArtistTracks(db, artist.id, page);
      const data = await tracksAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async listArtistAlbums({ params, page, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const probed = await listArtistAlbums(db, artist.id, page);
      return { status: 200, body: { status: 'success', pagination: page.simple(await albumsAtTier(db, probed, auth.user)) } };
    },

    async listArtistFollowers({ params, page }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const { rows, total } = await listArtistFollowers(db, artist.id, page);
      const data = rows.map((user) => serializeUser(user, false));
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async pinArtistTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      if (artist.userId !== auth.user.id) return forbidden(NOT_PIN_MANAGER);
      if (!(await findTrack(db, params.track_id))) return notFound('Track');
      if (!(await isTrackCredited(db, artist.id, params.track_id))) return invalidField('track_id', 'The track is not credited to this artist.');
      await setPinnedTrack(db, artist.id, params.track_id);
      return { status: 200, body: { status: 'success' } };
    },

    async unpinArtistTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      if (artist.userId !== auth.user.id) return forbidden(NOT_PIN_MANAGER);
      if (!(await findTrack(db, params.track_id))) return notFound('Track');
      await clearPinnedTrack(db, artist.id, params.track_id);
      return { status: 200, body: { status: 'success' } };
    },

    async getArtistPinnedTrack({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const track = await findPinnedTrack(db, artist);
      if (!track) return { status: 200, body: { status: 'success', track: null } };
      if (!auth.user) return { status: 200, body: { status: 'success', track: serializeTrackPublic(track) } };
      const [details] = await loadTrackDetails(db, [track], auth.user.id);
      return { status: 200, body: { status: 'success', track: serializeTrack(details!) } };
    },

    async listArtistProducerAchievements({ params, auth }) {
      const metrics = await loadArtistMetrics(db, params.artist_id);
      if (!metrics) return notFound('Artist');
      const result = evaluateAchievements(metrics);
      return {
        status: 200,
        body: auth.user ? serializeAchievements(params.artist_id, result) : serializeAchievementsPublic(params.artist_id, result),
      };
    },

    async checkArtistOwnership({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const owned = auth.user !== null && artist.userId === auth.user.id;
      return { status: 200, body: { owned, artist_id: artist.id, artist_name: artist.name } };
    },

    async listArtistCollaborationRecommendations({ params, query, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const { artistGenres, totalFound, candidates } = await recommendCollaborators(db, artist.id, query.limit ?? 10);
      const recommendations = candidates.map(auth.user ? serializeRecommendation : serializeRecommendationPublic);
      return { status: 200, body: { artist_genres: artistGenres, total_found: totalFound, recommendations } };
    },
  };
}
