// Portfolio credits: an artist's releases on BeatPass or elsewhere, with their role. Anyone
// reads them; only the artist's manager writes. The Spotify lookups help fill credits in and
// answer 503 (with Retry-After) whenever Spotify cannot: not configured, down or too slow.
import type { Db } from '../../db/connection.js';
import { uniqueViolation } from '../../db/errors.js';
import type { HandlerInput, OperationOfTag, TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, limitReached, notFound, notFoundWith, unavailable, type FieldErrors } from '../../contract/responses.js';
import { HttpError } from '../../http/errors.js';
import { SpotifyUnavailable, type SpotifyCatalog, type SpotifySearchType } from '../../integrations/spotify/catalog.js';
import { findAlbum } from '../albums/repository.js';
import { findArtist } from '../catalog/repository.js';
import {
  deleteCredit,
  existingTrackIds,
  findCredit,
  insertCredits,
  listCredits,
  MAX_CREDITS_PER_ARTIST,
  reorderCredits,
  takenKeys,
  updateCredit,
  type CreditFields,
  type CreditKey,
  type CreditRow,
} from './repository.js';
import { CREDIT_ROLES, type CreditRole } from './roles.js';
import { serializeCredit, serializeCreditPublic } from './serializers.js';

type Body<K extends OperationOfTag<'Credits'>> = HandlerInput<K>['body'];

const creditLimitReached = () => limitReached('credit_limit_reached', `Credit limit reached. An artist can have at most ${MAX_CREDITS_PER_ARTIST} credits.`);
/** Without credentials the lookups stay off until a restart: ask again in an hour. */
const spotifyNotConfigured = () => unavailable('Spotify search is not configured on this server.', 3600);
const SPOTIFY_ID = /[0-9A-Za-z]{22}/;

/** Runs a Spotify lookup; Spotify failing becomes the documented 503, logged with its cause by the error mapper. */
async function fromSpotify<T>(lookup: () => Promise<T>): Promise<T> {
  try {
    return await lookup();
  } catch (err) {
    if (!(err instanceof SpotifyUnavailable)) throw err;
    const unavailable = new HttpError(503, 'Spotify is unavailable right now. Please retry shortly.', undefined, {
      'Retry-After': String(err.retryAfterSeconds),
    });
    throw Object.assign(unavailable, { cause: err });
  }
}

/** A `YYYY-MM-DD` whose day exists in its month (shorter forms are checked by the spec's pattern). */
function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (day === undefined) return true;
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day);
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

const clean = (value: string) => value.trim();
const optionalText = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());

function spotifyConflict(role: string) {
  return `The artist already has a ${role} credit for this Spotify track.`;
}
function trackConflict(role: string) {
  return `The artist already has a ${role} credit for this track.`;
}

/** A unique violation from a race with another add: which field holds the duplicate. */
function raceConflict(err: unknown, role: string, prefix = ''): FieldErrors | undefined {
  const violation = uniqueViolation(err);
  if (!violation) return undefined;
  return violation.constraint === 'artist_credits_track_unique'
    ? { [`${prefix}track_id`]: [trackConflict(role)] }
    : { [`${prefix}spotify_track_id`]: [spotifyConflict(role)] };
}

