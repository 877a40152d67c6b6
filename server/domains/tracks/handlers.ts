// Publishing and playing tracks: upload → extract metadata → publish; edit and delete by
// owners and artist managers; download with Range; waveforms; play logging.
import type { components } from '../../../generated/api.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, invalidField, notFound, notFoundWith, type FieldErrors } from '../../contract/responses.js';
import type { Db } from '../../db/connection.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { RequestContext } from '../../http/request-context.js';
import type { Storage } from '../../storage/storage.js';
import { findTrack, loadTrackDetails } from '../catalog/repository.js';
import { durationText, serializeTrack } from '../catalog/serializers.js';
import { editableTrackIds, managedArtistIds, parseIdList } from '../catalog/permissions.js';
import { createCommentHandlers } from '../comments/handlers.js';
import { waveComments } from '../comments/repository.js';
import { serializeComment } from '../comments/serializers.js';
import { clientInfo } from '../analytics/client-info.js';
import { recordDownloadStart, startsDownload } from '../analytics/recording.js';
import { holdsLicense } from '../licenses/repository.js';
import { createPlayerHandlers } from '../player/handlers.js';
import { isOwnPreset, isPresetReferenceViolation } from '../license-presets/repository.js';
import { analyseWav, RejectedAudioError } from './audio-analysis.js';
import { hintsFromFileName } from './file-name-hints.js';
import type { UploadRules } from './upload-rules.js';
import { createTrackCatalogReads } from './catalog-reads.js';
import { checkLicensing, toMinorUnits, type LicensingFields } from './licensing.js';
import {
  deleteTracks,
  engagementOf,
  existingArtistIds,
  existingTrackIds,
  findFileEntry,
  genresByName,
  insertFileEntryWithinQuota,
  wavFileEntry,
  insertTrack,
  isFileEntryPublished,
  logPlay,
  recordListened,
  setPostedStatus,
  trackAudio,
  trackNameTaken,
  updateTrack,
  wavesOf,
  type FileEntryRow,
  type TrackValues,
} from './repository.js';

type TrackFields = components['schemas']['TrackFields'];

const FILE_EXTENSION = /\.(wav|mp3|flac|aiff?|ogg|m4a|aac)$/i;
const PAID_PLANS = new Set(['classic', 'plus', 'pro']);

const OWN_TRACKS_ONLY = 'You can only change your own tracks.';
const NAME_TAKEN = 'The name has already been taken.';
const UNKNOWN_PRESET = 'The selected exclusive license preset id is invalid.';

function serializeFileEntry(entry: FileEntryRow): components['schemas']['FileEntry'] {
  return {
    id: entry.id,
    name: entry.originalName,
    mime: 'audio/wav',
    size: entry.sizeBytes,
    duration: entry.durationMs,
    duration_text: durationText(entry.durationMs),
    sample_rate: entry.sampleRate,
    channels: entry.channels,
    bits_per_sample: entry.bitsPerSample as 8 | 16 | 24 | 32,
    created_at: entry.createdAt.toISOString(),
  };
}

