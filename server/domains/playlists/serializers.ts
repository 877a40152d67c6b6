// The access tiers of playlists: anonymous callers get the minimal form, signed-in callers
// (session or token) the rich one with owner, editors, counts and their own role.
import type { components } from '../../../generated/api.js';
import { serializeUser } from '../users/serializers.js';
import type { PlaylistDetails, PlaylistRow } from './repository.js';

type Schemas = components['schemas'];

export function serializePlaylistPublic(playlist: PlaylistRow): Schemas['PlaylistPublic'] {
  return {
    id: playlist.id,
    name: playlist.name,
    description: playlist.description,
    image: playlist.image,
    public: playlist.public,
    collaborative: playlist.collaborative,
    model_type: 'playlist',
    created_at: playlist.createdAt.toISOString(),
  };
}

export function serializePlaylist(details: PlaylistDetails): Schemas['Playlist'] {
  return {
    ...serializePlaylistPublic(details.playlist),
    updated_at: details.playlist.updatedAt.toISOString(),
    // Other users' emails are never shown, the caller's own included, to keep one shape.
    owner: serializeUser(details.owner, false),
    editors: details.editors.map((u) => serializeUser(u, false)),
    tracks_count: details.tracksCount,
    followers_count: details.followersCount,
    is_following: details.following,
    role: details.role,
  };
}
