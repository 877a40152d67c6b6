import type { Db } from '../../db/connection.js';
import type { HandlerInput, TagHandlers } from '../../contract/handlers.js';
import { invalidField } from '../../contract/responses.js';
import type { CommerceSettings } from '../../payments/commerce.js';
import { toMajorUnits } from '../../payments/pricing.js';
import { findCouponByCode, listAvailableCoupons, type CouponRow } from './repository.js';
import { couponAmount, serializeCoupon } from './serializers.js';

/** BeatPass's limit on a code, in bytes of the trimmed, upper-cased text. */
const CODE_MAX_BYTES = 50;

/** What a coupon takes off `amountMinor`: a percentage rounded half up to the minor unit, never more than the amount. */
export function discountMinor(coupon: Pick<CouponRow, 'type' | 'amount'>, amountMinor: number): number {
  const off = coupon.type === 'percentage' ? Math.floor((amountMinor * coupon.amount + 50) / 100) : coupon.amount;
  return Math.min(off, amountMinor);
}

type ValidateInput = HandlerInput<'validateBillingCoupon'>;

async function validate(db: Db, { body, auth }: Pick<ValidateInput, 'body' | 'auth'>) {
  const code = body.code.trim().toUpperCase();
  if (code === '') return invalidField('code', 'The code field is required.');
  if (Buffer.byteLength(code) > CODE_MAX_BYTES) return invalidField('code', `The code field must not be greater than ${CODE_MAX_BYTES} characters.`);
  const coupon = await findCouponByCode(db, code);
  if (!coupon) return invalidField('code', 'The coupon code is invalid.');
  if (coupon.expiresAt !== null && coupon.expiresAt.getTime() <= Date.now()) return invalidField('code', 'This coupon has expired.');
  if (coupon.userId !== null && coupon.userId !== auth.user.id) return invalidField('code', 'This coupon is not available for your account.');
  const product = body.product_id ?? null;
  if (product !== null && coupon.productIds !== null && !coupon.productIds.includes(product)) {
    return invalidField('code', 'This coupon cannot be applied to the selected plan.');
  }
  // Checkout amounts arrive as decimals; the arithmetic is done in whole cents so 0.1 + 0.2 never shows.
  const amountMinor = Math.round((body.amount ?? 0) * 100);
  const off = discountMinor(coupon, amountMinor);
  return {
    status: 200 as const,
    body: {
      status: 'success' as const,
      coupon: { id: coupon.id, code: coupon.code, type: coupon.type as 'percentage' | 'fixed', amount: couponAmount(coupon) },
      discount_amount: toMajorUnits(off),
      final_amount: toMajorUnits(amountMinor - off),
      savings: toMajorUnits(off),
      valid: true as const,
    },
  };
}

export function createCouponHandlers(db: Db, commerce: CommerceSettings): TagHandlers<'Coupons'> {
  // Coupons discount subscriptions, which no payment provider call is made for here.
  void commerce;
  return {
    validateBillingCoupon: (input) => validate(db, input),

    validateCoupon: (input) => validate(db, input),

    async listCoupons({ auth }) {
      const rows = await listAvailableCoupons(db, auth.user?.id ?? null);
      return { status: 200, body: { status: 'success', coupons: rows.map(serializeCoupon) } };
    },

    async listProductCoupons({ params, auth }) {
      const rows = await listAvailableCoupons(db, auth.user?.id ?? null, params.product);
      return { status: 200, body: { status: 'success', coupons: rows.map(serializeCoupon) } };
    },

    async listPlanCoupons({ params, auth }) {
      const rows = await listAvailableCoupons(db, auth.user.id, params.plan_id);
      return { status: 200, body: { status: 'success', coupons: rows.map(serializeCoupon) } };
    },
  };
}
