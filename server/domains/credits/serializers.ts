import type { components } from '../../../generated/api.js';
import type { CreditRow } from './repository.js';
import type { CreditRole } from './roles.js';

export function serializeCreditPublic(row: CreditRow): components['schemas']['ArtistCreditPublic'] {
  return {
    id: row.id,
    model_type: 'credit',
    title: row.title,
    role: row.role as CreditRole,
    release_artists: row.releaseArtists,
    album_name: row.albumName,
    release_date: row.releaseDate,
    image: row.image,
  };
}

export function serializeCredit(row: CreditRow): components['schemas']['ArtistCredit'] {
  return {
    ...serializeCreditPublic(row),
    artist_id: row.artistId,
    spotify_track_id: row.spotifyTrackId,
    spotify_album_id: row.spotifyAlbumId,
    spotify_url: row.spotifyUrl,
    track_id: row.trackId,
    album_id: row.albumId,
    position: row.position,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
