// Exclusive-license terms as BeatPass validates them: a config sent replaces the stored one,
// the keys it leaves out take the platform's values, and two limits follow their rights.
// Terms are stored complete, as resolved when saved, so a certificate states what the
// producer saw, also if the platform's values change later.
import type { components } from '../../../generated/api.js';
import type { FieldErrors } from '../../contract/responses.js';
import { PLATFORM_EXCLUSIVE_LICENSE_CONFIG } from './platform-default.js';

export type ExclusiveLicenseConfig = components['schemas']['ExclusiveLicenseConfig'];
export type ExclusiveLicenseConfigInput = components['schemas']['ExclusiveLicenseConfigInput'];

const REQUIRED_FILES = ['wav', 'stems'] as const;

/** The platform's terms, as a fresh object a caller may change. */
export function platformConfig(): ExclusiveLicenseConfig {
  return structuredClone(PLATFORM_EXCLUSIVE_LICENSE_CONFIG) as unknown as ExclusiveLicenseConfig;
}

/** Without a right, its limit is 0 whatever was sent (BeatPass forces it). */
function withRightsApplied(config: ExclusiveLicenseConfig): ExclusiveLicenseConfig {
  return {
    ...config,
    audio_streams_allowed: config.streaming_rights ? config.audio_streams_allowed : 0,
    radio_stations_allowed: config.broadcasting_rights ? config.radio_stations_allowed : 0,
  };
}

/**
 * The complete terms a sent config stands for, or its field errors, addressed under `prefix`
 * (`config.`). Bounds and types were checked by request validation; these are the rules
 * across fields.
 */
export function resolveConfig(input: ExclusiveLicenseConfigInput, prefix: string): { config: ExclusiveLicenseConfig } | { errors: FieldErrors } {
  const merged: ExclusiveLicenseConfig = { ...platformConfig(), ...structuredClone(input) };
  const errors: FieldErrors = {};
  const { producer, licensee } = merged.publishing_share;
  if (producer + licensee !== 100) {
    errors[`${prefix}publishing_share`] = ['The producer and licensee publishing shares must add up to 100.'];
  }
  if (!REQUIRED_FILES.every((file) => merged.files_to_deliver.includes(file))) {
    errors[`${prefix}files_to_deliver`] = ['The files to deliver must include wav and stems.'];
  }
  if (merged.streaming_rights && merged.audio_streams_allowed === 0) {
    errors[`${prefix}audio_streams_allowed`] = ['The audio streams allowed must be unlimited or a positive number while streaming rights are granted.'];
  }
  if (merged.broadcasting_rights && merged.radio_stations_allowed === 0) {
    errors[`${prefix}radio_stations_allowed`] = ['The radio stations allowed must be unlimited or a positive number while broadcasting rights are granted.'];
  }
  return Object.keys(errors).length > 0 ? { errors } : { config: withRightsApplied(merged) };
}

/** Stored terms as the contract states them: complete, whatever wrote them. */
export function storedConfig(stored: Record<string, unknown> | null): ExclusiveLicenseConfig {
  return withRightsApplied({ ...platformConfig(), ...(stored ?? {}) } as ExclusiveLicenseConfig);
}
