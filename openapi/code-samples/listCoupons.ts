import { createBeatPassClient, unwrap } from '../../client/index.js';

// Anonymous callers see the coupons open to everyone; signed in, also those made for you.
const api = createBeatPassClient({ baseUrl: 'https://open.beatpass.ca' });

const { coupons } = unwrap(await api.GET('/api/v1/coupons'));
for (const coupon of coupons) {
  const off = coupon.type === 'percentage' ? `${coupon.amount}%` : `${coupon.amount} ${coupon.currency}`;
  console.log(coupon.code, off, coupon.product_ids ?? 'every plan', coupon.expires_at ?? 'no expiry');
}
