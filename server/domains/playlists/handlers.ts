import { operationTable } from '../../../generated/contract.js';
import type { TagHandlers } from '../../contract/handlers.js';
import type { PageSizes } from '../../contract/operation-info.js';
import { conflict, forbidden, gone, invalid, invalidField, limitReached, notFound, notFoundWith, retryLater } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { isUniqueViolation } from '../../db/errors.js';
import { createPaging } from '../../http/pagination.js';
import type { RequestContext } from '../../http/request-context.js';
import { parseIdList } from '../catalog/permissions.js';
import { findUserById } from '../users/repository.js';
import {
  acceptInvite,
  addTracks,
  createPlaylist,
  declineInvite,
  deletePlaylists,
  editedPlaylistIds,
  findPlaylist,
  findPlaylists,
  follow,
  invite,
  listPlaylistTracks,
  listVisiblePlaylists,
  loadOneDetails,
  loadPlaylistDetails,
  MAX_EDITORS,
  MAX_PLAYLISTS_PER_USER,
  MAX_TRACKS_PER_PLAYLIST,
  missingTrackIndexes,
  ownerHasName,
  removeEditor,
  removeTracks,
  reorderTracks,
  roleOf,
  totalDuration,
  unfollow,
  updatePlaylist,
  type PlaylistRow,
  type Role,
} from './repository.js';
import { serializePlaylist, serializePlaylistPublic } from './serializers.js';
import { tracksAtTier } from '../catalog/viewer-tier.js';

const OWNER_ONLY = 'Only the owner of this playlist can do this.';
const NOT_EDITOR = 'You cannot change the tracks of this playlist.';
const DUPLICATE_NAME = 'You already have a playlist with this name.';
const NAME_TOO_SHORT = 'The name field must be at least 3 characters.';
const INVITATION_NOT_FOUND = 'Invitation not found.';

/**
 * getPlaylist embeds the first page of the playlist's tracks, sized like listPlaylistTracks:
 * the spec says how; a spec without it is a broken build, caught at start-up.
 */
const PLAYLIST_TRACKS_PAGE_SIZES: PageSizes = (() => {
  const sizes = operationTable.listPlaylistTracks.pagination?.perPage;
  if (!sizes) throw new Error('listPlaylistTracks declares no x-pagination.per_page in the spec.');
  return sizes;
})();

function unknownTrackIds(indexes: number[]) {
  return invalid(Object.fromEntries(indexes.map((i) => [`ids.${i}`, [`The selected ids.${i} is invalid.`]])));
}

interface Access {
  playlist: PlaylistRow;
  role: Role;
}

/** The playlist if the caller may see it (public, or owned or edited by the caller). */
async function visible(db: Db, id: number, auth: RequestContext): Promise<Access | null> {
  const playlist = await findPlaylist(db, id);
  if (!playlist) return null;
  const role = await roleOf(db, playlist, auth.user?.id ?? null);
  if (!playlist.public && role === null) return null;
  return { playlist, role };
}

const canEditTracks = ({ playlist, role }: Access) => role === 'owner' || (role === 'editor' && playlist.collaborative);

function trimmedName(name: string) {
  const trimmed = name.trim();
  return trimmed.length < 3 ? null : trimmed;
}

