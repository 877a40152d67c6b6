// The access tiers of catalog resources, decided here and nowhere else: anonymous callers
// get the minimal forms, signed-in callers (session or token) the rich ones.
import type { components } from '../../../generated/api.js';
import type { ArtistDetails, TrackDetails } from './repository.js';
import type { artists, tracks } from '../../db/schema.js';

type Schemas = components['schemas'];
type TrackRow = typeof tracks.$inferSelect;
type ArtistRow = typeof artists.$inferSelect;

const majorUnits = (minor: number | null): number | null => (minor === null ? null : minor / 100);

export function durationText(durationMs: number): string {
  const seconds = Math.round(durationMs / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function serializeTrackPublic(track: TrackRow): Schemas['TrackPublic'] {
  return {
    id: track.id,
    name: track.name,
    image: track.image,
    created_at: track.createdAt.toISOString(),
    model_type: 'track',
    duration_text: durationText(track.durationMs),
  };
}

export function serializeTrack({ track, artists, genres, tags, liked }: TrackDetails): Schemas['Track'] {
  return {
    ...serializeTrackPublic(track),
    updated_at: track.updatedAt.toISOString(),
    duration: track.durationMs,
    description: track.description,
    bpm: track.bpm,
    key: track.key,
    scale: track.scale,
    price: majorUnits(track.priceMinor),
    currency: track.currency as Schemas['Track']['currency'],
    plays: track.plays,
    licensing_type: track.licensingType as Schemas['Track']['licensing_type'],
    exclusive_status: track.exclusiveStatus as Schemas['Track']['exclusive_status'],
    exclusive_price: majorUnits(track.exclusivePriceMinor),
    exclusive_currency: track.exclusiveCurrency as Schemas['Track']['exclusive_currency'],
    reposts_count: track.repostsCount,
    likes_count: track.likesCount,
    is_liked: liked,
    artists: artists.map(serializeArtistPublic),
    genres: genres.map(serializeGenre),
    tags: tags.map((tag) => ({ id: tag.id, name: tag.name })),
  };
}

export function serializeGenre(genre: { id: number; name: string; displayName: string }): Schemas['Genre'] {
  return { id: genre.id, name: genre.name, display_name: genre.displayName, model_type: 'genre' };
}

export function serializeArtistPublic(artist: Pick<ArtistRow, 'id' | 'name'>): Schemas['ArtistPublic'] {
  return { id: artist.id, name: artist.name, model_type: 'artist' };
}

export function serializeArtist(details: ArtistDetails): Schemas['Artist'] {
  const { artist } = details;
  return {
    ...serializeArtistPublic(artist),
    image_small: artist.imageSmall,
    verified: artist.verified,
    bio: artist.bio,
    website: artist.website,
    followers_count: details.followersCount,
    plays: details.plays,
    is_following: details.following,
    genres: details.genres.map(serializeGenre),
    top_tracks: details.topTracks.map(serializeTrack),
    created_at: artist.createdAt.toISOString(),
  };
}
