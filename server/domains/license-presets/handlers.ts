// Exclusive-license presets (a user's saved terms, one of them the default), the platform's
// terms, and the default terms of the caller's artist profile.
import type { Db } from '../../db/connection.js';
import type { TagHandlers } from '../../contract/handlers.js';
import { forbidden, invalid, invalidField, limitReached, notFound } from '../../contract/responses.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import {
  MAX_PRESETS_PER_USER,
  artistDefaultOf,
  createPreset,
  deletePreset,
  findPreset,
  listPresets,
  setArtistDefault,
  setDefaultPreset,
  updatePreset,
  type PresetValues,
  type PresetWithUsage,
} from './repository.js';
import { serializePreset } from './serializers.js';
import { platformConfig, resolveConfig, storedConfig } from './terms.js';

const NO_ARTIST = 'You need an artist profile to have default exclusive license terms.';
const BLANK_NAME = 'The name field is required.';

export function createLicensePresetHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'License presets'> {
  // Presets are terms, not payments: nothing here depends on the payment settings.
  void commerce;

  /** The caller's preset as the contract shows it, read back after a write. */
  async function saved(userId: number, presetId: number): Promise<PresetWithUsage> {
    const preset = await findPreset(db, userId, presetId);
    if (!preset) throw new Error(`Preset ${presetId} vanished right after it was written`);
    return preset;
  }

  return {
    async listExclusiveLicensePresets({ auth }) {
      const presets = await listPresets(db, auth.user.id);
      return { status: 200, body: { status: 'success', presets: presets.map(serializePreset) } };
    },

    async getExclusiveLicenseDefaultConfig() {
      return { status: 200, body: { status: 'success', config: platformConfig() } };
    },

    async getExclusiveLicensePreset({ params, auth }) {
      const preset = await findPreset(db, auth.user.id, params.preset_id);
      if (!preset) return notFound('Preset');
      return { status: 200, body: { status: 'success', preset: serializePreset(preset) } };
    },

    async createExclusiveLicensePreset({ body, auth }) {
      const name = body.name.trim();
      if (name === '') return invalidField('name', BLANK_NAME);
      const terms = resolveConfig(body.config, 'config.');
      if ('errors' in terms) return invalid(terms.errors);
      const created = await createPreset(db, auth.user.id, { name, description: body.description ?? null, config: terms.config }, body.is_default ?? false);
      if (created === 'limit-reached') {
        return limitReached('preset_limit_reached', `Preset limit reached. You can have at most ${MAX_PRESETS_PER_USER} exclusive license presets.`);
      }
      const preset = await saved(auth.user.id, created);
      return { status: 200, body: { status: 'success', preset: serializePreset(preset), message: 'Preset created successfully.' } };
    },

    async updateExclusiveLicensePreset({ params, body, auth }) {
      const values: Partial<PresetValues> = {};
      if (body.name !== undefined) {
        values.name = body.name.trim();
        if (values.name === '') return invalidField('name', BLANK_NAME);
      }
      if (body.description !== undefined) values.description = body.description;
      if (body.config !== undefined) {
        const terms = resolveConfig(body.config, 'config.');
        if ('errors' in terms) return invalid(terms.errors);
        values.config = terms.config;
      }
      if (!(await updatePreset(db, auth.user.id, params.preset_id, values))) return notFound('Preset');
      const preset = await saved(auth.user.id, params.preset_id);
      return { status: 200, body: { status: 'success', preset: serializePreset(preset), message: 'Preset updated successfully.' } };
    },

    async deleteExclusiveLicensePreset({ params, auth }) {
      const outcome = await deletePreset(db, auth.user.id, params.preset_id);
      if (outcome === 'not-found') return notFound('Preset');
      if (outcome !== 'deleted') {
        const tracks = outcome.inUse === 1 ? '1 track' : `${outcome.inUse} tracks`;
        return {
          status: 422,
          body: { message: `This preset is used by ${tracks} and cannot be deleted. Assign those tracks another preset first.`, errors: [] },
        };
      }
      return { status: 200, body: { status: 'success', message: 'Preset deleted successfully.' } };
    },

    async setDefaultExclusiveLicensePreset({ params, auth }) {
      if (!(await setDefaultPreset(db, auth.user.id, params.preset_id))) return notFound('Preset');
      const preset = await saved(auth.user.id, params.preset_id);
      return { status: 200, body: { status: 'success', preset: serializePreset(preset), message: 'Default preset updated successfully.' } };
    },

    async getArtistExclusiveLicenseDefault({ auth }) {
      const artist = await artistDefaultOf(db, auth.user.id);
      if (!artist) return forbidden(NO_ARTIST);
      return {
        status: 200,
        body: { status: 'success', artist_id: artist.artistId, config: storedConfig(artist.config), is_platform_default: artist.config === null },
      };
    },

    async setArtistExclusiveLicenseDefault({ body, auth }) {
      const artist = await artistDefaultOf(db, auth.user.id);
      if (!artist) return forbidden(NO_ARTIST);
      let config = null;
      if (body.config !== null) {
        const terms = resolveConfig(body.config, 'config.');
        if ('errors' in terms) return invalid(terms.errors);
        config = terms.config;
      }
      await setArtistDefault(db, artist.artistId, config);
      return {
        status: 200,
        body: {
          status: 'success',
          artist_id: artist.artistId,
          config: config ?? platformConfig(),
          is_platform_default: config === null,
          message: 'Default exclusive license terms saved.',
        },
      };
    },
  };
}
