// Discovery: radio stations, channels, carousels, producer highlights and landing-page
// artists. Everything is ranked from the data on each request (repository.ts); this module
// picks the ranking, loads the rows and serialises them at the caller's access tier.
import type { components } from '../../../generated/api.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { notFound, notFoundWith } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { findArtist, findTrack, loadTrackDetails } from '../catalog/repository.js';
import { serializeGenre, serializeTrack, serializeTrackPublic } from '../catalog/serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';
import { artistsAtTier, CHANNELS, channelContent, findChannel } from './channels.js';
import {
  artistSeed,
  genreSeed,
  highlightLeaders,
  mostFollowedProducers,
  mostLikedRecentTracks,
  popularAlbums,
  radioTrackIds,
  RECENT_DAYS,
  risingProducers,
  trackSeed,
  TRENDING_DAYS,
  type HighlightCategory,
} from './repository.js';
import { albumsInOrder, artistsInOrder, genresInOrder, tracksInOrder } from '../catalog/rows-in-order.js';

type Schemas = components['schemas'];

/** Carousels and the landing page show this many items. */
export const FEED_SIZE = 12;
const first = { limit: FEED_SIZE, offset: 0 };

const HIGHLIGHTS: Record<HighlightCategory, { title: string; days: number }> = {
  most_played_week: { title: 'Most played this week', days: TRENDING_DAYS },
  most_followed_month: { title: 'Most new followers this month', days: RECENT_DAYS },
  most_liked_month: { title: 'Most liked this month', days: RECENT_DAYS },
  most_releases_month: { title: 'Most releases this month', days: RECENT_DAYS },
};

export function createDiscoveryHandlers(db: Db): TagHandlers<'Discovery'> {
  return {
    async getRadioStation({ params, auth }) {
      const stationNotFound = notFoundWith('Station not found.');
      let seed: Schemas['RadioStation']['seed'];
      let ranking;
      if (params.type === 'track') {
        const track = await findTrack(db, params.id);
        if (!track) return stationNotFound;
        seed = auth.user ? serializeTrack((await loadTrackDetails(db, [track], auth.user.id))[0]!) : serializeTrackPublic(track);
        ranking = trackSeed(track);
      } else if (params.type === 'artist') {
        const artist = await findArtist(db, params.id);
        if (!artist) return stationNotFound;
        seed = (await artistsAtTier(db, [artist], auth.user))[0]!;
        ranking = await artistSeed(db, artist.id);
      } else {
        const [genre] = await genresInOrder(db, [params.id]);
        if (!genre) return stationNotFound;
        seed = serializeGenre(genre);
        ranking = genreSeed(genre.id);
      }
      const rows = await tracksInOrder(db, await radioTrackIds(db, ranking));
      return { status: 200, body: { type: params.type, seed, recommendations: await tracksAtTier(db, rows, auth.user) } };
    },

    async listChannels() {
      return {
        status: 200,
        body: { channels: CHANNELS.map(({ slug, name, description, contentType }) => ({ slug, name, description, content_type: contentType })) },
      };
    },

    async getChannel({ params, page, auth }) {
      const channel = findChannel(params.channel);
      if (!channel) return notFound('Channel');
      const { items, total } = await channelContent(db, channel, page, auth.user);
      return {
        status: 200,
        body: {
          channel: {
            slug: channel.slug,
            name: channel.name,
            description: channel.description,
            content_type: channel.contentType,
            content: page.lengthAware(items, total),
          },
        },
      };
    },

    async listCarouselAlbums({ auth }) {
      const rows = await albumsInOrder(db, await popularAlbums(db, RECENT_DAYS, first));
      return { status: 200, body: { albums: await albumsAtTier(db, rows, auth.user) } };
    },

    async listCarouselTracks({ auth }) {
      const rows = await tracksInOrder(db, await mostLikedRecentTracks(db, RECENT_DAYS, first));
      return { status: 200, body: { tracks: await tracksAtTier(db, rows, auth.user) } };
    },

    async listCarouselProducers({ auth }) {
      const rows = await artistsInOrder(db, await risingProducers(db, RECENT_DAYS, first));
      return { status: 200, body: { artists: await artistsAtTier(db, rows, auth.user) } };
    },

    async listLandingArtists({ auth }) {
      const rows = await artistsInOrder(db, await mostFollowedProducers(db, first));
      return { status: 200, body: { artists: await artistsAtTier(db, rows, auth.user) } };
    },

    async listProducerHighlights({ auth }) {
      const leaders = await highlightLeaders(db);
      const rows = await artistsInOrder(db, [...new Set(leaders.map((l) => l.artistId))]);
      const serialised = await artistsAtTier(db, rows, auth.user);
      const byId = new Map(rows.map((row, i) => [row.id, serialised[i]!]));
      const highlights = leaders.flatMap(({ category, artistId, value }) => {
        const artist = byId.get(artistId);
        return artist ? [{ category, title: HIGHLIGHTS[category].title, value, period_days: HIGHLIGHTS[category].days, artist }] : [];
      });
      return { status: 200, body: { highlights } };
    },
  };
}
