// Purchases and prices as the contract writes them: decimal major units, BeatPass's field names.
import type { components } from '../../../generated/api.js';
import { toMajorUnits, type Pricing } from '../../payments/pricing.js';
import type { ListedPurchase } from './repository.js';
import type { LicenseType } from '../licenses/issue.js';

type Schemas = components['schemas'];
type Currency = Schemas['CurrencyCode'];

export function serializePricing(licenseType: LicenseType, pricing: Pricing, licenseTerms: Record<string, unknown>): Schemas['Pricing'] {
  return {
    license_type: licenseType,
    track_price: toMajorUnits(pricing.trackPriceMinor),
    platform_fee: toMajorUnits(pricing.platformFeeMinor),
    platform_fee_rate: pricing.platformFeeRateBps / 100,
    platform_fee_flat: toMajorUnits(pricing.platformFeeFlatMinor),
    platform_fee_waived: pricing.platformFeeWaived,
    platform_fee_plan_id: pricing.platformFeePlanId,
    platform_fee_plan_name: pricing.platformFeePlanName,
    total_amount: toMajorUnits(pricing.totalMinor),
    artist_amount: toMajorUnits(pricing.artistAmountMinor),
    currency: pricing.currency as Currency,
    license_terms: licenseTerms,
  };
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as BeatPass writes `purchased_at`. */
const laravelDateTime = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');

export function serializePurchase(row: ListedPurchase): Schemas['Purchase'] {
  return {
    id: row.id,
    purchase_id: row.id,
    track_id: row.trackId,
    track_name: row.trackName,
    license_type: row.licenseType as LicenseType,
    status: row.status as Schemas['PurchaseStatusCode'],
    track_price: toMajorUnits(row.trackPriceMinor),
    platform_fee: toMajorUnits(row.platformFeeMinor),
    total_amount: toMajorUnits(row.totalMinor),
    artist_amount: toMajorUnits(row.artistAmountMinor),
    currency: row.currency as Currency,
    license_uuid: row.licenseUuid,
    purchased_at: row.succeededAt ? laravelDateTime(row.succeededAt) : null,
    created_at: row.createdAt.toISOString(),
  };
}

/** `$1,234.56` (the currency's symbol where English has one, else the code). */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(toMajorUnits(minor));
}