export function createCreditHandlers(db: Db, spotify: SpotifyCatalog | undefined): TagHandlers<'Credits'> {
  /** The artist when `userId` manages it, else the 404 or 403 to answer. */
  async function managedArtist(artistId: number, userId: number) {
    const artist = await findArtist(db, artistId);
    if (!artist) return { denied: notFound('Artist') };
    if (artist.userId !== userId) return { denied: forbidden("Only the artist's manager may change its credits.") };
    return { artist };
  }

  /** Field errors for a release date that does not exist and BeatPass tracks or albums that do not. */
  async function checkReferences(fields: {
    releaseDate?: string | null;
    albumId?: number | null;
    trackIds: [string, number | null | undefined][];
  }): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (fields.releaseDate && !isRealDate(fields.releaseDate)) errors.release_date = ['The release date field must be a real date.'];
    if (fields.albumId && !(await findAlbum(db, fields.albumId))) errors.album_id = ['The selected album id is invalid.'];
    const wanted = fields.trackIds.flatMap(([, id]) => (id ? [id] : []));
    const found = await existingTrackIds(db, wanted);
    for (const [field, id] of fields.trackIds) {
      if (id && !found.has(id)) errors[field] = [`The selected ${field === 'track_id' ? 'track id' : field} is invalid.`];
    }
    return errors;
  }

  /** Field errors for credits the artist already holds (`errorFields` names the Spotify and track fields of each key). */
  async function checkTaken(artistId: number, keys: (CreditKey & { errorFields: [string, string] })[], exceptId?: number): Promise<FieldErrors> {
    const taken = await takenKeys(db, artistId, keys, exceptId);
    const errors: FieldErrors = {};
    for (const {
      role,
      spotifyTrackId,
      trackId,
      errorFields: [spotifyField, trackField],
    } of keys) {
      if (spotifyTrackId && taken.spotify.has(`${role}|${spotifyTrackId}`)) errors[spotifyField] = [spotifyConflict(role)];
      if (trackId && taken.tracks.has(`${role}|${trackId}`)) errors[trackField] = [trackConflict(role)];
    }
    return errors;
  }

  function creditFields(body: Body<'createArtistCredit'>): CreditFields {
    return {
      title: clean(body.title),
      role: body.role,
      releaseArtists: (body.release_artists ?? []).map(clean),
      albumName: optionalText(body.album_name),
      releaseDate: body.release_date ?? null,
      image: body.image ?? null,
      spotifyTrackId: body.spotify_track_id ?? null,
      spotifyAlbumId: body.spotify_album_id ?? null,
      spotifyUrl: body.spotify_url ?? null,
      trackId: body.track_id ?? null,
      albumId: body.album_id ?? null,
    };
  }

  /** The fields an update sends; absent ones stay as they are. */
  function changedFields(body: Body<'updateArtistCredit'>): Partial<CreditFields> {
    const changes: Partial<CreditFields> = {};
    if (body.title !== undefined) changes.title = clean(body.title);
    if (body.role !== undefined) changes.role = body.role;
    if (body.release_artists !== undefined) changes.releaseArtists = body.release_artists.map(clean);
    if (body.album_name !== undefined) changes.albumName = optionalText(body.album_name);
    if (body.release_date !== undefined) changes.releaseDate = body.release_date;
    if (body.image !== undefined) changes.image = body.image;
    if (body.spotify_track_id !== undefined) changes.spotifyTrackId = body.spotify_track_id;
    if (body.spotify_album_id !== undefined) changes.spotifyAlbumId = body.spotify_album_id;
    if (body.spotify_url !== undefined) changes.spotifyUrl = body.spotify_url;
    if (body.track_id !== undefined) changes.trackId = body.track_id;
    if (body.album_id !== undefined) changes.albumId = body.album_id;
    return changes;
  }

  return {
    async listArtistCredits({ params, auth }) {
      const artist = await findArtist(db, params.artist_id);
      if (!artist) return notFound('Artist');
      const rows = await listCredits(db, artist.id);
      const credits = auth.user ? rows.map(serializeCredit) : rows.map(serializeCreditPublic);
      return { status: 200, body: { status: 'success', credits } };
    },

    async createArtistCredit({ params, body, auth }) {
      const access = await managedArtist(params.artist_id, auth.user.id);
      if (access.denied) return access.denied;
      const fields = creditFields(body);
      const errors = {
        ...(await checkReferences({ releaseDate: fields.releaseDate, albumId: fields.albumId, trackIds: [['track_id', fields.trackId]] })),
        ...(await checkTaken(access.artist.id, [{ ...fields, errorFields: ['spotify_track_id', 'track_id'] }])),
      };
      if (Object.keys(errors).length > 0) return invalid(errors);
      try {
        const inserted = await insertCredits(db, access.artist.id, [fields]);
        if (inserted === 'gone') return notFound('Artist');
        if (inserted === 'limit') return creditLimitReached();
        return { status: 200, body: { status: 'success', credit: serializeCredit(inserted[0]!) } };
      } catch (err) {
        const conflict = raceConflict(err, fields.role);
        if (conflict) return invalid(conflict);
        throw err;
      }
    },

    async createArtistAlbumCredits({ params, body, auth }) {
      const access = await managedArtist(params.artist_id, auth.user.id);
      if (access.denied) return access.denied;
      const rows: CreditFields[] = body.tracks.map((track) => ({
        title: clean(track.title),
        role: body.role,
        releaseArtists: (track.release_artists ?? body.release_artists ?? []).map(clean),
        albumName: clean(body.album_name),
        releaseDate: body.release_date ?? null,
        image: body.image ?? null,
        spotifyTrackId: track.spotify_track_id ?? null,
        spotifyAlbumId: body.spotify_album_id ?? null,
        spotifyUrl: track.spotify_url ?? body.spotify_url ?? null,
        trackId: track.track_id ?? null,
        albumId: body.album_id ?? null,
      }));
      const errors: FieldErrors = await checkReferences({
        releaseDate: body.release_date,
        albumId: body.album_id,
        trackIds: rows.map((row, i) => [`tracks.${i}.track_id`, row.trackId]),
      });
      // One role for the whole album, so a track listed twice would be two identical credits.
      const seen = new Set<string>();
      rows.forEach((row, i) => {
        for (const [field, id] of [
          ['spotify_track_id', row.spotifyTrackId],
          ['track_id', row.trackId],
        ] as const) {
          if (!id) continue;
          const key = `${field}|${id}`;
          const name = `tracks.${i}.${field}`;
          if (seen.has(key)) errors[name] ??= [`The ${name} field has a duplicate value.`];
          seen.add(key);
        }
      });
      const taken = await checkTaken(
        access.artist.id,
        rows.map((row, i) => ({
          ...row,
          errorFields: [`tracks.${i}.spotify_track_id`, `tracks.${i}.track_id`] as [string, string],
        })),
      );
      for (const [field, messages] of Object.entries(taken)) errors[field] ??= messages;
      if (Object.keys(errors).length > 0) return invalid(errors);
      try {
        const inserted = await insertCredits(db, access.artist.id, rows);
        if (inserted === 'gone') return notFound('Artist');
        if (inserted === 'limit') return creditLimitReached();
        return { status: 200, body: { status: 'success', credits: inserted.map(serializeCredit) } };
      } catch (err) {
        if (uniqueViolation(err)) return invalid({ tracks: [`The artist already has a ${body.role} credit for one of these tracks.`] });
        throw err;
      }
    },

    async updateArtistCredit({ params, body, auth }) {
      const access = await managedArtist(params.artist_id, auth.user.id);
      if (access.denied) return access.denied;
      const credit = await findCredit(db, access.artist.id, params.credit_id);
      if (!credit) return notFound('Credit');
      const changes = changedFields(body);
      const after: CreditRow = { ...credit, ...changes };
      const errors = {
        ...(await checkReferences({ releaseDate: changes.releaseDate, albumId: changes.albumId, trackIds: [['track_id', changes.trackId]] })),
        ...(await checkTaken(access.artist.id, [{ ...after, errorFields: ['spotify_track_id', 'track_id'] }], credit.id)),
      };
      if (Object.keys(errors).length > 0) return invalid(errors);
      try {
        return { status: 200, body: { status: 'success', credit: serializeCredit(await updateCredit(db, credit.id, changes)) } };
      } catch (err) {
        const conflict = raceConflict(err, after.role);
        if (conflict) return invalid(conflict);
        throw err;
      }
    },

    async deleteArtistCredit({ params, auth }) {
      const access = await managedArtist(params.artist_id, auth.user.id);
      if (access.denied) return access.denied;
      if (!(await deleteCredit(db, access.artist.id, params.credit_id))) return notFound('Credit');
      return { status: 200, body: { status: 'success' } };
    },

    async reorderArtistCredits({ params, body, auth }) {
      const access = await managedArtist(params.artist_id, auth.user.id);
      if (access.denied) return access.denied;
      const result = await reorderCredits(db, access.artist.id, body.ids);
      if (result === 'gone') return notFound('Artist');
      if (result === 'mismatch') return invalid({ ids: ['The ids field must list every credit of the artist exactly once.'] });
      return { status: 200, body: { status: 'success', credits: result.map(serializeCredit) } };
    },

    async listCreditRoles() {
      const roles = (Object.entries(CREDIT_ROLES) as [CreditRole, string][]).map(([name, description]) => ({ name, description }));
      return { status: 200, body: { status: 'success', roles } };
    },

    async searchSpotifyCatalog({ query }) {
      if (!spotify) return spotifyNotConfigured();
      const type = query.type ?? 'all';
      const types: SpotifySearchType[] = type === 'all' ? ['track', 'album'] : [type];
      const results = await fromSpotify(() => spotify.search(query.query.trim(), { types, limit: query.limit ?? 10 }));
      return { status: 200, body: { status: 'success', tracks: results.tracks, albums: results.albums } };
    },

    async getSpotifyAlbum({ query }) {
      if (!spotify) return spotifyNotConfigured();
      // The spec's pattern admits an ID, a spotify:album: URI or an open.spotify.com link; the ID is the first 22-character run after "album".
      const id = SPOTIFY_ID.exec(query.id.replace(/^.*?album[:/]/, ''))![0];
      const album = await fromSpotify(() => spotify.getAlbum(id));
      if (!album) return notFoundWith('Spotify album not found.');
      return { status: 200, body: { status: 'success', album } };
    },
  };
}
