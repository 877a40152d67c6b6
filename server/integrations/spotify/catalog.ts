// What the credits routes need from Spotify, behind an interface so that the HTTP client
// (client.ts) can be swapped for a fake or left out when the server has no credentials.
import type { components } from '../../../generated/api.js';

export type SpotifyTrackResult = components['schemas']['SpotifyTrackResult'];
export type SpotifyAlbumSummary = components['schemas']['SpotifyAlbumSummary'];
export type SpotifyAlbum = components['schemas']['SpotifyAlbum'];
export type SpotifySearchType = 'track' | 'album';

export interface SpotifySearchResults {
  tracks: SpotifyTrackResult[];
  albums: SpotifyAlbumSummary[];
}

export interface SpotifyCatalog {
  /** Tracks and albums matching `query`, best first; a type not asked for comes back empty. */
  search(query: string, options: { types: readonly SpotifySearchType[]; limit: number }): Promise<SpotifySearchResults>;
  /** The album with its first 50 tracks, or null when Spotify has no album with this ID. */
  getAlbum(spotifyId: string): Promise<SpotifyAlbum | null>;
}

/**
 * Spotify could not answer: unreachable, too slow, failing, refusing our credentials or
 * rate-limiting us. `retryAfterSeconds` is Spotify's own wait when it gave one.
 */
export class SpotifyUnavailable extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SpotifyUnavailable';
  }
}
