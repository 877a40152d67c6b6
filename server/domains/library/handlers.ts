// The library (likes of tracks, albums and artists) and a user's liked lists and playlists.
// Writes act on the caller's own library only: the routes are `/users/me/...` and take no
// user. Lists are public at the caller's access tier; `me` needs a signed-in caller.
import type { TagHandlers } from '../../contract/handlers.js';
import { conflict, invalid, limitReached } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { loadArtistSummaries } from '../artists/repository.js';
import { serializeArtistSummary } from '../artists/serializers.js';
import { serializeArtistPublic } from '../catalog/serializers.js';
import { albumsAtTier, tracksAtTier } from '../catalog/viewer-tier.js';
import { loadPlaylistDetails } from '../playlists/repository.js';
import { serializePlaylist, serializePlaylistPublic } from '../playlists/serializers.js';
import { namedUser } from '../users/user-param.js';
import {
  addToLibrary,
  existingLikeables,
  LIBRARY_CAP,
  listLikedAlbums,
  listLikedArtists,
  listLikedTracks,
  listUserPlaylists,
  removeFromLibrary,
  type LikeableType,
  type Likeables,
} from './repository.js';

type Item = { likeable_id: number; likeable_type: LikeableType };

/** Distinct ids per type, and a `422` naming every item that does not exist. */
async function checkedLikeables(db: Db, items: Item[]) {
  const grouped: Likeables = { track: [], album: [], artist: [] };
  for (const { likeable_id, likeable_type } of items) if (!grouped[likeable_type].includes(likeable_id)) grouped[likeable_type].push(likeable_id);
  const found = await existingLikeables(db, grouped);
  const errors = Object.fromEntries(
    items.flatMap((item, i) =>
      found[item.likeable_type].has(item.likeable_id) ? [] : [[`likeables.${i}.likeable_id`, [`The selected likeables.${i}.likeable_id is invalid.`]]],
    ),
  );
  return Object.keys(errors).length > 0 ? { refusal: invalid(errors) } : { grouped };
}

export function createLibraryHandlers(db: Db): TagHandlers<'Library'> {
  return {
    async addToLibrary({ body, auth }) {
      const checked = await checkedLikeables(db, body.likeables);
      if (checked.refusal) return checked.refusal;
      const outcome = await addToLibrary(db, auth.user.id, checked.grouped);
      if (outcome === 'all-saved') return conflict('Already saved to your library.');
      if (outcome === 'full') return limitReached('library_full', `Library full. Your library can hold at most ${LIBRARY_CAP} items.`);
      return { status: 200, body: { status: 'success', added_count: outcome.added, duplicate_count: outcome.duplicates } };
    },

    async removeFromLibrary({ body, auth }) {
      const checked = await checkedLikeables(db, body.likeables);
      if (checked.refusal) return checked.refusal;
      const removed = await removeFromLibrary(db, auth.user.id, checked.grouped);
      return { status: 200, body: { status: 'success', removed_count: removed } };
    },

    async listLikedTracks({ params, page, auth }) {
      const owner = await namedUser(db, params.user_id, auth.user);
      if (owner.refusal) return owner.refusal;
      const { rows, total } = await listLikedTracks(db, owner.user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await tracksAtTier(db, rows, auth.user), total) } };
    },

    async listLikedAlbums({ params, page, auth }) {
      const owner = await namedUser(db, params.user_id, auth.user);
      if (owner.refusal) return owner.refusal;
      const { rows, total } = await listLikedAlbums(db, owner.user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(await albumsAtTier(db, rows, auth.user), total) } };
    },

    async listLikedArtists({ params, page, auth }) {
      const owner = await namedUser(db, params.user_id, auth.user);
      if (owner.refusal) return owner.refusal;
      const { rows, total } = await listLikedArtists(db, owner.user.id, page);
      const data = auth.user ? (await loadArtistSummaries(db, rows, auth.user.id)).map(serializeArtistSummary) : rows.map(serializeArtistPublic);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async listUserPlaylists({ params, page, auth }) {
      const owner = await namedUser(db, params.user_id, auth.user);
      if (owner.refusal) return owner.refusal;
      const viewer = auth.user;
      const { rows, total } = await listUserPlaylists(db, owner.user.id, viewer?.id === owner.user.id, page);
      const data = viewer ? (await loadPlaylistDetails(db, rows, viewer.id)).map(serializePlaylist) : rows.map(serializePlaylistPublic);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },
  };
}
