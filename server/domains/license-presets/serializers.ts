import type { components } from '../../../generated/api.js';
import type { PresetWithUsage } from './repository.js';
import { storedConfig } from './terms.js';

export function serializePreset(preset: PresetWithUsage): components['schemas']['ExclusiveLicensePreset'] {
  return {
    id: preset.id,
    name: preset.name,
    description: preset.description,
    is_default: preset.isDefault,
    config: storedConfig(preset.config),
    tracks_count: preset.tracksCount,
    created_at: preset.createdAt.toISOString(),
    updated_at: preset.updatedAt.toISOString(),
  };
}