export function createPlaylistHandlers(db: Db): TagHandlers<'Playlists'> {
  const rich = async (playlist: PlaylistRow, viewerId: number) => serializePlaylist(await loadOneDetails(db, playlist, viewerId));
  const reload = async (id: number, viewerId: number) => rich((await findPlaylist(db, id))!, viewerId);

  return {
    async listPlaylists({ page, auth }) {
      const { rows, total } = await listVisiblePlaylists(db, auth.user?.id ?? null, page);
      const data = auth.user ? (await loadPlaylistDetails(db, rows, auth.user.id)).map(serializePlaylist) : rows.map(serializePlaylistPublic);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async createPlaylist({ body, auth }) {
      const user = auth.user;
      const name = trimmedName(body.name);
      if (name === null) return invalidField('name', NAME_TOO_SHORT);
      if (await ownerHasName(db, user.id, name)) return invalidField('name', DUPLICATE_NAME);
      try {
        const created = await createPlaylist(db, user.id, {
          name,
          description: body.description ?? null,
          image: body.image ?? null,
          public: body.public ?? false,
          collaborative: body.collaborative ?? false,
        });
        if (created === 'limit') {
          return limitReached('playlist_limit_reached', `Playlist limit reached. You can have at most ${MAX_PLAYLISTS_PER_USER} playlists.`);
        }
        return { status: 200, body: { status: 'success', playlist: await rich(created, user.id) } };
      } catch (err) {
        if (isUniqueViolation(err)) return invalidField('name', DUPLICATE_NAME);
        throw err;
      }
    },

    async getPlaylist({ params, auth }) {
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      const page = createPaging(PLAYLIST_TRACKS_PAGE_SIZES, {}, `${auth.url}/tracks`);
      const [{ rows, total }, duration] = await Promise.all([listPlaylistTracks(db, access.playlist.id, page), totalDuration(db, access.playlist.id)]);
      const viewer = auth.user;
      const tracks = await tracksAtTier(db, rows, viewer);
      return {
        status: 200,
        body: {
          playlist: viewer ? await rich(access.playlist, viewer.id) : serializePlaylistPublic(access.playlist),
          loader: 'playlistPage',
          totalDuration: duration,
          tracks: page.lengthAware(tracks, total),
        },
      };
    },

    async updatePlaylist({ params, body, auth }) {
      const user = auth.user;
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (access.role !== 'owner') return forbidden(OWNER_ONLY);
      const name = trimmedName(body.name);
      if (name === null) return invalidField('name', NAME_TOO_SHORT);
      if (await ownerHasName(db, user.id, name, access.playlist.id)) return invalidField('name', DUPLICATE_NAME);
      try {
        const updated = await updatePlaylist(db, access.playlist.id, {
          name,
          ...(body.description !== undefined && { description: body.description }),
          ...(body.image !== undefined && { image: body.image }),
          ...(body.public !== undefined && { public: body.public }),
          ...(body.collaborative !== undefined && { collaborative: body.collaborative }),
        });
        return { status: 200, body: { status: 'success', playlist: await rich(updated, user.id) } };
      } catch (err) {
        if (isUniqueViolation(err)) return invalidField('name', DUPLICATE_NAME);
        throw err;
      }
    },

    async deletePlaylists({ params, auth }) {
      const user = auth.user;
      const ids = parseIdList(params.playlist_id);
      const found = await findPlaylists(db, ids);
      const edited = await editedPlaylistIds(
        db,
        user.id,
        found.filter((p) => !p.public).map((p) => p.id),
      );
      const seen = found.filter((p) => p.public || p.ownerId === user.id || edited.has(p.id));
      if (seen.length < ids.length) return notFound('Playlist');
      if (seen.some((p) => p.ownerId !== user.id)) return forbidden('Only the owner of a playlist can delete it.');
      await deletePlaylists(db, ids);
      return { status: 200, body: { status: 'success' } };
    },

    async listPlaylistTracks({ params, page, auth }) {
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      const { rows, total } = await listPlaylistTracks(db, access.playlist.id, page);
      const data = await tracksAtTier(db, rows, auth.user);
      return { status: 200, body: { status: 'success', pagination: page.lengthAware(data, total) } };
    },

    async addPlaylistTracks({ params, body, auth }) {
      const user = auth.user;
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (!canEditTracks(access)) return forbidden(NOT_EDITOR);
      const missing = await missingTrackIndexes(db, body.ids);
      if (missing.length > 0) return unknownTrackIds(missing);
      const result = await addTracks(db, access.playlist.id, body.ids, user.id);
      if (result === 'gone') return notFound('Playlist');
      if (result === 'full') {
        return limitReached('playlist_full', `Playlist full. A playlist can hold at most ${MAX_TRACKS_PER_PLAYLIST} tracks.`);
      }
      return {
        status: 200,
        body: { status: 'success', playlist: await reload(access.playlist.id, user.id), added_count: result.added, duplicate_count: result.duplicates },
      };
    },

    async removePlaylistTracks({ params, body, auth }) {
      const user = auth.user;
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (!canEditTracks(access)) return forbidden(NOT_EDITOR);
      const missing = await missingTrackIndexes(db, body.ids);
      if (missing.length > 0) return unknownTrackIds(missing);
      const removed = await removeTracks(db, access.playlist.id, body.ids);
      if (removed === 'gone') return notFound('Playlist');
      return { status: 200, body: { status: 'success', playlist: await reload(access.playlist.id, user.id), removed_count: removed } };
    },

    async reorderPlaylistTracks({ params, body, auth }) {
      const user = auth.user;
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (!canEditTracks(access)) return forbidden(NOT_EDITOR);
      const result = await reorderTracks(db, access.playlist.id, body.ids);
      if (result === 'gone') return notFound('Playlist');
      if (result === 'mismatch') return invalidField('ids', 'The ids field must list every track of the playlist exactly once.');
      return { status: 200, body: { status: 'success', playlist: await reload(access.playlist.id, user.id) } };
    },

    async followPlaylist({ params, auth }) {
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (!(await follow(db, access.playlist.id, auth.user.id))) {
        return conflict('You are already following this playlist.');
      }
      return { status: 200, body: { status: 'success' } };
    },

    async unfollowPlaylist({ params, auth }) {
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (!(await unfollow(db, access.playlist.id, auth.user.id))) {
        return notFoundWith('You are not following this playlist.');
      }
      return { status: 200, body: { status: 'success' } };
    },

    async invitePlaylistEditor({ params, body, auth }) {
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (access.role !== 'owner') return forbidden(OWNER_ONLY);
      const { playlist } = access;
      const invitee = await findUserById(db, body.user_id);
      if (!invitee || invitee.disabledAt !== null) return invalidField('user_id', 'The selected user id is invalid.');
      if (invitee.id === playlist.ownerId) return invalidField('user_id', 'The owner cannot be invited to their own playlist.');
      if (!playlist.collaborative) return invalidField('user_id', 'Only collaborative playlists can have editors.');
      const outcome = await invite(db, playlist.id, invitee.id, auth.user.id);
      switch (outcome.kind) {
        case 'gone':
          return notFound('Playlist');
        case 'already-editor':
          return invalidField('user_id', 'This user is already an editor of this playlist.');
        case 'pending':
          return conflict('This user already has a pending invitation.');
        case 'max-editors':
          return limitReached('max_editors_reached', `Max editors reached. A playlist can have at most ${MAX_EDITORS} editors.`);
        case 'cooldown':
          return retryLater('reinvite_cooldown', 'Cannot re-invite yet. Wait 24 hours between invitations to the same user.', outcome.retryAfter);
        case 'invited':
          return { status: 200, body: { status: 'success', message: 'Invitation sent.' } };
      }
    },

    async acceptPlaylistInvite({ params, auth }) {
      const user = auth.user;
      const outcome = await acceptInvite(db, params.playlist_id, user.id);
      switch (outcome) {
        case 'none':
          return notFoundWith(INVITATION_NOT_FOUND);
        case 'expired':
          return gone('This invitation has expired.');
        case 'already-accepted':
          return invalidField('invitation', 'This invitation has already been accepted.');
        case 'accepted':
          return { status: 200, body: { status: 'success', playlist: await reload(params.playlist_id, user.id) } };
      }
    },

    async declinePlaylistInvite({ params, auth }) {
      if (!(await declineInvite(db, params.playlist_id, auth.user.id))) return notFoundWith(INVITATION_NOT_FOUND);
      return { status: 200, body: { status: 'success' } };
    },

    async removePlaylistEditor({ params, body, auth }) {
      const user = auth.user;
      const access = await visible(db, params.playlist_id, auth);
      if (!access) return notFound('Playlist');
      if (access.role !== 'owner') return forbidden(OWNER_ONLY);
      if (body.user_id === access.playlist.ownerId) {
        await deletePlaylists(db, [access.playlist.id]);
        return { status: 200, body: { status: 'success', deleted: true } };
      }
      if (!(await removeEditor(db, access.playlist.id, body.user_id))) {
        return invalidField('user_id', 'This user is not an editor of this playlist.');
      }
      return { status: 200, body: { status: 'success', message: 'Editor removed.', playlist: await reload(access.playlist.id, user.id) } };
    },
  };
}