export function createTrackHandlers(db: Db, storage: Storage, uploads: UploadRules): TagHandlers<'Tracks'> {
  /** Resolves credited artists (`CURRENT_USER` → the caller's profile) and checks that the caller is among them. */
  async function resolveArtists(
    userId: number,
    requested: NonNullable<TrackFields['artists']>,
  ): Promise<{ ids: number[] } | { forbidden: string } | { errors: FieldErrors }> {
    const managed = await managedArtistIds(db, userId);
    const ids: number[] = [];
    for (const entry of requested) {
      const id = entry === 'CURRENT_USER' ? managed[0] : entry;
      if (id === undefined) return { forbidden: 'You need an artist profile to publish tracks.' };
      if (!ids.includes(id)) ids.push(id);
    }
    const existing = await existingArtistIds(db, ids);
    const unknown = ids.findIndex((id) => !existing.has(id));
    if (unknown >= 0) return { errors: { [`artists.${unknown}`]: [`The selected artists.${unknown} is invalid.`] } };
    if (!ids.some((id) => managed.includes(id))) {
      return { forbidden: 'You can only publish tracks credited to an artist you manage.' };
    }
    return { ids };
  }

  async function resolveGenres(names: string[]): Promise<{ ids: number[] } | { errors: FieldErrors }> {
    const found = await genresByName(db, names);
    const unknown = names.findIndex((name) => !found.has(name));
    if (unknown >= 0) return { errors: { [`genres.${unknown}`]: [`The selected genres.${unknown} is invalid.`] } };
    return { ids: [...new Set(names.map((name) => found.get(name)!))] };
  }

  async function checkName(name: string, exceptId?: number): Promise<FieldErrors | undefined> {
    if (FILE_EXTENSION.test(name.trim())) return { name: ['The name must not end with a file extension.'] };
    if (await trackNameTaken(db, name.trim(), exceptId)) return { name: [NAME_TAKEN] };
    return undefined;
  }

  async function richTrack(trackId: number, viewerId: number) {
    const track = await findTrack(db, trackId);
    const [details] = await loadTrackDetails(db, [track!], viewerId);
    return serializeTrack(details!);
  }

  async function logPlayFor(trackId: number, auth: RequestContext, body: components['schemas']['PlayLogRequest'] | undefined) {
    if (!(await findTrack(db, trackId))) return notFound('Track');
    const key = body?.idempotency_key ?? null;
    const userId = auth.user?.id ?? null;
    const play = await logPlay(db, {
      trackId,
      userId,
      idempotencyKey: key,
      queueId: body?.queueId ?? null,
      position: body?.position ?? null,
      ...clientInfo(auth.userAgent, auth.cdnCountry),
    });
    // A key is not a way to read another listener's play token.
    if (play.userId !== userId) return invalidField('idempotency_key', 'The idempotency key has already been used.');
    return { status: 200 as const, body: { status: 'success' as const, play_token: play.playToken } };
  }

  return {
    ...createTrackCatalogReads(db),
    ...createCommentHandlers(db),
    ...createPlayerHandlers(db),

    async uploadTrackAudio({ files, auth }) {
      const user = auth.user;
      const file = files.find((f) => f.field === 'file');
      const refusal = await uploads.refusal(user.id, file?.size ?? 0);
      if (refusal) return refusal;
      if (!file) return invalidField('file', 'The file field must be a file.');
      let analysis;
      try {
        analysis = await analyseWav(file.path);
      } catch (err) {
        if (err instanceof RejectedAudioError) return invalidField('file', err.message);
        throw err;
      }
      const key = await storage.adopt(file.path, 'wav');
      try {
        const entry = await insertFileEntryWithinQuota(
          db,
          wavFileEntry({ ownerId: user.id, originalName: file.originalName.slice(0, 255), sizeBytes: file.size, storageKey: key }, analysis),
          uploads.quotaBytes,
        );
        if (!entry) {
          // Another upload of this account took the room while this one was analysed.
          await storage.remove(key);
          return uploads.quotaExceeded();
        }
        return { status: 201, body: { status: 'success', fileEntry: serializeFileEntry(entry) } };
      } catch (err) {
        await storage.remove(key);
        throw err;
      }
    },

    async extractTrackMetadata({ params, auth }) {
      const entry = await findFileEntry(db, params.file_entry_id);
      if (!entry || entry.ownerId !== auth.user.id) return notFound('Upload');
      const hints = hintsFromFileName(entry.originalName);
      return {
        status: 200,
        body: {
          status: 'success',
          metadata: {
            file_entry_id: entry.id,
            name: hints.name,
            duration: entry.durationMs,
            duration_text: durationText(entry.durationMs),
            sample_rate: entry.sampleRate,
            channels: entry.channels,
            bits_per_sample: entry.bitsPerSample as 8 | 16 | 24 | 32,
            bpm: hints.bpm,
            key: hints.key,
            scale: hints.scale,
          },
        },
      };
    },

    async createTrack({ body, auth }) {
      const user = auth.user;
      const artists = await resolveArtists(user.id, body.artists);
      if ('forbidden' in artists) return forbidden(artists.forbidden);
      if ('errors' in artists) return invalid(artists.errors);
      const entry = await findFileEntry(db, body.file_entry_id);
      if (!entry || entry.ownerId !== user.id) return invalidField('file_entry_id', 'The selected file_entry_id is invalid.');
      if (await isFileEntryPublished(db, entry.id)) return invalidField('file_entry_id', 'This upload has already been published.');
      const nameErrors = await checkName(body.name);
      if (nameErrors) return invalid(nameErrors);
      const genres = await resolveGenres(body.genres ?? []);
      if ('errors' in genres) return invalid(genres.errors);
      const licensing = checkLicensing({
        licensingType: body.licensing_type,
        exclusiveStatus: body.exclusive_status ?? null,
        exclusivePriceMinor: toMinorUnits(body.exclusive_price),
        exclusiveCurrency: body.exclusive_currency ?? null,
        exclusiveContactEmail: body.exclusive_contact_email ?? null,
      });
      if ('errors' in licensing) return invalid(licensing.errors);

      const values: TrackValues = {
        name: body.name.trim(),
        description: body.description ?? null,
        image: body.image,
        durationMs: entry.durationMs,
        bpm: body.bpm,
        key: body.key,
        scale: body.scale,
        priceMinor: toMinorUnits(body.price),
        currency: body.currency ?? 'USD',
        ...licensingColumns(licensing.fields),
        ownerId: user.id,
        fileEntryId: entry.id,
      };
      try {
        const track = await insertTrack(db, values, artists.ids, genres.ids);
        return { status: 200, body: { status: 'success', track: await richTrack(track.id, user.id) } };
      } catch (err) {
        if (isUniqueViolation(err)) return invalidField('name', NAME_TAKEN);
        throw err;
      }
    },

    async updateTrack({ params, body, auth }) {
      const user = auth.user;
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      if (!(await editableTrackIds(db, user.id, [track.id])).has(track.id)) return forbidden(OWN_TRACKS_ONLY);
      let artistIds: number[] | undefined;
      if (body.artists) {
        const artists = await resolveArtists(user.id, body.artists);
        if ('forbidden' in artists) return forbidden(artists.forbidden);
        if ('errors' in artists) return invalid(artists.errors);
        artistIds = artists.ids;
      }
      let genreIds: number[] | undefined;
      if (body.genres) {
        const genres = await resolveGenres(body.genres);
        if ('errors' in genres) return invalid(genres.errors);
        genreIds = genres.ids;
      }
      if (body.name !== undefined) {
        const nameErrors = await checkName(body.name, track.id);
        if (nameErrors) return invalid(nameErrors);
      }
      const licensing = checkLicensing({
        licensingType: body.licensing_type ?? (track.licensingType as LicensingFields['licensingType']),
        exclusiveStatus: body.exclusive_status !== undefined ? body.exclusive_status : track.exclusiveStatus,
        exclusivePriceMinor: body.exclusive_price !== undefined ? toMinorUnits(body.exclusive_price) : track.exclusivePriceMinor,
        exclusiveCurrency: body.exclusive_currency !== undefined ? body.exclusive_currency : track.exclusiveCurrency,
        exclusiveContactEmail: body.exclusive_contact_email !== undefined ? body.exclusive_contact_email : track.exclusiveContactEmail,
      });
      if ('errors' in licensing) return invalid(licensing.errors);
      const presetId = body.exclusive_license_preset_id;
      if (presetId !== undefined && presetId !== null && !(await isOwnPreset(db, user.id, presetId))) {
        return invalidField('exclusive_license_preset_id', UNKNOWN_PRESET);
      }

      const values: Partial<TrackValues> = {
        ...(body.name !== undefined && { name: body.name.trim() }),
        ...(body.description !== undefined && { description: body.description }),
        ...(body.image !== undefined && { image: body.image }),
        ...(body.bpm !== undefined && { bpm: body.bpm }),
        ...(body.key !== undefined && { key: body.key }),
        ...(body.scale !== undefined && { scale: body.scale }),
        ...(body.price !== undefined && { priceMinor: toMinorUnits(body.price) }),
        ...(body.currency !== undefined && { currency: body.currency }),
        ...licensingColumns(licensing.fields),
        ...(presetId !== undefined && { exclusiveLicensePresetId: presetId }),
      };
      try {
        await updateTrack(db, track.id, values, artistIds, genreIds);
      } catch (err) {
        if (isUniqueViolation(err)) return invalidField('name', NAME_TAKEN);
        // The preset was deleted between the check above and the write.
        if (isPresetReferenceViolation(err)) return invalidField('exclusive_license_preset_id', UNKNOWN_PRESET);
        throw err;
      }
      return { status: 200, body: { status: 'success', track: await richTrack(track.id, user.id) } };
    },

    async deleteTracks({ params, auth }) {
      const ids = parseIdList(params.track_id);
      const existing = await existingTrackIds(db, ids);
      if (existing.size < ids.length) return notFound('Track');
      const editable = await editableTrackIds(db, auth.user.id, ids);
      if (ids.some((id) => !editable.has(id))) return forbidden(OWN_TRACKS_ONLY);
      const keys = await deleteTracks(db, ids);
      await Promise.all(keys.map((key) => storage.remove(key)));
      return { status: 200, body: { status: 'success' } };
    },

    async downloadTrack({ params, headers, auth }) {
      const user = auth.user;
      const found = await trackAudio(db, params.track_id);
      if (!found) return notFound('Track');
      const manages = (await editableTrackIds(db, user.id, [found.track.id])).has(found.track.id);
      // A bought license is the right to the track's audio, with or without a plan.
      const mayDownload = manages || PAID_PLANS.has(user.plan ?? '') || (await holdsLicense(db, user.id, found.track.id));
      if (!mayDownload) return forbidden('Downloads need a Classic, Plus or Pro plan.');
      if (!found.file) return notFoundWith('This track has no downloadable audio.');
      if (startsDownload(headers.Range ?? null)) await recordDownloadStart(db, found.track.id, user.id);
      return {
        status: 200,
        body: { kind: 'file', path: storage.localPath(found.file.storageKey), contentType: 'audio/wav', downloadName: `${found.track.name}.wav` },
      };
    },

    async getTrackWave({ params }) {
      const waves = await wavesOf(db, [params.track_id]);
      const wave = waves.get(params.track_id);
      if (!wave) return notFound('Track');
      const comments = (await waveComments(db, params.track_id)).map(serializeComment);
      return { status: 200, body: { status: 'success', waveData: wave, comments } };
    },

    async getTrackWaves({ body }) {
      const waves = await wavesOf(db, body.track_ids);
      return { status: 200, body: { status: 'success', waves: Object.fromEntries([...waves].map(([id, peaks]) => [String(id), peaks])) } };
    },

    async logTrackPlay({ params, body, auth }) {
      return logPlayFor(params.track_id, auth, body);
    },

    async recordTrackPlay({ params, body, auth }) {
      return logPlayFor(params.track_id, auth, body);
    },

    async updateTrackPlayDuration({ params, body }) {
      const recorded = await recordListened(db, params.track_id, body.play_token, body.listened_ms);
      if (!recorded) return notFound('Play');
      return { status: 200, body: { status: 'success' } };
    },

    async getTrackEngagementMetrics({ params }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      return { status: 200, body: { status: 'success', metrics: await engagementOf(db, track) } };
    },

    async updateTrackPostedStatus({ params, body, auth }) {
      const track = await findTrack(db, params.track_id);
      if (!track) return notFound('Track');
      if (!(await editableTrackIds(db, auth.user.id, [track.id])).has(track.id)) return forbidden(OWN_TRACKS_ONLY);
      const postedAt = await setPostedStatus(db, track.id, body.posted);
      return {
        status: 200,
        body: { status: 'success', posted_status: { track_id: track.id, posted: postedAt !== null, posted_at: postedAt?.toISOString() ?? null } },
      };
    },
  };
}

function licensingColumns(fields: LicensingFields) {
  return {
    licensingType: fields.licensingType,
    exclusiveStatus: fields.exclusiveStatus,
    exclusivePriceMinor: fields.exclusivePriceMinor,
    exclusiveCurrency: fields.exclusiveCurrency,
    exclusiveContactEmail: fields.exclusiveContactEmail,
  };
}
