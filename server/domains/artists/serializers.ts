// The rich artist of lists (`ArtistSummary`); the anonymous and full-profile forms live with
// the catalog serializers.
import type { components } from '../../../generated/api.js';
import { serializeArtistPublic } from '../catalog/serializers.js';
import type { ArtistSummary } from './repository.js';

export function serializeArtistSummary({ artist, followersCount, plays, following }: ArtistSummary): components['schemas']['ArtistSummary'] {
  return {
    ...serializeArtistPublic(artist),
    image_small: artist.imageSmall,
    verified: artist.verified,
    bio: artist.bio,
    website: artist.website,
    followers_count: followersCount,
    plays,
    is_following: following,
    created_at: artist.createdAt.toISOString(),
  };
}
