// The channels: a fixed set defined here (BeatPass documents the routes, not the channels),
// each a ranking from repository.ts over one kind of content. The table in the spec
// (`GET /api/v1/channel`) describes the same set; keep the two together.
import type { components } from '../../../generated/api.js';
import type { Db } from '../../db/connection.js';
import type { PageRequest } from '../../http/pagination.js';
import { serializeArtistPublic, serializeGenre } from '../catalog/serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';
import { loadArtistSummaries } from '../artists/repository.js';
import { serializeArtistSummary } from '../artists/serializers.js';
import {
  albumsWithTracksCount,
  genreCount,
  genresByTracks,
  newestTracks,
  popularAlbums,
  popularTracks,
  producerCount,
  RECENT_DAYS,
  topProducers,
  trackCount,
  TRENDING_DAYS,
  trendingTrackCount,
  trendingTracks,
  type ArtistRow,
  type Window,
} from './repository.js';
import { albumsInOrder, artistsInOrder, genresInOrder, tracksInOrder } from '../catalog/rows-in-order.js';

type Schemas = components['schemas'];
export type Viewer = { id: number } | null;
type ContentType = Schemas['Channel']['content_type'];
export type ChannelItem = Schemas['ChannelContentPage']['data'][number];

export interface ChannelDefinition {
  slug: string;
  name: string;
  description: string;
  contentType: ContentType;
  /** Ids of one page of content, in order. */
  ids(db: Db, window: Window): Promise<number[]>;
  /** Items in the whole channel. */
  total(db: Db): Promise<number>;
}

export const CHANNELS: readonly ChannelDefinition[] = Object.freeze([
  {
    slug: 'new-releases',
    name: 'New releases',
    description: 'The newest tracks first.',
    contentType: 'track',
    ids: newestTracks,
    total: trackCount,
  },
  {
    slug: 'trending',
    name: 'Trending',
    description: `Tracks by plays in the last ${TRENDING_DAYS} days, then all-time plays.`,
    contentType: 'track',
    ids: (db, w) => trendingTracks(db, TRENDING_DAYS, w),
    total: (db) => trendingTrackCount(db, TRENDING_DAYS),
  },
  {
    slug: 'popular-tracks',
    name: 'Popular tracks',
    description: 'Tracks by all-time plays.',
    contentType: 'track',
    ids: popularTracks,
    total: trackCount,
  },
  {
    slug: 'popular-albums',
    name: 'Popular albums',
    description: `Albums by plays of their tracks in the last ${RECENT_DAYS} days, then all-time plays.`,
    contentType: 'album',
    ids: (db, w) => popularAlbums(db, RECENT_DAYS, w),
    total: albumsWithTracksCount,
  },
  {
    slug: 'top-producers',
    name: 'Top producers',
    description: 'Producers by all-time plays of their tracks, then followers.',
    contentType: 'artist',
    ids: topProducers,
    total: producerCount,
  },
  {
    slug: 'genres',
    name: 'Genres',
    description: 'Genres by how many tracks carry them.',
    contentType: 'genre',
    ids: genresByTracks,
    total: genreCount,
  },
]);

/** Artists as `ArtistSummary` for signed-in callers, `ArtistPublic` for anonymous ones. */
export async function artistsAtTier(db: Db, rows: ArtistRow[], viewer: Viewer): Promise<(Schemas['ArtistSummary'] | Schemas['ArtistPublic'])[]> {
  return viewer ? (await loadArtistSummaries(db, rows, viewer.id)).map(serializeArtistSummary) : rows.map(serializeArtistPublic);
}

export function findChannel(slug: string): ChannelDefinition | undefined {
  return CHANNELS.find((c) => c.slug === slug);
}

/** One page of a channel's content at the viewer's tier, and the channel's size. */
export async function channelContent(db: Db, channel: ChannelDefinition, page: PageRequest, viewer: Viewer): Promise<{ items: ChannelItem[]; total: number }> {
  const [ids, total] = await Promise.all([channel.ids(db, { limit: page.perPage, offset: page.offset }), channel.total(db)]);
  switch (channel.contentType) {
    case 'track':
      return { items: await tracksAtTier(db, await tracksInOrder(db, ids), viewer), total };
    case 'album':
      return { items: await albumsAtTier(db, await albumsInOrder(db, ids), viewer), total };
    case 'artist':
      return { items: await artistsAtTier(db, await artistsInOrder(db, ids), viewer), total };
    case 'genre':
      return { items: (await genresInOrder(db, ids)).map(serializeGenre), total };
  }
}
