// The access tiers of albums: anonymous callers get the minimal form, signed-in callers the
// rich one with artists, tracks and what is derived from the tracks.
import type { components } from '../../../generated/api.js';
import { serializeArtistPublic, serializeGenre, serializeTrack } from '../catalog/serializers.js';
import type { AlbumDetails, AlbumRow } from './repository.js';

type Schemas = components['schemas'];

export function serializeAlbumPublic(album: AlbumRow): Schemas['AlbumPublic'] {
  return {
    id: album.id,
    name: album.name,
    model_type: 'album',
    image: album.image,
    release_date: album.releaseDate,
  };
}

/** Distinct items by id, in first-seen order. */
function distinct<T extends { id: number }>(items: T[]): T[] {
  const seen = new Map<number, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}

export function serializeAlbum({ album, artists, tracks }: AlbumDetails): Schemas['Album'] {
  return {
    ...serializeAlbumPublic(album),
    description: album.description,
    plays: tracks.reduce((sum, t) => sum + t.track.plays, 0),
    created_at: album.createdAt.toISOString(),
    updated_at: album.updatedAt.toISOString(),
    artists: artists.map(serializeArtistPublic),
    genres: distinct(tracks.flatMap((t) => t.genres)).map(serializeGenre),
    tags: distinct(tracks.flatMap((t) => t.tags)).map((tag) => ({ id: tag.id, name: tag.name })),
    tracks: tracks.map(serializeTrack),
  };
}
