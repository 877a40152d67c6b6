// Following users and artists (tag Following): follow, unfollow, follow status, and the
// followers / followed-users lists. Every write acts on the caller's own follows only: the
// caller is always the follower, so nobody can follow or unfollow on someone else's behalf.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { conflict, forbidden, limitReached, notFound, notFoundWith } from '../../contract/responses.js';
import { findArtist } from '../catalog/repository.js';
import { namedUser, resolveUserParam } from '../users/user-param.js';
import { serializeUser } from '../users/serializers.js';
import {
  FOLLOW_CAP,
  followArtist,
  followsArtist,
  followsUser,
  followUser,
  listFollowedUsers,
  listFollowers,
  unfollowArtist,
  unfollowUser,
  type FollowOutcome,
} from './repository.js';

const followLimit = () =>
  limitReached('follow_limit_reached', `Follow limit reached. You can follow at most ${FOLLOW_CAP.toLocaleString('en-US')} users and artists.`);

/** The answer to a follow that did not take effect. */
function refusal(outcome: Exclude<FollowOutcome, 'followed'>, what: 'user' | 'artist') {
  return outcome === 'limit-reached' ? followLimit() : conflict(`You are already following this ${what}.`);
}

export function createFollowingHandlers(db: Db): TagHandlers<'Following'> {
  return {
    async followUser({ params, auth }) {
      const user = await resolveUserParam(db, params.user_id, auth.user);
      if (!user || user === 'unauthenticated') return notFound('User');
      if (user.id === auth.user.id) return forbidden('You cannot follow yourself.');
      const outcome = await followUser(db, auth.user.id, user.id);
      if (outcome !== 'followed') return refusal(outcome, 'user');
      return { status: 200, body: { status: 'success' } };
    },

    async unfollowUser({ params, auth }) {
      const user = await resolveUserParam(db, params.user_id, auth.user);
      if (!user || user === 'unauthenticated') return notFound('User');
      if (!(await unfollowUser(db, auth.user.id, user.id))) return notFoundWith('You are not following this user.');
      return { status: 200, body: { status: 'success' } };
    },

    async getUserFollowStatus({ params, auth }) {
      const named = await namedUser(db, params.user_id, auth.user);
      if (named.refusal) return named.refusal;
      const { user } = named;
      const following = auth.user !== null && auth.user.id !== user.id && (await followsUser(db, auth.user.id, user.id));
      return { status: 200, body: { following } };
    },

    async listUserFollowers({ params, auth, page }) {
      const named = await namedUser(db, params.user_id, auth.user);
      if (named.refusal) return named.refusal;
      const { user } = named;
      const probed = await listFollowers(db, user.id, page);
      return { status: 200, body: { status: 'success', pagination: page.simple(probed.map((u) => serializeUser(u, false))) } };
    },

    async listFollowedUsers({ params, auth, page }) {
      const named = await namedUser(db, params.user_id, auth.user);
      if (named.refusal) return named.refusal;
      const { user } = named;
      const { rows, total } = await listFollowedUsers(db, user.id, page);
      return {
        status: 200,
        body: {
          status: 'success',
          pagination: page.lengthAware(
            rows.map((u) => serializeUser(u, false)),
            total,
          ),
        },
      };
    },

    async followArtist({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      // Like following yourself: a manager's follow would only inflate their own artist's count.
      if (artist.userId === auth.user.id) return forbidden('You cannot follow your own artist profile.');
      const outcome = await followArtist(db, auth.user.id, artist.id);
      if (outcome !== 'followed') return refusal(outcome, 'artist');
      return { status: 200, body: { status: 'success' } };
    },

    async unfollowArtist({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      if (!(await unfollowArtist(db, auth.user.id, artist.id))) return conflict('You are not following this artist.');
      return { status: 200, body: { status: 'success' } };
    },

    async getArtistFollowStatus({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      return { status: 200, body: { following: await followsArtist(db, auth.user.id, artist.id) } };
    },
  };
}
