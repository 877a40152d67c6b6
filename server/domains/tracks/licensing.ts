// BeatPass's licensing rules for a track, applied to the fields as they will be stored
// (after an update is merged), so create and update cannot disagree.
import type { FieldErrors } from '../../contract/responses.js';

export interface LicensingFields {
  licensingType: 'non_exclusive_only' | 'both' | 'exclusive_only';
  exclusiveStatus: string | null;
  exclusivePriceMinor: number | null;
  exclusiveCurrency: string | null;
  exclusiveContactEmail: string | null;
}

/** Returns the errors, or the fields normalised as BeatPass stores them. */
export function checkLicensing(fields: LicensingFields): { errors: FieldErrors } | { fields: LicensingFields } {
  const errors: FieldErrors = {};
  if (fields.licensingType === 'non_exclusive_only') {
    return { fields: { ...fields, exclusiveStatus: null, exclusivePriceMinor: null, exclusiveCurrency: null, exclusiveContactEmail: null } };
  }
  // `sold` is set by a completed exclusive sale; it stays as it is, with its terms.
  if (fields.exclusiveStatus === 'sold') return { fields };
  if (fields.exclusiveStatus === null) {
    errors.exclusive_status = ['The exclusive status field is required unless the track is non-exclusive only.'];
  }
  if (!fields.exclusiveContactEmail) {
    errors.exclusive_contact_email = ['The exclusive contact email field is required unless the track is non-exclusive only.'];
  }
  if (fields.exclusiveStatus === 'available' && fields.exclusivePriceMinor === null) {
    errors.exclusive_price = ['The exclusive price field is required when exclusive rights are available.'];
  }
  if (Object.keys(errors).length > 0) return { errors };
  if (fields.exclusiveStatus === 'not_available') return { fields: { ...fields, exclusivePriceMinor: null, exclusiveCurrency: null } };
  return { fields: { ...fields, exclusiveCurrency: fields.exclusiveCurrency ?? 'USD' } };
}

/** Major units (29.99) to minor units (2999), rounding away float noise. */
export const toMinorUnits = (major: number | null | undefined): number | null => (major === null || major === undefined ? null : Math.round(major * 100));
