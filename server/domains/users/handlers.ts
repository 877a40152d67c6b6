// Users (tag Users): a user's account (`me` adds the private fields), the public profile,
// the caller's profile update, contact info and the monthly upload minutes left.
import { findManagedArtist } from '../catalog/permissions.js';
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, notFound, type FieldErrors } from '../../contract/responses.js';
import { serializeArtistPublic } from '../catalog/serializers.js';
import { loadArtistSummaries } from '../artists/repository.js';
import { serializeArtistSummary } from '../artists/serializers.js';
import { minutesLeft } from './minutes.js';
import { businessEmail, mutualFollows, profileCounts, updateProfile, uploadedThisMonthMs, usernameTakenByOther, type ProfileFields } from './profile.js';
import { serializeAccount, serializeUser } from './serializers.js';
import { canonicalTimeZone, isKnownCountry, isKnownLanguage } from './settings.js';
import { namedUser, resolveUserParam } from './user-param.js';

const USERNAME_TAKEN = 'The username has already been taken.';

export function createUserHandlers(db: Db): TagHandlers<'Users'> {
  return {
    async getUser({ params, auth }) {
      const user = await resolveUserParam(db, params.user_id, auth.user);
      if (!user || user === 'unauthenticated') return notFound('User');
      const self = user.id === auth.user.id;
      return { status: 200, body: { status: 'success', user: self ? serializeAccount(user) : serializeUser(user, false) } };
    },

    async getUserProfile({ params, auth }) {
      const named = await namedUser(db, params.user_id, auth.user);
      if (named.refusal) return named.refusal;
      const { user } = named;
      const artist = await findManagedArtist(db, user.id);
      const viewer = auth.user;
      if (!viewer) {
        const { id, display_name, username, avatar, model_type } = serializeUser(user, false);
        return {
          status: 200,
          body: { status: 'success', user: { id, display_name, username, avatar, model_type, artist: artist ? serializeArtistPublic(artist) : null } },
        };
      }
      const [summaries, counts, mutual] = await Promise.all([
        artist ? loadArtistSummaries(db, [artist], viewer.id) : Promise.resolve([]),
        profileCounts(db, user.id),
        mutualFollows(db, viewer.id, user.id),
      ]);
      return {
        status: 200,
        body: {
          status: 'success',
          user: {
            ...serializeUser(user, false),
            artist: summaries[0] ? serializeArtistSummary(summaries[0]) : null,
            counts: {
              followers: counts.followers,
              followed_users: counts.followedUsers,
              followed_artists: counts.followedArtists,
              public_playlists: counts.publicPlaylists,
            },
            is_following: mutual.following,
            follows_you: mutual.followedBack,
            is_self: viewer.id === user.id,
          },
        },
      };
    },

    async updateUserProfile({ body, auth }) {
      const errors: FieldErrors = {};
      const fields: ProfileFields = {};
      if (body.display_name !== undefined) fields.displayName = body.display_name;
      if (body.first_name !== undefined) fields.firstName = body.first_name;
      if (body.last_name !== undefined) fields.lastName = body.last_name;
      if (body.avatar !== undefined) fields.avatar = body.avatar;
      if (body.username !== undefined) {
        if (await usernameTakenByOther(db, body.username, auth.user.id)) errors.username = [USERNAME_TAKEN];
        fields.username = body.username;
      }
      if (body.language !== undefined) {
        if (body.language !== null && !isKnownLanguage(body.language)) errors.language = ['The language must be an ISO 639-1 language code.'];
        fields.language = body.language;
      }
      if (body.country !== undefined) {
        if (body.country !== null && !isKnownCountry(body.country)) errors.country = ['The country must be an ISO 3166-1 alpha-2 country code.'];
        fields.country = body.country;
      }
      if (body.timezone !== undefined) {
        const zone = body.timezone === null ? null : canonicalTimeZone(body.timezone);
        if (zone === undefined) errors.timezone = ['The timezone must be a valid IANA time zone.'];
        else fields.timezone = zone;
      }
      if (Object.keys(errors).length > 0) return invalid(errors);
      const updated = await updateProfile(db, auth.user.id, fields);
      // Another account took the username between the check and the write.
      if (updated === 'username-taken') return invalid({ username: [USERNAME_TAKEN] });
      return { status: 200, body: { status: 'success', user: serializeAccount(updated) } };
    },

    async getUserContactInfo({ params, auth }) {
      const user = await resolveUserParam(db, params.user_id, auth.user);
      if (!user || user === 'unauthenticated') return notFound('User');
      const [artist, email, mutual] = await Promise.all([findManagedArtist(db, user.id), businessEmail(db, user.id), mutualFollows(db, auth.user.id, user.id)]);
      return {
        status: 200,
        body: {
          status: 'success',
          contact: {
            user_id: user.id,
            display_name: user.displayName,
            username: user.username,
            avatar: user.avatar,
            artist: artist ? { id: artist.id, name: artist.name, verified: artist.verified, website: artist.website } : null,
            business_email: email,
            is_following: mutual.following,
            follows_you: mutual.followedBack,
          },
        },
      };
    },

    async getUserMinutesLeft({ params, auth }) {
      // Only the caller's own budget; another id is refused whether or not it exists, so the
      // route says nothing about other accounts.
      if (params.user_id !== 'me' && Number(params.user_id) !== auth.user.id) return forbidden('You can only see your own minutes left.');
      const uploaded = await uploadedThisMonthMs(db, auth.user.id);
      return { status: 200, body: { status: 'success', minutesLeft: minutesLeft(auth.user.plan, uploaded) } };
    },
  };
}
