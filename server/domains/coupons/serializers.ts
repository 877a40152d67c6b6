import type { components } from '../../../generated/api.js';
import { toMajorUnits } from '../../payments/pricing.js';
import type { CouponRow } from './repository.js';

type Coupon = components['schemas']['Coupon'];

/** Percent off for a percentage coupon; decimal major units for a fixed one (stored in minor units). */
export const couponAmount = (row: CouponRow): number => (row.type === 'percentage' ? row.amount : toMajorUnits(row.amount));

export function serializeCoupon(row: CouponRow): Coupon {
  return {
    id: row.id,
    code: row.code,
    type: row.type as Coupon['type'],
    amount: couponAmount(row),
    currency: row.currency as Coupon['currency'],
    product_ids: (row.productIds as Coupon['product_ids']) ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  };
}
